/** The demo sensor simulator: realistic SenML over MQTT for the demo devices; refused under the prod profile. */
package se.samla.sensors.demo;
