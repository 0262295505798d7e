/** What the sensor pages show. */
package se.samla.sensors.view;
