/** What the report pages show, as plain values for the templates. */
package se.samla.reports.view;
