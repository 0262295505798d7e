/** What the fee and invoice pages show. */
package se.samla.fees.view;
