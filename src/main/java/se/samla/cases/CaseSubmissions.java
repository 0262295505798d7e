package se.samla.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import se.samla.catalog.Fee;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.fees.ChargeOrder;
import se.samla.fees.Charges;
import se.samla.fees.FeeRefused;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenants;
import se.samla.tenancy.Unit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns checked answers into a case: reference number, status history, files, audit entry and the
 * CaseSubmitted event, all in the caller's transaction. {@link CaseIntake} makes sure one submission opens one
 * case.
 */
@Service
class CaseSubmissions {

    private final JdbcClient jdbc;
    private final ReferenceNumbers references;
    private final Attachments attachments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Tenants tenants;
    private final Clock clock;
    private final JsonMapper jsonMapper;
    private final Charges charges;

    CaseSubmissions(
            JdbcClient jdbc,
            ReferenceNumbers references,
            Attachments attachments,
            AuditLog audit,
            ApplicationEventPublisher events,
            Tenants tenants,
            Clock clock,
            JsonMapper jsonMapper,
            Charges charges) {
        this.charges = charges;
        this.jdbc = jdbc;
        this.references = references;
        this.attachments = attachments;
        this.audit = audit;
        this.events = events;
        this.tenants = tenants;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    record Submitted(UUID caseId, String reference, boolean created) {}

    @Transactional
    Submitted submit(
            CaseType type, Applicant applicant, UUID submissionId, Map<String, Object> answers, Channel channel) {
        return submit(type, type.definition().unit(), applicant, submissionId, answers, channel, null);
    }

    /**
     * The same, owned by the given unit instead of the case type's (a report routed by its place), and at least as
     * confidential as {@code atLeast} (null: as its case type). In the caller's transaction, which has claimed the
     * submission (see {@link Submissions#claim}) and found that it opened no case yet; a second case of one
     * submission is refused by the database.
     */
    @Transactional
    Submitted submit(
            CaseType type,
            String unitCode,
            Applicant applicant,
            UUID submissionId,
            Map<String, Object> answers,
            Channel channel,
            Confidentiality atLeast) {
        return create(type, unitCode, applicant, submissionId, answers, channel, atLeast, caseId -> {});
    }

    /**
     * The same, with what belongs to the application itself (its signature) kept by {@code partOfApplication} before
     * the case is announced, so that whoever hears of the case (the registrar) finds it complete.
     */
    @Transactional
    Submitted submit(
            CaseType type,
            String unitCode,
            Applicant applicant,
            UUID submissionId,
            Map<String, Object> answers,
            Channel channel,
            Confidentiality atLeast,
            java.util.function.Consumer<UUID> partOfApplication) {
        return create(type, unitCode, applicant, submissionId, answers, channel, atLeast, partOfApplication);
    }

    private Submitted create(
            CaseType type,
            String unitCode,
            Applicant applicant,
            UUID submissionId,
            Map<String, Object> answers,
            Channel channel,
            Confidentiality atLeast,
            java.util.function.Consumer<UUID> partOfApplication) {
        TenantId tenant = CurrentTenant.require();
        var definition = type.definition();
        Unit unit = tenants.unit(tenant, unitCode).orElseThrow();
        String series = unit.parentCode() == null ? unit.code() : unit.parentCode();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, SwedishTime.ZONE);
        String reference = references.next(series, today.getYear());
        UUID caseId = UUID.randomUUID();
        String initial = definition.initialStatus().code();
        var sentBy = applicant.onBehalf() == null ? CaseIntake.OnBehalf.NOBODY : applicant.onBehalf();
        jdbc.sql("""
                INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status,
                    confidentiality, osl_provision, applicant_person_id, applicant_name, applicant_identity_number, submission_id,
                    channel, answers,
                    submitted_at, planned_decision_on, latest_decision_on,
                    actor_person_id, actor_name, actor_identity_number, acting_as, applicant_organisation_number)
                VALUES (:id, :tenant, :reference, :type, :version, :unit, :status, :confidentiality, :provision, :person,
                    :name, :number, :submission, :channel, CAST(:answers AS jsonb), :now, :planned, :latest,
                    :actor, :actorName, :actorNumber, :actingAs, :organisation)
                """)
                .param("id", caseId)
                .param("tenant", tenant.value())
                .param("reference", reference)
                .param("type", type.code())
                .param("version", type.version())
                .param("unit", unit.code())
                .param("status", initial)
                .param(
                        "confidentiality",
                        atLeast != null && !definition.confidentiality().level().reaches(atLeast)
                                ? atLeast.name()
                                : definition.confidentiality().level().name())
                .param("provision", definition.confidentiality().provision())
                .param("person", applicant.personId())
                .param("name", applicant.name())
                .param("number", applicant.identityNumber())
                .param("submission", submissionId)
                .param("channel", channel.name())
                .param("answers", jsonMapper.writeValueAsString(answers))
                .param("now", java.sql.Timestamp.from(now))
                .param("planned", today.plusDays(definition.serviceNormDays()))
                .param("latest", today.plusDays(definition.leadTimeDays()))
                .param("actor", sentBy.actorPersonId())
                .param("actorName", sentBy.actorName())
                .param("actorNumber", sentBy.actorIdentityNumber())
                .param("actingAs", sentBy.actingAs())
                .param("organisation", sentBy.organisationNumber())
                .update();
        jdbc.sql("SELECT cases.index_case(:t, :id, :words)")
                .param("t", CurrentTenant.require().value())
                .param("id", caseId)
                .param("words", searchText(reference, applicant, type, answers))
                .query((rs, n) -> n)
                .list();
        jdbc.sql("""
                INSERT INTO cases.status_change (tenant_id, case_id, seq, from_status, to_status, changed_at, actor)
                VALUES (:tenant, :case, 1, NULL, :status, :now, :actor)
                """)
                .param("tenant", tenant.value())
                .param("case", caseId)
                .param("status", initial)
                .param("now", java.sql.Timestamp.from(now))
                .param("actor", applicant.auditId())
                .update();
        attachments.attachToCase(submissionId, caseId);
        partOfApplication.accept(caseId);
        if (definition.fees().stream().anyMatch(f -> f.charged() == Fee.Charged.AT_SUBMISSION)) {
            // the application and the fee it costs arrive together: one is not received without the other
            StoredCase stored = jdbc.sql("SELECT * FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", caseId)
                    .query(StoredCase.rows(jsonMapper))
                    .single();
            try {
                charges.atSubmission(new ChargeOrder(
                        caseId,
                        reference,
                        type,
                        answers,
                        CaseWork.receiver(stored),
                        null,
                        Map.of(),
                        applicant.auditId()));
            } catch (FeeRefused e) {
                throw new CaseIntake.Refused(List.of(FieldError.of("fees", e.messageKey(), e.arguments())));
            }
        }
        if (applicant.sender() != null) {
            jdbc.sql("DELETE FROM cases.draft WHERE tenant_id = :tenant AND person_id = :p AND case_type = :t")
                    .param("tenant", CurrentTenant.require().value())
                    .param("p", applicant.sender())
                    .param("t", type.code())
                    .update();
        }
        audit.record(new AuditRecord(
                Actor.of(applicant.auditId()),
                "CASE_SUBMITTED",
                "case",
                caseId.toString(),
                Map.of(
                        "reference",
                        reference,
                        "caseType",
                        type.code(),
                        "version",
                        Integer.toString(type.version()),
                        "channel",
                        channel.name())));
        events.publishEvent(new CaseSubmitted(
                tenant,
                caseId,
                reference,
                type.code(),
                unit.code(),
                applicant.personId(),
                notificationEmail(type, answers)));
        return new Submitted(caseId, reference, true);
    }

    /**
     * Where the applicant asked to be told: the answer to the form's first e-mail question, if any. A
     * report's reporter is told by the reports module instead, with a link to the report's public page,
     * since they may have no Mina sidor.
     */
    static String notificationEmail(CaseType type, Map<String, Object> answers) {
        if (type.definition().isReportCategory()) {
            return null;
        }
        return type.definition().form().stream()
                .filter(f -> f.type() == FieldType.EMAIL)
                .map(f -> answers.get(f.key()))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .findFirst()
                .orElse(null);
    }

    /** What full-text search finds a case by: reference, applicant, case type and the answers' words. */
    private static String searchText(
            String reference, Applicant applicant, CaseType type, Map<String, Object> answers) {
        List<String> words = new ArrayList<>();
        words.add(reference);
        words.add(reference.replace(" ", "").replace("/", " "));
        if (applicant.name() != null) {
            words.add(applicant.name());
        }
        if (applicant.identityNumber() != null) {
            words.add(applicant.identityNumber());
            words.add(applicant.identityNumber().substring(0, 8) + "-"
                    + applicant.identityNumber().substring(8));
        }
        words.add(type.definition().name().sv());
        for (FormField field : type.definition().form()) {
            Object answer = answers.get(field.key());
            if (answer instanceof Map<?, ?> map) {
                map.values().forEach(v -> words.add(String.valueOf(v)));
            } else if (answer instanceof List<?> list) {
                list.forEach(v -> words.add(String.valueOf(v)));
            } else if (answer != null) {
                words.add(answer.toString());
            }
        }
        return String.join(" ", words);
    }

    enum Channel {
        E_SERVICE,
        API,
        OPEN311,
        SECURE_MAILBOX,
        SENSOR,
        TRANSFER
    }
}
