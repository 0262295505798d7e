/** The built-in demo lock controller: takes grants over MQTT like a real one and opens to a PIN; never in production. */
package se.samla.booking.demo;
