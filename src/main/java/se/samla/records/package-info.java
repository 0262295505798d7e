/** Records (diarium): registration of official documents, secrecy markings and the public register. */
package se.samla.records;
