/** Open data: the datasets Samla publishes by itself and those administrators upload, their downloads and query APIs, and the DCAT-AP-SE catalogue. */
package se.samla.opendata;
