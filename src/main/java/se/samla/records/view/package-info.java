/** What the register pages show, as plain values for the templates. */
package se.samla.records.view;
