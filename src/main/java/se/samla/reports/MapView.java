package se.samla.reports;

/**
 * A map on a page, drawn by Leaflet where scripts run; the page works without it.
 *
 * @param dataUrl  where the map reads its reports as GeoJSON, or null
 * @param pickable whether a click sets the place of a new report
 */
public record MapView(
        String tiles,
        String attribution,
        double latitude,
        double longitude,
        int zoom,
        String dataUrl,
        boolean pickable,
        Double markerLatitude,
        Double markerLongitude) {}
