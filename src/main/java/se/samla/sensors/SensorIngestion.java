package se.samla.sensors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import se.samla.platform.Mqtt;
import se.samla.tenancy.Tenants;

/**
 * Readings over MQTT: devices publish SenML on {@code samla/{municipality}/sensors/{device}/senml-json} or
 * {@code .../senml-cbor} (QoS 1). The broker's access rules let a device publish only on its municipality's topics;
 * here the device must also be one of that municipality's. A message is acknowledged once its readings are stored or
 * refused; if the database is away it is not, and the broker gives it again.
 */
@Component
class SensorIngestion {

    private static final Logger log = LoggerFactory.getLogger(SensorIngestion.class);
    static final String TOPICS = "samla/+/sensors/+/+";

    private final Mqtt mqtt;
    private final Readings readings;
    private final Tenants tenants;

    SensorIngestion(Mqtt mqtt, Readings readings, Tenants tenants) {
        this.mqtt = mqtt;
        this.readings = readings;
        this.tenants = tenants;
        // before the client connects (it starts with the context's lifecycle): what the broker kept for our session
        // comes the moment it does, and a message no handler takes is dropped
        mqtt.subscribe(TOPICS, this::onMessage);
    }

    static String topic(String tenantSlug, String device, Readings.Format format) {
        return "samla/" + tenantSlug + "/sensors/" + device + "/senml-"
                + format.name().toLowerCase(java.util.Locale.ROOT);
    }

    void onMessage(String topic, byte[] payload) {
        String[] parts = topic.split("/");
        if (parts.length != 5 || !parts[1].matches("[a-z0-9-]{2,60}") || !parts[3].matches("[a-z0-9-]{2,60}")) {
            log.warn("Sensor message on an unexpected topic dropped");
            return;
        }
        Readings.Format format = switch (parts[4]) {
            case "senml-json" -> Readings.Format.JSON;
            case "senml-cbor" -> Readings.Format.CBOR;
            default -> null;
        };
        var tenant = tenants.bySlug(parts[1]);
        if (format == null || tenant.isEmpty()) {
            log.warn("Sensor message for an unknown municipality or format dropped");
            return;
        }
        try {
            readings.ingest(tenant.get().id(), parts[3], payload, format);
        } catch (TransientDataAccessException | CannotGetJdbcConnectionException e) {
            throw e; // left unacknowledged: the broker gives it again once Samla reconnects
        } catch (RuntimeException e) {
            log.warn("Sensor message of {} dropped: {}", parts[3], e.getMessage());
        }
    }
}
