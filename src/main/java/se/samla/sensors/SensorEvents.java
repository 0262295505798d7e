package se.samla.sensors;

import java.time.Instant;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What the sensors tell the other modules. */
public final class SensorEvents {

    private SensorEvents() {}

    /**
     * A device's rule fired: its threshold was held for the rule's minutes, or the device fell silent. The same rule
     * fires again only after it has cleared.
     *
     * @param category the report category whose case it should open, in the device's unit at its place
     * @param value      the reading that fired it, or null for silence
     * @param published  whether the device's type is public, and so its case on the public map
     * @param linkMetres how far around the device residents' reports of the same problem belong with its case
     */
    public record RuleFired(
            TenantId tenantId,
            String device,
            String deviceName,
            String rule,
            String ruleName,
            String category,
            String unit,
            double latitude,
            double longitude,
            Double value,
            String valueUnit,
            Instant at,
            boolean published,
            int linkMetres)
            implements TenantEvent {}

    /** A device's rule cleared: back past its clearing level, or the device spoke again. */
    public record RuleCleared(TenantId tenantId, String device, String rule, Double value, Instant at)
            implements TenantEvent {}
}
