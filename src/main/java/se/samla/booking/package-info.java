/** Bookable facilities (halls, rooms, study rooms) and their bookings, which the database never lets overlap. */
package se.samla.booking;
