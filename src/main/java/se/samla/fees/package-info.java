/** Fees and invoices: what a case costs, the invoices and their OCR references, payments and the accounting export. */
package se.samla.fees;
