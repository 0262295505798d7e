/** Case types: their forms, lifecycle, service norm, confidentiality, results and retention; versioned per tenant. */
package se.samla.catalog;
