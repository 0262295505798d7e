package se.samla.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;

/**
 * Open311 api keys: an administrator issues one per client and can revoke it. The key is shown once;
 * only its SHA-256 is kept, so a copy of the database gives no usable key.
 */
@Service
class Open311Keys {

    record Key(UUID id, String name, String createdBy, Instant createdAt, Instant revokedAt) {}

    record Issued(Key key, String secret) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Open311Keys(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Issued issue(String name, String byAuditId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO reports.open311_key (id, tenant_id, name, key_sha256, created_by, created_at)
                VALUES (:id, :t, :n, :h, :by, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("n", name)
                .param("h", hash(secret))
                .param("by", byAuditId)
                .param("at", Timestamp.from(now))
                .update();
        audit.record(new AuditRecord(
                Actor.of(byAuditId), "OPEN311_KEY_ISSUED", "open311-key", id.toString(), Map.of("name", name)));
        return new Issued(new Key(id, name, byAuditId, now, null), secret);
    }

    @Transactional
    boolean revoke(UUID id, String byAuditId) {
        boolean revoked = jdbc.sql(
                                "UPDATE reports.open311_key SET revoked_at = now() WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", id)
                        .update()
                == 1;
        if (revoked) {
            audit.record(new AuditRecord(
                    Actor.of(byAuditId), "OPEN311_KEY_REVOKED", "open311-key", id.toString(), Map.of()));
        }
        return revoked;
    }

    @Transactional(readOnly = true)
    List<Key> all() {
        return jdbc.sql("SELECT * FROM reports.open311_key WHERE tenant_id = :tenant ORDER BY created_at DESC")
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new Key(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** The valid key of the current tenant that the secret is, if any. */
    @Transactional(readOnly = true)
    Optional<Key> check(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT * FROM reports.open311_key WHERE tenant_id = :tenant AND key_sha256 = :h AND revoked_at IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("h", hash(secret))
                .query((rs, n) -> new Key(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        null))
                .optional();
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
