/** What the open data page shows, as plain values for the template. */
package se.samla.opendata.view;
