package se.samla.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Handing a case over (överlämnande) to another municipality of the installation, when it is that municipality's
 * to handle (the property lies there, the household moved). The sender writes its case off with the case type's
 * result for it, registers the handover as outgoing and tells the resident; the receiver takes the case up through
 * the one intake, under its own reference, with the answers, the files and the course so far, and registers it as
 * incoming; the sender then learns the new reference and passes it on. A secret case goes only where its case type
 * says its secrecy follows, and the provision is recorded with the handover.
 */
@Service
class CaseTransfers {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final int REASON_MAX = 2000;

    /** A line of the case page about a handover: to or from whom, and the reference there. */
    record Line(String messageKey, String municipality, String reference, String reason, String provision) {}

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Tenants tenants;
    private final CaseWork work;
    private final CaseQueries queries;
    private final CaseIntake intake;
    private final Attachments attachments;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    CaseTransfers(
            JdbcClient jdbc,
            Catalog catalog,
            Tenants tenants,
            CaseWork work,
            CaseQueries queries,
            CaseIntake intake,
            Attachments attachments,
            BlobStore blobs,
            AuditLog audit,
            ApplicationEventPublisher events,
            MessageSource messages) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.tenants = tenants;
        this.work = work;
        this.queries = queries;
        this.intake = intake;
        this.attachments = attachments;
        this.blobs = blobs;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
    }

    /** The municipalities the case can be handed over to: the others that have a case type of the same code. */
    List<Tenant> targets(StoredCase c) {
        if (c.closed() || definition(c).transfer() == null) {
            return List.of();
        }
        TenantId here = CurrentTenant.require();
        return tenants.all().stream()
                .filter(t -> !t.id().equals(here))
                .filter(t -> catalog.current(t.id(), c.caseType()).isPresent())
                .toList();
    }

    /**
     * Hands the case over. Nothing is changed if anything is refused.
     *
     * @throws IllegalCaseChangeException with the reason, in words for the case officer
     * @throws StaleCaseException when the case changed since the officer saw it
     */
    @Transactional
    UUID transfer(StoredCase seen, int seenVersion, String toSlug, String reason, CaseWork.Worker by) {
        StoredCase c = queries.byId(seen.id()).orElseThrow();
        CaseTypeDefinition d = definition(c);
        boolean secret = c.confidentiality().reaches(Confidentiality.CONFIDENTIAL);
        if (d.transfer() == null) {
            // OSL: a secret case leaves only where its case type says the secrecy follows it
            throw new IllegalCaseChangeException(
                    secret ? "work.transfer.error.secret" : "work.transfer.error.not-allowed");
        }
        if (secret
                && (d.transfer().secrecyProvision() == null
                        || d.transfer().secrecyProvision().isBlank())) {
            // a case made secret above its case type (written in confidence) has no provision to follow it
            throw new IllegalCaseChangeException("work.transfer.error.secret");
        }
        if (c.closed()) {
            throw new IllegalCaseChangeException("work.transfer.error.closed");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalCaseChangeException("work.transfer.error.reason");
        }
        if (why.length() > REASON_MAX) {
            throw new IllegalCaseChangeException("work.transfer.error.reason-too-long");
        }
        TenantId here = CurrentTenant.require();
        Tenant to = tenants.bySlug(toSlug == null ? "" : toSlug)
                .filter(t -> !t.id().equals(here))
                .orElseThrow(() -> new IllegalCaseChangeException("work.transfer.error.target"));
        CaseType theirs = catalog.current(to.id(), c.caseType())
                .orElseThrow(() -> new IllegalCaseChangeException("work.transfer.error.target-type"));
        List<CaseEvents.HandedOverFile> files = new ArrayList<>();
        for (Attachment a : attachments.ofCase(c.id())) {
            var question = theirs.definition().field(a.fieldKey()).filter(f -> f.type() == FieldType.FILE);
            if (question.isEmpty()
                    || !question.get().accept().contains(a.contentType())
                    || a.sizeBytes() > question.get().effectiveMaxBytes()) {
                // the receiver's form has no place for the file (or would refuse it): it would be lost on the way,
                // after the case here was written off
                throw new IllegalCaseChangeException("work.transfer.error.files");
            }
            var stored = attachments.content(c.id(), a.id()).orElseThrow();
            files.add(new CaseEvents.HandedOverFile(a.fieldKey(), a.filename(), a.sizeBytes(), stored.blobKey()));
        }
        Tenant from = tenants.current();
        String provision = secret ? d.transfer().secrecyProvision() : null;
        List<String> history = history(c, d);
        work.closeWithoutDecision(c, seenVersion, d.transfer().result(), by);
        work.message(c, true, text("work.transfer.told-resident", to.name(), why), by);
        UUID transferId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO cases.transfer (id, tenant_id, case_id, to_tenant, reason, secrecy_provision, transferred_by,
                    transferred_by_name, transferred_at)
                VALUES (:id, :t, :c, :to, :reason, :provision, :by, :name, now())
                """)
                .param("id", transferId)
                .param("t", here.value())
                .param("c", c.id())
                .param("to", to.id().value())
                .param("reason", why)
                .param("provision", provision)
                .param("by", by.auditId())
                .param("name", by.name())
                .update();
        Map<String, String> details = provision == null
                ? Map.of("to", to.slug(), "transfer", transferId.toString())
                : Map.of("to", to.slug(), "transfer", transferId.toString(), "secrecyProvision", provision);
        audit.record(new AuditRecord(Actor.of(by.auditId()), "CASE_TRANSFERRED", "case", c.id().toString(), details));
        events.publishEvent(
                new CaseEvents.TransferredOut(here, c.id(), c.reference(), transferId, to.id(), to.name(), provision));
        events.publishEvent(new CaseEvents.HandedOver(
                to.id(),
                transferId,
                here,
                from.name(),
                from.slug(),
                c.id(),
                c.reference(),
                c.caseType(),
                c.confidentiality(),
                provision,
                why,
                c.applicantName(),
                c.applicantIdentityNumber(),
                c.actorName(),
                c.actorIdentityNumber(),
                c.actingAs(),
                c.applicantOrganisationNumber(),
                c.answers(),
                files,
                history,
                by.name()));
        return transferId;
    }

    /**
     * The receiver takes the case up: in the receiver's transaction (the event is the receiver's), through the one
     * intake, which opens it once however often this runs.
     */
    @ApplicationModuleListener
    void on(CaseEvents.HandedOver handover) {
        List<CaseIntake.NewFile> files = handover.files().stream()
                .map(f -> new CaseIntake.NewFile(
                        f.fieldKey(), f.filename(), f.sizeBytes(), () -> blobs.open(f.blobKey())))
                .toList();
        CaseIntake.Opened opened = intake.openTransferred(
                handover,
                files,
                caseId -> jdbc.sql("""
                        UPDATE cases."case" SET transferred_from_tenant = :from, transferred_from_reference = :ref
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("from", handover.from().value())
                        .param("ref", handover.reference())
                        .param("id", caseId)
                        .update());
        if (!opened.created()) {
            return;
        }
        StoredCase received = queries.byId(opened.caseId()).orElseThrow();
        List<String> lines = new ArrayList<>();
        lines.add(text(
                "work.transfer.note",
                handover.fromName(),
                handover.reference(),
                handover.transferredByName(),
                handover.reason()));
        if (handover.secrecyProvision() != null) {
            lines.add(text("work.transfer.note-secrecy", handover.secrecyProvision()));
        }
        lines.addAll(handover.history());
        events.publishEvent(new CaseEvents.TransferredIn(
                CurrentTenant.require(),
                received.id(),
                handover.transferId(),
                received.reference(),
                handover.fromName(),
                handover.reference(),
                handover.secrecyProvision()));
        work.note(
                received,
                String.join("\n", lines),
                new CaseWork.Worker("municipality:" + handover.fromSlug(), handover.fromName()));
        events.publishEvent(new CaseEvents.TransferReceived(
                handover.from(),
                handover.caseId(),
                handover.transferId(),
                opened.reference(),
                tenants.current().name()));
    }

    /** The sender learns the receiver's reference, keeps it with the handover and tells the resident. */
    @ApplicationModuleListener
    void on(CaseEvents.TransferReceived received) {
        int updated = jdbc.sql("""
                UPDATE cases.transfer SET received_reference = :ref, received_at = now()
                WHERE tenant_id = :tenant AND id = :id AND received_reference IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("ref", received.receivedReference())
                .param("id", received.transferId())
                .update();
        if (updated == 0) {
            return;
        }
        StoredCase c = queries.byId(received.caseId()).orElseThrow();
        work.message(
                c,
                true,
                text("work.transfer.received-resident", received.receiverName(), received.receivedReference()),
                new CaseWork.Worker("system:overlamning", tenants.current().name()));
    }

    /** What the case page says about a handover of this case, out or in. */
    @Transactional(readOnly = true)
    Optional<Line> line(StoredCase c) {
        Optional<Line> out = jdbc.sql("""
                SELECT to_tenant, received_reference, reason, secrecy_provision FROM cases.transfer WHERE tenant_id = :tenant AND case_id = :c
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", c.id())
                .query((rs, n) -> new Line(
                        rs.getString(2) == null ? "work.transfer.line-out-waiting" : "work.transfer.line-out",
                        tenants.byId(new TenantId(rs.getObject(1, UUID.class)))
                                .map(Tenant::name)
                                .orElse("?"),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4)))
                .optional();
        if (out.isPresent()) {
            return out;
        }
        return jdbc.sql("""
                SELECT transferred_from_tenant, transferred_from_reference FROM cases."case"
                WHERE tenant_id = :tenant AND id = :c AND transferred_from_tenant IS NOT NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", c.id())
                .query((rs, n) -> new Line(
                        "work.transfer.line-in",
                        tenants.byId(new TenantId(rs.getObject(1, UUID.class)))
                                .map(Tenant::name)
                                .orElse("?"),
                        rs.getString(2),
                        null,
                        null))
                .optional();
    }

    /** The case's course so far, for the receiver's note: its status changes and the conversation's messages. */
    private List<String> history(StoredCase c, CaseTypeDefinition d) {
        List<String> lines = new ArrayList<>();
        for (var change : queries.history(c.id())) {
            String to = d.status(change.toStatus()).map(s -> s.staff().sv()).orElse(change.toStatus());
            lines.add(CaseViews.minute(change.at()) + " " + text("work.transfer.history-status", to));
        }
        for (var message : queries.messages(c.id())) {
            lines.add(CaseViews.minute(message.at()) + " "
                    + text(
                            message.toResident()
                                    ? "work.transfer.history-to-resident"
                                    : "work.transfer.history-from-resident",
                            message.authorName(),
                            message.body()));
        }
        return lines;
    }

    private CaseTypeDefinition definition(StoredCase c) {
        return catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow()
                .definition();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, SWEDISH);
    }
}
