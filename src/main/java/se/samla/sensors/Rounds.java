package se.samla.sensors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import se.samla.shared.TenantId;

/**
 * Demand-driven rounds: a unit's devices that are emptied on a round (bins) and read past one of their threshold rules
 * now, ordered from the unit's depot by nearest neighbour and back, so the crew empties what is full instead of every
 * bin on a fixed day.
 */
@Service
class Rounds {

    /** A stop of the round: the device, the reading that put it there, and how far it is from the stop before. */
    record Stop(int order, Device device, String measurement, double value, String unit, Instant at, long metres) {}

    /** @param metres the whole round's length, depot to depot, as the crow flies */
    record Round(String unit, Sensors.Depot depot, List<Stop> stops, long metres) {}

    private final Sensors sensors;
    private final Readings readings;

    Rounds(Sensors sensors, Readings readings) {
        this.sensors = sensors;
        this.readings = readings;
    }

    /** The unit's round now, or empty when the unit has no depot. */
    Optional<Round> of(TenantId tenant, String unit) {
        Optional<Sensors.Depot> depot = sensors.depot(tenant, unit);
        if (depot.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Readings.Reading>> latest =
                readings.latest(tenant).stream().collect(Collectors.groupingBy(Readings.Reading::device));
        List<Stop> due = new LinkedList<>();
        for (Device device : sensors.devices(tenant)) {
            SensorType type = sensors.type(tenant, device.type()).orElseThrow();
            if (!device.unit().equals(unit) || !type.route()) {
                continue;
            }
            for (Rule rule : sensors.rules(tenant, type.code())) {
                var reading = latest.getOrDefault(device.id(), List.of()).stream()
                        .filter(r -> rule.threshold() && r.name().equals(rule.measurement()))
                        .findFirst()
                        .filter(r -> rule.past(r.value()));
                if (reading.isPresent()) {
                    var r = reading.get();
                    due.add(new Stop(0, device, r.name(), r.value(), r.unit(), r.at(), 0));
                    break;
                }
            }
        }
        // nearest neighbour: from where the crew is, to the closest stop not yet visited
        List<Stop> ordered = new ArrayList<>();
        Device.Place at = depot.get().place();
        long total = 0;
        while (!due.isEmpty()) {
            Device.Place from = at;
            Stop next = due.stream()
                    .min(java.util.Comparator.comparingDouble(
                            s -> metres(from, s.device().place())))
                    .orElseThrow();
            due.remove(next);
            long leg = Math.round(metres(at, next.device().place()));
            total += leg;
            ordered.add(new Stop(
                    ordered.size() + 1, next.device(), next.measurement(), next.value(), next.unit(), next.at(), leg));
            at = next.device().place();
        }
        if (!ordered.isEmpty()) {
            total += Math.round(metres(at, depot.get().place()));
        }
        return Optional.of(new Round(unit, depot.get(), ordered, total));
    }

    /** The distance on the ground (an equirectangular approximation, exact enough within a town). */
    static double metres(Device.Place a, Device.Place b) {
        double earth = 6_371_000;
        double latitude = Math.toRadians((a.latitude() + b.latitude()) / 2);
        double x = Math.toRadians(b.longitude() - a.longitude()) * Math.cos(latitude);
        double y = Math.toRadians(b.latitude() - a.latitude());
        return Math.hypot(x, y) * earth;
    }
}
