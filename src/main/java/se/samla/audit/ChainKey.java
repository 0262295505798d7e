package se.samla.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** HMAC-SHA256 with the installation's audit key. */
@Component
class ChainKey {

    private final SecretKeySpec key;

    ChainKey(AuditSettings settings, Environment environment) {
        this.key = new SecretKeySpec(load(settings, environment), "HmacSHA256");
    }

    private static byte[] load(AuditSettings settings, Environment environment) {
        if (settings.key() != null && !settings.key().isBlank()) {
            byte[] bytes = Base64.getDecoder().decode(settings.key().strip());
            if (bytes.length < 32) {
                throw new IllegalStateException("SAMLA_AUDIT_KEY must be at least 32 bytes, base64-encoded");
            }
            return bytes;
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("Set SAMLA_AUDIT_KEY (32 random bytes, base64) in production");
        }
        try {
            if (Files.exists(settings.keyFile())) {
                return Base64.getDecoder()
                        .decode(Files.readString(settings.keyFile()).strip());
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createDirectories(settings.keyFile().toAbsolutePath().getParent());
            Files.writeString(settings.keyFile(), Base64.getEncoder().encodeToString(bytes));
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot keep the audit key in " + settings.keyFile() + ": " + e.getMessage(), e);
        }
    }

    String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ChainKey[hidden]";
    }

    static String genesis() {
        char[] zeros = new char[64];
        Arrays.fill(zeros, '0');
        return new String(zeros);
    }
}
