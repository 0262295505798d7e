/** What the guide's page templates show, resolved to the reader's language. */
package se.samla.guide.view;
