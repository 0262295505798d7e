package se.samla.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param key     the secret that keys the chain's hashes (SAMLA_AUDIT_KEY, base64, at least 32 bytes). Kept
 *                outside the database so that someone who can write to the database cannot forge a chain.
 * @param keyFile where a key is made and kept when none is given (the default, embedded run only)
 */
@ConfigurationProperties("samla.audit")
record AuditSettings(
        String key, @DefaultValue("data/audit.key") Path keyFile) {

    @Override
    public String toString() {
        return "AuditSettings[keyFile=" + keyFile + "]";
    }
}
