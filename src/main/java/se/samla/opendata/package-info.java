/** Open data: the datasets Samla publishes by itself, their downloads, and the DCAT-AP-SE catalogue. */
package se.samla.opendata;
