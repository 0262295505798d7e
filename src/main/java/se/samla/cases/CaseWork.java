package se.samla.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.fees.ChargeOrder;
import se.samla.fees.Charges;
import se.samla.fees.FeeRefused;
import se.samla.fees.Receiver;
import se.samla.shared.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change to a submitted case: assignment, status transitions the case type allows, completion
 * requests and their answers, messages, internal notes and the decision. Each change checks the
 * version the user saw (a stale one is refused), keeps the history, is audited, and is announced.
 */
@Service
class CaseWork {

    /** Who acts: their audit id and the name others see. */
    record Worker(String auditId, String name) {}

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Attachments attachments;
    private final Clock clock;
    private final JsonMapper jsonMapper;
    private final Charges charges;

    CaseWork(
            JdbcClient jdbc,
            Catalog catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            Attachments attachments,
            Clock clock,
            JsonMapper jsonMapper,
            Charges charges) {
        this.charges = charges;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.attachments = attachments;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    @Transactional
    void assign(StoredCase c, int seenVersion, UUID staffId, Worker by) {
        c = current(c, seenVersion);
        bump(c, seenVersion, "assigned_to = :assignee", Map.of("assignee", staffId));
        audit.record(new AuditRecord(
                Actor.of(by.auditId()),
                "CASE_ASSIGNED",
                "case",
                c.id().toString(),
                Map.of("assignee", staffId.toString())));
    }

    @Transactional
    void transition(StoredCase c, int seenVersion, String to, Worker by) {
        c = current(c, seenVersion);
        CaseTypeDefinition type = type(c).definition();
        if (!type.allowsTransition(c.status(), to)) {
            throw new IllegalCaseChangeException("work.error.transition-not-allowed");
        }
        var target = type.status(to).orElseThrow();
        if (target.isFinal()) {
            throw new IllegalCaseChangeException("work.error.close-with-result");
        }
        move(c, seenVersion, to, target.waitingForResident(), by, null);
    }

    @Transactional
    void requestCompletion(StoredCase c, int seenVersion, List<String> items, LocalDate dueOn, Worker by) {
        c = current(c, seenVersion);
        CaseTypeDefinition type = type(c).definition();
        var waiting = type.status(c.status()).orElseThrow().next().stream()
                .map(code -> type.status(code).orElseThrow())
                .filter(CaseTypeDefinition.Status::waitingForResident)
                .findFirst()
                .orElseThrow(() -> new IllegalCaseChangeException("work.error.no-completion-here"));
        move(c, seenVersion, waiting.code(), true, by, null);
        UUID requestId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO cases.completion_request (id, tenant_id, case_id, items, due_on, created_at, created_by)
                VALUES (:id, :t, :c, CAST(:items AS jsonb), :due, now(), :by)
                """)
                .param("id", requestId)
                .param("t", CurrentTenant.require().value())
                .param("c", c.id())
                .param("items", jsonMapper.writeValueAsString(items))
                .param("due", dueOn)
                .param("by", by.auditId())
                .update();
        audit.record(new AuditRecord(
                Actor.of(by.auditId()),
                "COMPLETION_REQUESTED",
                "case",
                c.id().toString(),
                Map.of("items", Integer.toString(items.size()), "due", dueOn.toString())));
        events.publishEvent(new CaseEvents.CompletionRequested(
                CurrentTenant.require(), c.id(), requestId, c.reference(), dueOn, notificationEmail(c)));
    }

    /** The resident answers the open completion request; the case goes back to the case officer. */
    @Transactional
    void answerCompletion(StoredCase c, UUID requestId, String answer, UUID submissionId, Worker by) {
        requireOpen(c);
        int answered = jdbc.sql("""
                UPDATE cases.completion_request SET answered_at = now(), answer = :a
                WHERE tenant_id = :tenant AND id = :id AND case_id = :c AND answered_at IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("a", answer)
                .param("id", requestId)
                .param("c", c.id())
                .update();
        if (answered == 0) {
            throw new IllegalCaseChangeException("work.error.completion-already-answered");
        }
        attachments.attachToCase(submissionId, c.id());
        // the submission has brought its files: it takes no more
        jdbc.sql("UPDATE cases.submission SET case_id = :c WHERE tenant_id = :tenant AND id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("c", c.id())
                .param("s", submissionId)
                .update();
        CaseTypeDefinition type = type(c).definition();
        String back = type.status(c.status())
                .map(s -> s.next().isEmpty() ? null : s.next().get(0))
                .orElse(null);
        if (back != null && c.waitingForResident()) {
            move(c, c.version(), back, false, by, null);
        }
        UUID messageId = insertMessage(c, "FROM_RESIDENT", by, answer);
        audit.record(
                new AuditRecord(Actor.of(by.auditId()), "COMPLETION_ANSWERED", "case", c.id().toString(), Map.of()));
        events.publishEvent(
                new CaseEvents.MessageFromResident(CurrentTenant.require(), c.id(), messageId, c.reference()));
        events.publishEvent(new CaseEvents.CompletionAnswered(CurrentTenant.require(), c.id(), c.reference()));
    }

    @Transactional
    void message(StoredCase c, boolean toResident, String body, Worker by) {
        message(c, toResident, body, by, false);
    }

    /** A message in the case's conversation; one to the resident may go as a letter too. */
    @Transactional
    void message(StoredCase c, boolean toResident, String body, Worker by, boolean asLetter) {
        UUID messageId = insertMessage(c, toResident ? "TO_RESIDENT" : "FROM_RESIDENT", by, body);
        audit.record(new AuditRecord(
                Actor.of(by.auditId()),
                toResident ? "MESSAGE_TO_RESIDENT" : "MESSAGE_FROM_RESIDENT",
                "case",
                c.id().toString(),
                Map.of()));
        if (toResident) {
            events.publishEvent(new CaseEvents.MessageSentToResident(
                    CurrentTenant.require(), c.id(), messageId, c.reference(), notificationEmail(c), asLetter));
        } else {
            events.publishEvent(
                    new CaseEvents.MessageFromResident(CurrentTenant.require(), c.id(), messageId, c.reference()));
        }
    }

    /** Marks the other side's messages as read by this reader. */
    @Transactional
    void markRead(StoredCase c, boolean readerIsResident) {
        jdbc.sql(
                        "UPDATE cases.message SET read_at = now() WHERE tenant_id = :tenant AND case_id = :c AND direction = :d AND read_at IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("c", c.id())
                .param("d", readerIsResident ? "TO_RESIDENT" : "FROM_RESIDENT")
                .update();
    }

    @Transactional
    void note(StoredCase c, String body, Worker by) {
        UUID noteId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO cases.note (id, tenant_id, case_id, author, author_name, body, created_at)
                VALUES (:id, :t, :c, :a, :n, :b, now())
                """)
                .param("id", noteId)
                .param("t", CurrentTenant.require().value())
                .param("c", c.id())
                .param("a", by.auditId())
                .param("n", by.name())
                .param("b", body)
                .update();
        audit.record(new AuditRecord(Actor.of(by.auditId()), "NOTE_ADDED", "case", c.id().toString(), Map.of()));
        events.publishEvent(new CaseEvents.NoteAdded(CurrentTenant.require(), c.id(), noteId, c.reference()));
    }

    /**
     * Decides the case and closes it with the result: the first final status of the lifecycle, or, when
     * closing without a decision, the final status named like the result, else the last one.
     */
    @Transactional
    void decide(StoredCase c, int seenVersion, String outcome, String reasons, String legalReference, Worker by) {
        decide(c, seenVersion, outcome, reasons, legalReference, Map.of(), by);
    }

    /**
     * Decides the case, and charges the fees its result carries, with the officer's own amounts where given. A fee
     * the answers cannot give, and the officer did not set, refuses the decision.
     */
    @Transactional
    void decide(
            StoredCase c,
            int seenVersion,
            String outcome,
            String reasons,
            String legalReference,
            Map<String, ChargeOrder.Adjustment> fees,
            Worker by) {
        c = current(c, seenVersion);
        CaseType caseType = type(c);
        CaseTypeDefinition type = caseType.definition();
        if (type.result(outcome).isEmpty()) {
            throw new IllegalCaseChangeException("work.error.unknown-result");
        }
        try {
            charges.atDecision(new ChargeOrder(
                    c.id(), c.reference(), caseType, c.answers(), receiver(c), outcome, fees, by.auditId()));
        } catch (FeeRefused e) {
            throw new IllegalCaseChangeException(e.messageKey(), e.arguments());
        }
        String finalStatus = type.statuses().stream()
                .filter(CaseTypeDefinition.Status::isFinal)
                .findFirst()
                .orElseThrow()
                .code();
        move(c, seenVersion, finalStatus, false, by, outcome);
        jdbc.sql("""
                INSERT INTO cases.decision (case_id, tenant_id, outcome, reasons, legal_reference, decided_by, decided_by_name,
                    decided_at) VALUES (:c, :t, :o, :r, :l, :by, :name, now())
                """)
                .param("c", c.id())
                .param("t", CurrentTenant.require().value())
                .param("o", outcome)
                .param("r", reasons)
                .param("l", legalReference)
                .param("by", by.auditId())
                .param("name", by.name())
                .update();
        audit.record(new AuditRecord(
                Actor.of(by.auditId()), "DECISION_MADE", "case", c.id().toString(), Map.of("outcome", outcome)));
        events.publishEvent(new CaseEvents.DecisionMade(
                CurrentTenant.require(), c.id(), c.reference(), outcome, notificationEmail(c)));
    }

    @Transactional
    void closeWithoutDecision(StoredCase c, int seenVersion, String result, Worker by) {
        c = current(c, seenVersion);
        CaseTypeDefinition type = type(c).definition();
        if (type.result(result).isEmpty()) {
            throw new IllegalCaseChangeException("work.error.unknown-result");
        }
        var finals = type.statuses().stream()
                .filter(CaseTypeDefinition.Status::isFinal)
                .toList();
        // a final status named like the result is where it ends (a report closed as fixed is "Åtgärdad")
        String to = finals.stream()
                .map(CaseTypeDefinition.Status::code)
                .filter(result::equals)
                .findFirst()
                .orElse(finals.get(finals.size() - 1).code());
        move(c, seenVersion, to, false, by, result);
    }

    private void move(StoredCase c, int seenVersion, String to, boolean waiting, Worker by, String result) {
        boolean closing = result != null;
        Map<String, Object> params = new java.util.HashMap<>(Map.of("to", to, "waiting", waiting));
        String assignments = "status = :to, waiting_for_resident = :waiting";
        if (closing) {
            // the result decides keep or dispose, and the disposal period runs from the closing day
            var retention = type(c).definition().result(result).orElseThrow();
            LocalDate disposal = retention.keep() || retention.disposalPeriod() == null
                    ? null
                    : LocalDate.now(clock).plus(java.time.Period.parse(retention.disposalPeriod()));
            assignments += ", result = :result, closed_at = now(), keep = :keep, disposal_on = :disposal, "
                    + "retention_reference = :reference";
            params.put("result", result);
            params.put("keep", retention.keep());
            params.put("disposal", disposal);
            params.put("reference", retention.retentionReference());
        }
        bump(c, seenVersion, assignments, params);
        // the case's row, changed just above, is locked until commit, so no other change can take the same number; two
        // statements, as Citus would copy an INSERT ... SELECT's rows in, which row-level security refuses
        int seq = jdbc.sql("""
                        SELECT coalesce(max(seq), 0) + 1 FROM cases.status_change WHERE tenant_id = :t AND case_id = :c
                        """)
                .param("t", CurrentTenant.require().value())
                .param("c", c.id())
                .query(Integer.class)
                .single();
        jdbc.sql("""
                INSERT INTO cases.status_change (tenant_id, case_id, seq, from_status, to_status, changed_at, actor)
                VALUES (:t, :c, :seq, :from, :to, now(), :by)
                """)
                .param("seq", seq)
                .param("t", CurrentTenant.require().value())
                .param("c", c.id())
                .param("from", c.status())
                .param("to", to)
                .param("by", by.auditId())
                .update();
        audit.record(new AuditRecord(
                Actor.of(by.auditId()),
                "STATUS_CHANGED",
                "case",
                c.id().toString(),
                closing
                        ? Map.of("from", c.status(), "to", to, "result", result)
                        : Map.of("from", c.status(), "to", to)));
        events.publishEvent(
                new CaseEvents.StatusChanged(CurrentTenant.require(), c.id(), c.reference(), c.status(), to));
    }

    /** Applies a change only if the case is still at the version the user saw. */
    private void bump(StoredCase c, int seenVersion, String assignments, Map<String, Object> params) {
        var statement = jdbc.sql("UPDATE cases.\"case\" SET " + assignments + ", version = version + 1 "
                        + "WHERE tenant_id = :tenant AND id = :id AND version = :seen")
                .param("tenant", CurrentTenant.require().value())
                .param("id", c.id())
                .param("seen", seenVersion);
        for (var p : params.entrySet()) {
            statement = p.getValue() == null
                    ? statement.param(p.getKey(), null, java.sql.Types.DATE)
                    : statement.param(p.getKey(), p.getValue());
        }
        if (statement.update() == 0) {
            throw new StaleCaseException();
        }
    }

    private UUID insertMessage(StoredCase c, String direction, Worker by, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO cases.message (id, tenant_id, case_id, direction, author, author_name, body, created_at)
                VALUES (:id, :t, :c, :d, :a, :n, :b, now())
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("c", c.id())
                .param("d", direction)
                .param("a", by.auditId())
                .param("n", by.name())
                .param("b", body)
                .update();
        return id;
    }

    /**
     * The case as it is now, locked for this change. A version other than the one the user saw is refused
     * before anything else is checked, so a change that lost a race is always told it is stale (409), never
     * that the lifecycle forbids it.
     */
    private StoredCase current(StoredCase seen, int seenVersion) {
        StoredCase now = jdbc.sql("SELECT * FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", seen.id())
                .query(StoredCase.rows(jsonMapper))
                .single();
        if (now.version() != seenVersion) {
            throw new StaleCaseException();
        }
        requireOpen(now);
        return now;
    }

    private static void requireOpen(StoredCase c) {
        if (c.closed()) {
            throw new IllegalCaseChangeException("work.error.closed");
        }
    }

    private CaseType type(StoredCase c) {
        return catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow();
    }

    /**
     * Who pays the case's fees: the applicant; for a child, the guardian who applied; for an organisation, the
     * organisation, its post going to whoever applied for it (as the case's other post does).
     */
    static Receiver receiver(StoredCase c) {
        if ("ORGANISATION".equals(c.actingAs()) || c.applicantOrganisationNumber() != null) {
            return new Receiver(
                    c.actorPersonId(), c.actorIdentityNumber(), c.applicantName(), c.applicantOrganisationNumber());
        }
        if ("CHILD".equals(c.actingAs())) {
            return new Receiver(c.actorPersonId(), c.actorIdentityNumber(), c.actorName(), null);
        }
        return new Receiver(
                c.applicantPersonId(),
                c.applicantIdentityNumber(),
                c.applicantName() == null ? "" : c.applicantName(),
                null);
    }

    String notificationEmail(StoredCase c) {
        return CaseSubmissions.notificationEmail(type(c), c.answers());
    }
}
