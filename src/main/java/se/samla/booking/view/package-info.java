/** What the booking pages show. */
package se.samla.booking.view;
