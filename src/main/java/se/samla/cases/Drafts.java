package se.samla.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A resident's unfinished applications: one per case type, kept for {@link #LIFETIME} after the last save. */
@Service
class Drafts {

    static final Duration LIFETIME = Duration.ofDays(30);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Drafts.class);

    record Draft(
            String caseType,
            int version,
            UUID submissionId,
            Map<String, List<String>> values,
            Instant updatedAt,
            Instant expiresAt,
            String principal) {

        /** Whether the draft was started for this principal ("KIND:identifier"; a draft of old is its sender's own). */
        boolean isFor(String principal, String self) {
            return (this.principal == null ? self : this.principal).equals(principal);
        }
    }

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final BlobStore blobs;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    Drafts(
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            BlobStore blobs,
            Clock clock,
            JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
        this.blobs = blobs;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    @Transactional
    Draft save(
            UUID person,
            String caseType,
            int version,
            UUID submissionId,
            Map<String, List<String>> values,
            String principal) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO cases.draft (tenant_id, person_id, case_type, case_type_version, submission_id, values,
                    updated_at, expires_at, principal)
                VALUES (:t, :p, :type, :version, :s, CAST(:values AS jsonb), :now, :expires, :principal)
                ON CONFLICT (tenant_id, person_id, case_type) DO UPDATE SET case_type_version = excluded.case_type_version,
                    submission_id = excluded.submission_id, values = excluded.values, updated_at = excluded.updated_at,
                    expires_at = excluded.expires_at, principal = excluded.principal
                """)
                .param("t", CurrentTenant.require().value())
                .param("p", person)
                .param("type", caseType)
                .param("version", version)
                .param("s", submissionId)
                .param("values", jsonMapper.writeValueAsString(values))
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(LIFETIME)))
                .param("principal", principal)
                .update();
        return new Draft(caseType, version, submissionId, values, now, now.plus(LIFETIME), principal);
    }

    @Transactional(readOnly = true)
    Optional<Draft> find(UUID person, String caseType) {
        return jdbc.sql(
                        "SELECT * FROM cases.draft WHERE tenant_id = :tenant AND person_id = :p AND case_type = :t AND expires_at > now()")
                .param("tenant", CurrentTenant.require().value())
                .param("p", person)
                .param("t", caseType)
                .query(this::map)
                .optional();
    }

    @Transactional(readOnly = true)
    List<Draft> of(UUID person) {
        return jdbc.sql(
                        "SELECT * FROM cases.draft WHERE tenant_id = :tenant AND person_id = :p AND expires_at > now() ORDER BY updated_at DESC")
                .param("tenant", CurrentTenant.require().value())
                .param("p", person)
                .query(this::map)
                .list();
    }

    /** Expired drafts go, with the files uploaded for them (rows and content), once an hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "cases.drafts.remove-expired", lockAtMostFor = "PT30M")
    void removeExpired() {
        for (Tenant tenant : tenants.all()) {
            List<String> blobKeys = transactions.call(tenant.id(), () -> {
                List<String> keys = jdbc.sql("""
                        DELETE FROM cases.attachment a USING cases.draft d
                        WHERE a.tenant_id = :tenant AND d.tenant_id = a.tenant_id AND a.submission_id = d.submission_id
                          AND a.case_id IS NULL AND d.expires_at <= now()
                        RETURNING a.blob_key
                        """)
                        .param("tenant", tenant.id().value())
                        .query(String.class)
                        .list();
                jdbc.sql("DELETE FROM cases.draft WHERE tenant_id = :tenant AND expires_at <= now()")
                        .param("tenant", CurrentTenant.require().value())
                        .update();
                return keys;
            });
            // the content goes once the rows are gone for good; a file left by a crash here holds no reference
            for (String key : blobKeys) {
                try {
                    blobs.delete(key);
                } catch (java.io.IOException e) {
                    log.warn("Could not delete the content of an expired draft's file: {}", e.getMessage());
                }
            }
        }
    }

    private Draft map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Draft(
                rs.getString("case_type"),
                rs.getInt("case_type_version"),
                rs.getObject("submission_id", UUID.class),
                jsonMapper.readValue(rs.getString("values"), new TypeReference<Map<String, List<String>>>() {}),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getString("principal"));
    }
}
