package se.samla.sensors.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import se.samla.platform.Mqtt;
import se.samla.sensors.Device;
import se.samla.sensors.Readings;
import se.samla.sensors.Sensors;
import se.samla.tenancy.Tenant;

/**
 * Publishes realistic SenML for a municipality's demo devices over MQTT, as the devices would: a day of ordinary
 * values, a flood that rises past the high-water threshold and holds, the water falling again, bins that fill and are
 * emptied. The readings go through the same topic, broker and checks as a real device's. Refused under the prod
 * profile.
 */
@Component
@ConditionalOnProperty(name = "samla.sensors.simulator", havingValue = "true", matchIfMissing = true)
public class SensorSimulator {

    /** What the simulator can make happen. */
    public enum Scenario {
        /** A day of ordinary readings behind the latest ones, for the charts. */
        DAY,
        /** The lake rises past the high-water threshold and stays there. */
        FLOOD,
        /** The water falls below the clearing level. */
        RECEDE,
        /** Two of the three bins fill up. */
        FILL_BINS,
        /** The bins are emptied. */
        EMPTY_BINS
    }

    /**
     * What became of it.
     *
     * @param messageKey the message telling the administrator, with its arguments
     */
    public record Outcome(boolean published, int readings, String messageKey, List<Object> arguments) {}

    static final String LAKE_TYPE = "water-level";
    static final String BIN_TYPE = "bin-fill";
    /** How long the flood must cover, for its 10-minute rule to fire with a margin. */
    static final Duration FLOOD_SPAN = Duration.ofMinutes(12);

    private final Mqtt mqtt;
    private final Sensors sensors;
    private final Readings readings;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;

    SensorSimulator(
            Mqtt mqtt,
            Sensors sensors,
            Readings readings,
            Clock clock,
            tools.jackson.databind.json.JsonMapper json,
            Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException(
                    "The sensor simulator must not run under the 'prod' profile: set SAMLA_SENSOR_SIMULATOR_ENABLED=false");
        }
        this.mqtt = mqtt;
        this.sensors = sensors;
        this.readings = readings;
        this.clock = clock;
        this.json = json;
    }

    public Outcome run(Tenant tenant, Scenario scenario) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Instant> last = readings.latest(tenant.id()).stream()
                .collect(Collectors.toMap(
                        Readings.Reading::device, Readings.Reading::at, (a, b) -> a.isAfter(b) ? a : b));
        List<Pack> packs = new ArrayList<>();
        switch (scenario) {
            case FLOOD -> {
                for (Device lake : devices(tenant, LAKE_TYPE)) {
                    // after the device's latest reading, since a rule ignores what is older than what it has seen
                    Instant from = later(now.minus(Duration.ofMinutes(30)), last.get(lake.id()));
                    if (Duration.between(from, now).compareTo(FLOOD_SPAN) < 0) {
                        long wait =
                                FLOOD_SPAN.minus(Duration.between(from, now)).toMinutes() + 1;
                        return new Outcome(false, 0, "sensors.simulator.wait", List.of(wait));
                    }
                    List<double[]> points = new ArrayList<>();
                    long minutes = Duration.between(from, now).toMinutes();
                    for (long m = 0; m <= minutes; m++) {
                        // up from 2.00 m over three minutes, then high water between 2.24 and 2.30 m
                        double level = m < 3 ? 2.00 + m * 0.06 : 2.27 + 0.03 * Math.sin(m / 2.0);
                        points.add(new double[] {from.plusSeconds(m * 60).getEpochSecond(), round(level)});
                    }
                    packs.add(new Pack(lake, "level", "m", points));
                }
            }
            case RECEDE -> {
                for (Device lake : devices(tenant, LAKE_TYPE)) {
                    Instant from = later(now.minus(Duration.ofMinutes(5)), last.get(lake.id()));
                    List<double[]> points = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        points.add(
                                new double[] {from.plusSeconds(30L * (i + 1)).getEpochSecond(), round(2.06 - i * 0.06)
                                });
                    }
                    packs.add(new Pack(lake, "level", "m", points));
                }
            }
            case FILL_BINS, EMPTY_BINS -> {
                double[] fills = scenario == Scenario.FILL_BINS ? new double[] {0.92, 0.86, 0.45} : new double[] {0.04};
                List<Device> bins = devices(tenant, BIN_TYPE);
                for (int i = 0; i < bins.size(); i++) {
                    Device bin = bins.get(i);
                    Instant at = later(now.minusSeconds(1), last.get(bin.id()));
                    packs.add(new Pack(bin, "fill", "/", List.<double[]>of(new double[] {
                        at.getEpochSecond(), fills[Math.min(i, fills.length - 1)]
                    })));
                }
            }
            case DAY -> {
                for (Device device : sensors.devices(tenant.id())) {
                    var type = sensors.type(tenant.id(), device.type()).orElseThrow();
                    var measurement = type.measurements().get(0);
                    Instant until = Optional.ofNullable(last.get(device.id()))
                            .filter(t -> t.isAfter(now.minus(Duration.ofDays(1))))
                            .orElse(now.minus(Duration.ofMinutes(31)));
                    List<double[]> points = new ArrayList<>();
                    for (Instant t = now.minus(Duration.ofDays(1));
                            t.isBefore(until);
                            t = t.plus(Duration.ofMinutes(5))) {
                        double hours = Duration.between(now.minus(Duration.ofDays(1)), t)
                                        .toMinutes()
                                / 60.0;
                        double value = switch (device.type()) {
                            case LAKE_TYPE -> 1.82 + 0.03 * Math.sin(hours / 24 * 2 * Math.PI);
                            case BIN_TYPE -> Math.min(0.75, 0.05 + hours * 0.025);
                            case "air-temperature" -> 1.5 + 3.5 * Math.sin((hours - 9) / 24 * 2 * Math.PI);
                            default -> measurement.min() + (measurement.max() - measurement.min()) * 0.08;
                        };
                        points.add(new double[] {t.getEpochSecond(), round(value)});
                    }
                    if (!points.isEmpty()) {
                        packs.add(new Pack(device, measurement.name(), measurement.unit(), points));
                    }
                }
            }
        }
        int sent = 0;
        for (Pack pack : packs) {
            // a pack of at most 100 readings per message, as a device with a buffer would send them
            for (int i = 0; i < pack.points().size(); i += 100) {
                var part =
                        pack.points().subList(i, Math.min(i + 100, pack.points().size()));
                try {
                    mqtt.publish(
                            "samla/" + tenant.slug() + "/sensors/"
                                    + pack.device().id() + "/senml-json",
                            senml(pack.device(), pack.name(), pack.unit(), part));
                } catch (Mqtt.NotPublished e) {
                    return new Outcome(false, sent, "sensors.simulator.not-published", List.of(mqtt.url()));
                }
                sent += part.size();
            }
        }
        return new Outcome(true, sent, "sensors.simulator.published." + scenario.name(), List.of(sent));
    }

    private List<Device> devices(Tenant tenant, String type) {
        return sensors.devices(tenant.id()).stream()
                .filter(d -> d.type().equals(type))
                .toList();
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b.plusSeconds(30);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A pack as a device writes it: base name, base time and unit once, each record's time relative to it. */
    String senml(Device device, String name, String unit, List<double[]> points) {
        long base = (long) points.get(0)[0];
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            if (i == 0) {
                record.put("bn", device.baseName());
                record.put("bt", base);
                record.put("bu", unit);
            }
            record.put("n", name);
            record.put("t", (long) points.get(i)[0] - base);
            record.put("v", points.get(i)[1]);
            records.add(record);
        }
        return json.writeValueAsString(records);
    }

    private record Pack(Device device, String name, String unit, List<double[]> points) {}
}
