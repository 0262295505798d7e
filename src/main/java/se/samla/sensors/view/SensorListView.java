package se.samla.sensors.view;

import java.util.List;

/** The municipality's devices in a list: the staff see all, the public the published types. */
public record SensorListView(List<Item> devices, boolean staff, String routeHref) {

    /** @param alarms the names of its rules that alarm now */
    public record Item(
            String id, String name, String type, String unit, String place, List<String> latest, List<String> alarms) {}
}
