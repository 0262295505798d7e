package se.samla.sensors.view;

import java.util.List;

/** The administrator's view of the municipality's sensors: each device, its latest values, and what it had refused. */
public record DevicesView(List<Device> devices, List<Refusal> refusals) {

    /** @param latest its measurements' latest values, e.g. "level 2,05 m (2026-12-01 14:05)" */
    public record Device(String id, String name, String type, String unit, String place, List<String> latest) {}

    public record Refusal(String device, String reason, long count, String lastAt, String lastDetail) {}
}
