package se.samla.sensors;

import java.util.List;
import java.util.Optional;
import se.samla.shared.LocalizedText;

/**
 * A kind of device, as written in config/tenants/{slug}/sensors.yml: what it measures, in which SenML unit, and the
 * physical range a reading must lie in to be believed.
 *
 * @param retentionDays how long its readings are kept
 * @param published     whether its devices and readings are public (the public map, open data)
 * @param route         whether its devices are emptied on a round: those past a threshold rule go on their unit's
 *                      daily work list (bins)
 */
public record SensorType(
        String code,
        LocalizedText name,
        List<Measurement> measurements,
        int retentionDays,
        boolean published,
        boolean route) {

    public SensorType {
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }

    /**
     * One measurement of the type.
     *
     * @param unit a SenML unit symbol (RFC 8428 section 12.1), e.g. "m", "Cel", "/"
     */
    public record Measurement(String name, String unit, double min, double max) {}

    public Optional<Measurement> measurement(String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
