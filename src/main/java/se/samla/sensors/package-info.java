/** Sensors: devices and their types, SenML readings taken over MQTT and HTTP, and the rules that open cases from them. */
package se.samla.sensors;
