package se.samla.booking;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages Samla and the lock controllers exchange over MQTT: a JSON payload, kept as the exact text that was
 * signed, with an HMAC-SHA256 over it in the key they share. A controller acts only on grants Samla signed, and Samla
 * only on door events a controller signed, so a message on a forged topic, or altered on the way, is refused. Topics:
 * {@code samla/{municipality}/doors/{door}/grants} (Samla to the lock) and {@code .../events} (the lock to Samla).
 */
@Component
public class LockMessages {

    /** The demo key: the demo lock and the default run share it. Refused under the prod profile. */
    static final String DEMO_KEY = "samla-demo-lock-key-not-for-production-use";

    private final byte[] key;
    private final JsonMapper json;

    LockMessages(Environment environment, JsonMapper json) {
        String configured = environment.getProperty("samla.locks.key", "");
        if (configured.isBlank()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException(
                        "samla.locks.key (SAMLA_LOCKS_KEY) must be set under the prod profile: the key shared with"
                                + " the lock controllers, at least 32 characters");
            }
            configured = DEMO_KEY;
        }
        if (configured.length() < 32) {
            throw new IllegalStateException("samla.locks.key must be at least 32 characters");
        }
        this.key = configured.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    public static String grantsTopic(String tenantSlug, String door) {
        return "samla/" + tenantSlug + "/doors/" + door + "/grants";
    }

    public static String eventsTopic(String tenantSlug, String door) {
        return "samla/" + tenantSlug + "/doors/" + door + "/events";
    }

    /** The envelope to publish: the payload's text and its MAC. */
    public String sign(Map<String, ?> payload) {
        String text = json.writeValueAsString(payload);
        return json.writeValueAsString(Map.of("payload", text, "mac", mac(text)));
    }

    /** The payload of an envelope whose MAC holds; empty for anything else (not JSON, no MAC, a wrong one). */
    public Optional<JsonNode> open(byte[] envelope) {
        try {
            JsonNode node = json.readTree(envelope);
            String text = node.path("payload").asString(null);
            String mac = node.path("mac").asString(null);
            if (text == null || mac == null) {
                return Optional.empty();
            }
            if (!MessageDigest.isEqual(
                    mac(text).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(json.readTree(text));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A PIN as a grant carries it: hashed with the door, so the broker and its logs never see the PIN. */
    public static String pinHash(String door, String pin) {
        return sha256(door + ":" + pin);
    }

    static String sha256(String text) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
