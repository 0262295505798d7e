package se.samla.sensors.view;

import java.util.List;

/**
 * A unit's round of the devices to empty today, in order from the depot, printable and as GeoJSON.
 *
 * @param units the units the staff member may choose between, when more than one has a depot
 */
public record RoundView(
        String unit,
        String unitName,
        String depot,
        String day,
        List<Stop> stops,
        String kilometres,
        String geojsonHref,
        List<DeviceView.Option> units) {

    public record Stop(int order, String id, String name, String reading, String at, int metres, String mapLink) {}
}
