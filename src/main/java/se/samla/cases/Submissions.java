package se.samla.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Who each submission belongs to. The first use of a submission id claims it for its user; anyone else
 * who uses it later is refused and the attempt is audited. Claiming locks the row until the transaction
 * ends, which is what makes concurrent replays of one submission wait for each other.
 */
@Service
class Submissions {

    /** Files of a submission nobody sent, and that no draft keeps, go after this long. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(24);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Submissions.class);

    record Claimed(UUID id, UUID caseId) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate separately;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final BlobStore blobs;
    private final Clock clock;

    Submissions(
            JdbcClient jdbc,
            AuditLog audit,
            PlatformTransactionManager transactionManager,
            TenantTransactions transactions,
            Tenants tenants,
            BlobStore blobs,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.tenants = tenants;
        this.blobs = blobs;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Claims the submission for its owner, or finds it theirs already, and holds it locked for the rest
     * of the caller's transaction.
     *
     * @throws CaseIntake.NotYours when someone else started it (audited, in a transaction of its own)
     */
    Claimed claim(UUID id, SubmissionOwner owner, String auditId) {
        // someone else's is refused before its row is locked, so a stranger's attempts never hold up its owner
        verify(id, owner, auditId);
        jdbc.sql("""
                INSERT INTO cases.submission (tenant_id, id, owner, started_at) VALUES (:t, :id, :owner, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("id", id)
                .param("owner", owner.key())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        record Row(String owner, UUID caseId) {}
        Row row = jdbc.sql(
                        "SELECT owner, case_id FROM cases.submission WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, UUID.class)))
                .single();
        if (!owner.owns(row.owner())) {
            refuse(id, auditId);
        }
        if (!row.owner().equals(owner.key()) && owner.isResident()) {
            // started before the login in this browser: from now on it is the resident's
            jdbc.sql("UPDATE cases.submission SET owner = :owner WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("owner", owner.key())
                    .param("id", id)
                    .update();
        }
        return new Claimed(id, row.caseId());
    }

    /**
     * The same check for a look that changes nothing: an id nobody has used yet is simply empty, and one
     * somebody else started is refused.
     */
    Claimed verify(UUID id, SubmissionOwner owner, String auditId) {
        record Row(String owner, UUID caseId) {}
        var row = jdbc.sql("SELECT owner, case_id FROM cases.submission WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, UUID.class)))
                .optional();
        if (row.isEmpty()) {
            return new Claimed(id, null);
        }
        if (!owner.owns(row.get().owner())) {
            refuse(id, auditId);
        }
        return new Claimed(id, row.get().caseId());
    }

    private void refuse(UUID id, String auditId) {
        separately.executeWithoutResult(s -> audit.record(new AuditRecord(
                Actor.of(auditId),
                "SUBMISSION_REFUSED",
                "submission",
                id.toString(),
                Map.of("reason", "started by someone else"))));
        throw new CaseIntake.NotYours(id);
    }

    void opened(UUID id, UUID caseId) {
        jdbc.sql("UPDATE cases.submission SET case_id = :c WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .param("id", id)
                .update();
    }

    /** The submission waits as long as it takes: the sweep of abandoned ones leaves it. */
    void hold(UUID id) {
        jdbc.sql("UPDATE cases.submission SET held = true WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .update();
    }

    /** A held submission that opened no case goes, with its files, rows and content. */
    void release(UUID id) {
        List<String> blobKeys = jdbc.sql("""
                DELETE FROM cases.attachment WHERE tenant_id = :tenant AND case_id IS NULL AND submission_id = :id RETURNING blob_key
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(String.class)
                .list();
        jdbc.sql("DELETE FROM cases.submission WHERE tenant_id = :tenant AND id = :id AND case_id IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .update();
        // the content goes once the rows are gone for good, as with abandoned ones
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        blobKeys.forEach(Submissions.this::deleteContent);
                    }
                });
    }

    private void deleteContent(String key) {
        try {
            blobs.delete(key);
        } catch (java.io.IOException e) {
            log.warn("Could not delete the content of a released upload: {}", e.getMessage());
        }
    }

    /** Whether the case was opened by a submission of this owner: what lets an anonymous sender see the receipt. */
    boolean openedBy(UUID caseId, SubmissionOwner owner) {
        return jdbc.sql("SELECT owner FROM cases.submission WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(String.class)
                .optional()
                .map(owner::owns)
                .orElse(false);
    }

    /**
     * Files of submissions that were never sent and that no draft keeps go after a day, rows and content,
     * and so do the submissions themselves.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    // one instance at a time; each instance keeps its own hourly rhythm, and a sweep right after another finds nothing
    @SchedulerLock(name = "cases.submissions.sweep-abandoned", lockAtMostFor = "PT30M")
    void sweepAbandoned() {
        for (Tenant tenant : tenants.all()) {
            sweepAbandoned(tenant);
        }
    }

    int sweepAbandoned(Tenant tenant) {
        java.sql.Timestamp before = java.sql.Timestamp.from(clock.instant().minus(ABANDONED_AFTER));
        List<String> blobKeys = transactions.call(tenant.id(), () -> {
            // the submissions first: one claimed for an upload right now is deleted only once that upload is in,
            // and then its files go with the others, so no file is ever left without its owner
            List<UUID> gone = jdbc.sql("""
                    DELETE FROM cases.submission s
                    WHERE s.tenant_id = :tenant AND s.case_id IS NULL AND NOT s.held AND s.started_at < :before
                      AND NOT EXISTS (SELECT 1 FROM cases.draft d
                                      WHERE d.tenant_id = :tenant AND d.submission_id = s.id)
                    RETURNING s.id
                    """)
                    .param("tenant", tenant.id().value())
                    .param("before", before)
                    .query(UUID.class)
                    .list();
            if (gone.isEmpty()) {
                return List.<String>of();
            }
            return jdbc.sql("""
                    DELETE FROM cases.attachment WHERE tenant_id = :tenant AND case_id IS NULL AND submission_id = ANY(:ids) RETURNING blob_key
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("ids", gone.toArray(UUID[]::new))
                    .query(String.class)
                    .list();
        });
        // content goes once the rows are gone for good; a file a crash leaves here is referenced by nothing
        for (String key : blobKeys) {
            try {
                blobs.delete(key);
            } catch (java.io.IOException e) {
                log.warn("Could not delete the content of an abandoned upload: {}", e.getMessage());
            }
        }
        return blobKeys.size();
    }

    Optional<UUID> caseOf(UUID id) {
        return jdbc.sql(
                        "SELECT case_id FROM cases.submission WHERE tenant_id = :tenant AND id = :id AND case_id IS NOT NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(UUID.class)
                .optional();
    }
}
