package se.samla.reports;

/** A named part of a municipality, drawn as a polygon in its configuration (areas.geojson). */
public record Area(String code, String name) {}
