/** Problem reports in public space (felanmälan): places and areas, reports on a map, duplicates, Open311. */
package se.samla.reports;
