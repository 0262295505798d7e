package se.samla.booking.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import se.samla.booking.LockMessages;
import se.samla.platform.Mqtt;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for the lock controllers at the doors: it connects to the broker like a real controller, keeps the grants
 * Samla signed (and drops the revoked), and when someone enters a PIN at a door it decides by them and reports the door
 * opened or refused, signed, on the door's events topic. It lets the whole way from a booking to an opened door be
 * tried without hardware. Refused under the prod profile.
 */
@Component
@ConditionalOnProperty(name = "samla.locks.demo", havingValue = "true", matchIfMissing = true)
public class DemoLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoLock.class);

    /** A grant as the lock keeps it. */
    record Grant(
            String credential,
            String pinHash,
            String qrHash,
            Instant validFrom,
            Instant validTo,
            Map<String, String> schedule) {}

    /** What the door did with a code. */
    public record Attempt(boolean opened, String credential) {}

    private final Mqtt mqtt;
    private final LockMessages messages;
    private final Environment environment;
    /** Grants by tenant slug and door, then credential. */
    private final Map<String, Map<String, Grant>> grants = new ConcurrentHashMap<>();
    /** Credentials revoked, so a grant that comes after its revocation is not taken. */
    private final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();

    private volatile MqttClient client;

    DemoLock(Mqtt mqtt, LockMessages messages, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException(
                    "The demo lock must not run under the 'prod' profile: set SAMLA_DEMO_LOCK_ENABLED=false");
        }
        this.mqtt = mqtt;
        this.messages = messages;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        String clientId = environment.getProperty("samla.locks.demo-client-id", "samla-demo-lock");
        try {
            MqttClient created = new MqttClient(mqtt.url(), clientId, new MemoryPersistence());
            created.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    try {
                        created.subscribe("samla/+/doors/+/grants", 1);
                    } catch (MqttException e) {
                        log.warn("Demo lock cannot subscribe: {}", e.getMessage());
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    take(topic, message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            client = created;
            created.connect(mqtt.options(environment.getProperty("samla.mqtt.clean-session", Boolean.class, false)));
        } catch (MqttException e) {
            log.warn("Demo lock not connected to {}: {}", mqtt.url(), e.getMessage());
        }
    }

    /**
     * A grant or revocation from the broker; one that Samla did not sign, or signed for another door or municipality,
     * is ignored, as a real lock would. A revocation that overtakes its grant is remembered, so the grant is not
     * taken when it comes.
     */
    void take(String topic, byte[] payload) {
        String[] parts = topic.split("/");
        if (parts.length != 5) {
            return;
        }
        Optional<JsonNode> opened = messages.openGrant(parts[1], parts[3], payload);
        if (opened.isEmpty()) {
            log.warn("Demo lock ignored a message not signed by Samla for its door");
            return;
        }
        JsonNode message = opened.get();
        String key = parts[1] + "/" + parts[3];
        String credential = message.path("credential").asString("");
        switch (message.path("type").asString("")) {
            case "grant" -> {
                if (revoked.contains(credential)) {
                    return;
                }
                Map<String, String> schedule = new LinkedHashMap<>();
                message.path("schedule")
                        .properties()
                        .forEach(e -> schedule.put(e.getKey(), e.getValue().asString("")));
                grants.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                        .put(
                                credential,
                                new Grant(
                                        credential,
                                        message.path("pinHash").asString(""),
                                        message.path("qrHash").asString(""),
                                        Instant.parse(message.path("validFrom").asString("")),
                                        Instant.parse(message.path("validTo").asString("")),
                                        schedule));
            }
            case "revoke" -> {
                revoked.add(credential);
                grants.getOrDefault(key, Map.of()).remove(credential);
            }
            default -> log.warn("Demo lock ignored a message of an unknown type on {}", topic);
        }
    }

    /**
     * Someone enters a PIN at the door at the given moment: the door opens if a grant matches and is valid then, and
     * the lock reports what happened to Samla.
     */
    public Attempt enter(String tenantSlug, String door, String pin, Instant at) {
        String hash = messages.pinHash(tenantSlug, door, pin == null ? "" : pin.strip());
        Grant match = grants.getOrDefault(tenantSlug + "/" + door, Map.of()).values().stream()
                .filter(g -> g.pinHash().equals(hash) || g.qrHash().equals(hash))
                .filter(g -> valid(g, at))
                .findFirst()
                .orElse(null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", match != null ? "opened" : "refused");
        event.put("id", UUID.randomUUID().toString());
        event.put("tenant", tenantSlug);
        event.put("door", door);
        if (match != null) {
            event.put("credential", match.credential());
        }
        // the event is reported at the real moment; the moment asked for only decides the door
        event.put("at", Instant.now().toString());
        publish(LockMessages.eventsTopic(tenantSlug, door), messages.signEvent(tenantSlug, door, event));
        return new Attempt(match != null, match == null ? null : match.credential());
    }

    /** Whether the lock holds the credential's grant for the door now. */
    public boolean holds(String tenantSlug, String door, String credential) {
        return grants.getOrDefault(tenantSlug + "/" + door, Map.of()).containsKey(credential);
    }

    /** How many grants the lock holds for the door: for the page and tests. */
    public int grantsHeld(String tenantSlug, String door) {
        return grants.getOrDefault(tenantSlug + "/" + door, Map.of()).size();
    }

    private static boolean valid(Grant grant, Instant at) {
        if (at.isBefore(grant.validFrom()) || !at.isBefore(grant.validTo())) {
            return false;
        }
        if (grant.schedule().isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(SwedishTime.ZONE);
        String hours = grant.schedule().get(local.getDayOfWeek().name());
        if (hours == null) {
            return false;
        }
        String[] span = hours.split("-");
        LocalTime from = LocalTime.parse(span[0]);
        LocalTime time = local.toLocalTime();
        boolean beforeEnd = "24:00".equals(span[1]) || time.isBefore(LocalTime.parse(span[1]));
        return !time.isBefore(from) && beforeEnd;
    }

    private void publish(String topic, String payload) {
        MqttClient current = client;
        if (current == null || !current.isConnected()) {
            log.warn("Demo lock not connected: its event is lost, as a real door's would be while it is offline");
            return;
        }
        try {
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            current.publish(topic, message);
        } catch (MqttException e) {
            log.warn("Demo lock could not report: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        MqttClient current = client;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnect(1_000);
                }
                current.close(true);
            } catch (MqttException e) {
                log.debug("Demo lock closed with {}", e.getMessage());
            }
        }
    }
}
