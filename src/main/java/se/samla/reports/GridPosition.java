package se.samla.reports;

/**
 * A place in SWEREF 99 TM (EPSG:3006), the national grid that municipal GIS works in.
 *
 * @param northing metres north of the equator
 * @param easting  metres east, 500,000 on the central meridian 15° E
 */
public record GridPosition(double northing, double easting) {}
