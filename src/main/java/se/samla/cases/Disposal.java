package se.samla.cases;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disposal (gallring) as the retention schedule decides: a closed case whose disposal date has passed,
 * that is not to be kept and has no legal hold, loses its content (answers, files, messages, completion
 * requests, notes, the decision's text, the applicant's identity) and keeps a minimal disposal record. Each
 * case goes in one transaction, so a crash leaves every case either untouched or fully disposed; file
 * content is deleted after the commit from a list written in that transaction.
 */
@Service
class Disposal {

    private static final Logger log = LoggerFactory.getLogger(Disposal.class);

    /** A case due for disposal. */
    record Due(
            UUID caseId,
            String reference,
            String caseType,
            java.time.Instant closedAt,
            LocalDate disposalOn,
            String retentionReference) {}

    record Outcome(List<Due> disposed, List<String> failed) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Tenants tenants;
    private final DiskBlobStore blobs;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    Disposal(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Tenants tenants,
            DiskBlobStore blobs,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
        this.blobs = blobs;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    /** What a run on that day would dispose of (the dry run), oldest disposal date first. */
    List<Due> due(LocalDate today) {
        return transactions.execute(s -> jdbc.sql("""
                SELECT id, reference, case_type, closed_at, disposal_on, retention_reference FROM cases."case"
                WHERE tenant_id = :tenant AND disposal_on <= :today AND disposed_at IS NULL AND legal_hold IS NULL AND closed_at IS NOT NULL
                  AND keep IS FALSE
                ORDER BY disposal_on, reference
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("today", today)
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6)))
                .list());
    }

    /** Disposes of every case due on that day, each in its own transaction; a case that fails is left whole. */
    Outcome run(LocalDate today, String by) {
        List<Due> disposed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Due due : due(today)) {
            try {
                Boolean done = transactions.execute(s -> dispose(due, today, by));
                if (Boolean.TRUE.equals(done)) {
                    disposed.add(due);
                }
            } catch (RuntimeException e) {
                log.error("Disposal of case {} failed and left it whole: {}", due.caseId(), e.getMessage());
                failed.add(due.reference());
            }
        }
        deleteQueuedContent();
        return new Outcome(disposed, failed);
    }

    private boolean dispose(Due due, LocalDate today, String by) {
        // the case row is locked and checked again: a hold or a change since the list was made wins
        boolean stillDue = jdbc.sql("""
                SELECT id FROM cases."case" WHERE tenant_id = :tenant AND id = :id AND disposal_on <= :today AND disposed_at IS NULL
                  AND legal_hold IS NULL AND keep IS FALSE FOR UPDATE
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", due.caseId())
                .param("today", today)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!stillDue) {
            return false;
        }
        Map<String, Object> what = new LinkedHashMap<>();
        List<String> keys = jdbc.sql(
                        "DELETE FROM cases.attachment WHERE tenant_id = :tenant AND case_id = :c RETURNING blob_key")
                .param("tenant", CurrentTenant.require().value())
                .param("c", due.caseId())
                .query(String.class)
                .list();
        for (String key : keys) {
            jdbc.sql(
                            "INSERT INTO cases.blob_to_delete (blob_key, tenant_id, queued_at) VALUES (:k, :t, now()) ON CONFLICT DO NOTHING")
                    .param("k", key)
                    .param("t", CurrentTenant.require().value())
                    .update();
        }
        what.put("files", keys.size());
        what.put(
                "messages",
                jdbc.sql("DELETE FROM cases.message WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", due.caseId())
                        .update());
        what.put(
                "completionRequests",
                jdbc.sql("DELETE FROM cases.completion_request WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", due.caseId())
                        .update());
        what.put(
                "notes",
                jdbc.sql("DELETE FROM cases.note WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", due.caseId())
                        .update());
        what.put(
                "decision",
                jdbc.sql("DELETE FROM cases.decision WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", due.caseId())
                        .update());
        what.put(
                "signatures",
                jdbc.sql("DELETE FROM cases.signature WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", due.caseId())
                        .update());
        what.put("answers", true);
        what.put("applicant", true);
        jdbc.sql("""
                UPDATE cases."case" SET answers = '{}'::jsonb, applicant_person_id = NULL, applicant_name = NULL,
                    applicant_identity_number = NULL, actor_person_id = NULL, actor_name = NULL,
                    actor_identity_number = NULL, applicant_organisation_number = NULL,
                    disposed_at = now(), version = version + 1
                WHERE tenant_id = :tenant AND id = :c
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", due.caseId())
                .update();
        // the search index keeps only the reference, so nothing disposed can be found again
        jdbc.sql("SELECT cases.index_case(:t, :id, :words)")
                .param("t", CurrentTenant.require().value())
                .param("id", due.caseId())
                .param(
                        "words",
                        due.reference() + " " + due.reference().replace(" ", "").replace("/", " "))
                .query((rs, n) -> n)
                .list();
        var stamp = jdbc.sql("SELECT submitted_at, closed_at FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", due.caseId())
                .query((rs, n) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)})
                .single();
        jdbc.sql("""
                INSERT INTO cases.disposal_record (case_id, tenant_id, reference, case_type, submitted_at, closed_at, disposal_on,
                    disposed_at, disposed_by, retention_reference, disposed)
                VALUES (:c, :t, :r, :type, :sub, :closed, :on, now(), :by, :ref, CAST(:what AS jsonb))
                """)
                .param("c", due.caseId())
                .param("t", CurrentTenant.require().value())
                .param("r", due.reference())
                .param("type", due.caseType())
                .param("sub", stamp[0])
                .param("closed", stamp[1])
                .param("on", due.disposalOn())
                .param("by", by)
                .param("ref", due.retentionReference() == null ? "" : due.retentionReference())
                .param("what", jsonMapper.writeValueAsString(what))
                .update();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reference", due.reference());
        details.put("decision", due.retentionReference() == null ? "" : due.retentionReference());
        what.forEach((k, v) -> details.put(k, String.valueOf(v)));
        audit.record(new AuditRecord(
                Actor.of(by), "CASE_DISPOSED", "case", due.caseId().toString(), details));
        events.publishEvent(new CaseEvents.Disposed(CurrentTenant.require(), due.caseId(), due.reference()));
        return true;
    }

    /** Deletes the content of disposed files; safe to repeat, and done again by the next run after a crash. */
    void deleteQueuedContent() {
        List<String> keys = transactions.execute(
                s -> jdbc.sql("SELECT blob_key FROM cases.blob_to_delete WHERE tenant_id = :tenant")
                        .param("tenant", CurrentTenant.require().value())
                        .query(String.class)
                        .list());
        for (String key : keys) {
            try {
                blobs.delete(key);
                transactions.executeWithoutResult(
                        s -> jdbc.sql("DELETE FROM cases.blob_to_delete WHERE tenant_id = :tenant AND blob_key = :k")
                                .param("tenant", CurrentTenant.require().value())
                                .param("k", key)
                                .update());
            } catch (IOException e) {
                log.warn(
                        "Could not delete the content of a disposed file; it is tried again at the next run: {}",
                        e.getMessage());
            }
        }
    }

    /** Cases under a legal hold, with the reason. */
    List<Map<String, Object>> held() {
        return transactions.execute(s -> jdbc.sql(
                        "SELECT id, reference, case_type, legal_hold FROM cases.\"case\" WHERE tenant_id = :tenant AND legal_hold IS NOT NULL ORDER BY reference")
                .param("tenant", CurrentTenant.require().value())
                .query()
                .listOfRows());
    }

    java.util.Optional<UUID> byReference(String reference) {
        return transactions.execute(
                s -> jdbc.sql("SELECT id FROM cases.\"case\" WHERE tenant_id = :tenant AND reference = :r")
                        .param("tenant", CurrentTenant.require().value())
                        .param("r", reference)
                        .query(UUID.class)
                        .optional());
    }

    /** A legal hold keeps a case from disposal until it is lifted. */
    boolean hold(UUID caseId, String reason, String by) {
        return Boolean.TRUE.equals(transactions.execute(s -> {
            int changed = jdbc.sql(
                            "UPDATE cases.\"case\" SET legal_hold = :r WHERE tenant_id = :tenant AND id = :c AND disposed_at IS NULL")
                    .param("tenant", CurrentTenant.require().value())
                    .param("r", reason)
                    .param("c", caseId)
                    .update();
            if (changed == 1) {
                audit.record(new AuditRecord(
                        Actor.of(by),
                        reason == null ? "LEGAL_HOLD_LIFTED" : "LEGAL_HOLD_PLACED",
                        "case",
                        caseId.toString(),
                        reason == null ? Map.of() : Map.of("reason", reason)));
            }
            return changed == 1;
        }));
    }

    /** Every tenant's due cases, each night. */
    // the zone is SwedishTime.ZONE written out: an annotation takes only a constant string
    @Scheduled(cron = "${samla.disposal.cron:0 30 2 * * *}", zone = "Europe/Stockholm")
    // every instance fires at the same minute: the lock, held for at least ten minutes, lets only the first run;
    // one that dies during the run frees it after three hours, and the next night carries on where it stopped
    @SchedulerLock(name = "cases.disposal.nightly", lockAtMostFor = "PT3H", lockAtLeastFor = "PT10M")
    void nightly() {
        for (Tenant tenant : tenants.all()) {
            var outcome = CurrentTenant.callAs(tenant.id(), () -> run(LocalDate.now(clock), "system:gallring"));
            if (!outcome.disposed().isEmpty() || !outcome.failed().isEmpty()) {
                log.info(
                        "Disposal for {}: {} cases disposed of, {} failed",
                        tenant.slug(),
                        outcome.disposed().size(),
                        outcome.failed().size());
            }
        }
    }
}
