/** The append-only, hash-chained audit log of changes and of every access to personal data. */
package se.samla.audit;
