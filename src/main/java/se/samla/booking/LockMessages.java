package se.samla.booking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
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
 * The messages Samla and the lock controllers exchange over MQTT, each a JSON payload kept as the exact text that was
 * signed. Grants and revocations are signed by Samla with an Ed25519 key only Samla holds; controllers check them with
 * its public key (served at /lasnyckel), so no controller can make a grant. Door events are signed by the controller
 * with an HMAC key of its own door, derived from Samla's lock key and the municipality and door, so a controller can
 * speak only for its own door, and a PIN travels as an HMAC in that same door key, which only that door can test.
 * Every payload names its municipality and door, which must be the topic's. Topics:
 * {@code samla/{municipality}/doors/{door}/grants} (Samla to the lock) and {@code .../events} (the lock to Samla).
 */
@Component
public class LockMessages {

    /** The demo lock key: the demo lock and the default run share it. Refused under the prod profile. */
    static final String DEMO_KEY = "samla-demo-lock-key-not-for-production-use";

    /** What a municipality's or door's name in a topic may be; anything else is refused before it is read. */
    public static final String NAME = "[a-z0-9-]{2,60}";

    private final byte[] key;
    private final PrivateKey grantKey;
    private final PublicKey grantPublicKey;
    private final JsonMapper json;

    LockMessages(Environment environment, JsonMapper json) throws IOException, GeneralSecurityException {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        String configured = environment.getProperty("samla.locks.key", "");
        if (configured.isBlank()) {
            if (production) {
                throw new IllegalStateException(
                        "samla.locks.key (SAMLA_LOCKS_KEY) must be set under the prod profile: the secret the door keys"
                                + " of the lock controllers are derived from, at least 32 characters");
            }
            configured = DEMO_KEY;
        }
        if (configured.length() < 32) {
            throw new IllegalStateException("samla.locks.key must be at least 32 characters");
        }
        this.key = configured.getBytes(StandardCharsets.UTF_8);
        KeyPair pair =
                grantKeys(Path.of(environment.getProperty("samla.locks.signing-key-file", "data/locks/grants.key")));
        this.grantKey = pair.getPrivate();
        this.grantPublicKey = pair.getPublic();
        this.json = json;
    }

    /** Samla's grant key: read from its file (PKCS #8), or made there on first start. */
    private static KeyPair grantKeys(Path file) throws IOException, GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        if (Files.isRegularFile(file)) {
            String pem = Files.readString(file);
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            // the public half is kept beside it, since a PKCS #8 file need not carry it
            Path pub = Path.of(file + ".pub");
            if (!Files.isRegularFile(pub)) {
                throw new IllegalStateException("The public half of the lock signing key is missing: " + pub
                        + " (an X.509 SubjectPublicKeyInfo PEM beside the private key " + file + ")");
            }
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                    .decode(Files.readString(pub)
                            .replaceAll("-----[A-Z ]+-----", "")
                            .strip())));
            return new KeyPair(publicKey, privateKey);
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its folder's permissions guard it
        }
        Files.writeString(
                Path.of(file + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return pair;
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + kind + "-----\n";
    }

    /** The public key controllers check grants with, as PEM. */
    public String grantKeyPem() {
        return pem("PUBLIC KEY", grantPublicKey.getEncoded());
    }

    public static String grantsTopic(String tenantSlug, String door) {
        return "samla/" + tenantSlug + "/doors/" + door + "/grants";
    }

    public static String eventsTopic(String tenantSlug, String door) {
        return "samla/" + tenantSlug + "/doors/" + door + "/events";
    }

    /** A grant or revocation, signed by Samla: the envelope to publish. */
    public String signGrant(Map<String, ?> payload) {
        String text = json.writeValueAsString(payload);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(grantKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return json.writeValueAsString(Map.of("payload", text, "sig", b64(signature.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A grant's payload, if Samla signed it and it names this municipality and door; else empty. */
    public Optional<JsonNode> openGrant(String tenantSlug, String door, byte[] envelope) {
        return read(envelope, "sig")
                .filter(pair -> {
                    try {
                        Signature signature = Signature.getInstance("Ed25519");
                        signature.initVerify(grantPublicKey);
                        signature.update(pair[0].getBytes(StandardCharsets.UTF_8));
                        return signature.verify(Base64.getUrlDecoder().decode(pair[1]));
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        return false;
                    }
                })
                .flatMap(pair -> payload(pair[0], tenantSlug, door));
    }

    /** A door event, signed in the door's own key, as its controller does: the envelope to publish. */
    public String signEvent(String tenantSlug, String door, Map<String, ?> payload) {
        String text = json.writeValueAsString(payload);
        return json.writeValueAsString(Map.of("payload", text, "mac", b64(mac(doorKey(tenantSlug, door), text))));
    }

    /** A door event's payload, if that door's key signed it and it names this municipality and door; else empty. */
    public Optional<JsonNode> openEvent(String tenantSlug, String door, byte[] envelope) {
        return read(envelope, "mac")
                .filter(pair -> {
                    try {
                        return MessageDigest.isEqual(
                                mac(doorKey(tenantSlug, door), pair[0]),
                                Base64.getUrlDecoder().decode(pair[1]));
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .flatMap(pair -> payload(pair[0], tenantSlug, door));
    }

    /**
     * A PIN (or QR code) as a grant carries it: an HMAC in the door's key, so that the broker, its files and other
     * controllers learn nothing from it, and only the door it opens can test a code against it.
     */
    public String pinHash(String tenantSlug, String door, String pin) {
        return b64(mac(doorKey(tenantSlug, door), "pin:" + pin));
    }

    /** The key of one door, which its controller is given: Samla's lock key bound to the municipality and door. */
    byte[] doorKey(String tenantSlug, String door) {
        return mac(key, "door:" + tenantSlug + "/" + door);
    }

    private Optional<String[]> read(byte[] envelope, String signatureField) {
        try {
            JsonNode node = json.readTree(envelope);
            JsonNode text = node.path("payload");
            JsonNode signature = node.path(signatureField);
            if (!text.isString() || !signature.isString()) {
                return Optional.empty();
            }
            return Optional.of(new String[] {text.asString(), signature.asString()});
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> payload(String text, String tenantSlug, String door) {
        try {
            JsonNode payload = json.readTree(text);
            // a signed message moved to another municipality's or door's topic is refused
            if (!tenantSlug.equals(payload.path("tenant").asString(""))
                    || !door.equals(payload.path("door").asString(""))) {
                return Optional.empty();
            }
            return Optional.of(payload);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
