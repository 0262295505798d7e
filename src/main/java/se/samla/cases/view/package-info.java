/** What the cases module's page templates show, resolved to the reader's language. */
package se.samla.cases.view;
