package se.samla.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/**
 * What other modules may do with a case they build on (a problem report's case): read it under the
 * same access rule as the workbench, close it as a duplicate or with a result, and read its files. Every
 * read of a case's content by staff is audited, as in the workbench.
 */
@Service
public class CaseHandling {

    /** A case as another module sees it. */
    public record CaseInfo(
            UUID id,
            String reference,
            String caseType,
            String unit,
            String status,
            boolean closed,
            String result,
            int version,
            Map<String, Object> answers,
            Instant submittedAt) {}

    public record FileInfo(UUID id, String fieldKey, String filename, String contentType, long sizeBytes) {}

    public record FileContent(FileInfo file, InputStream content) {}

    /**
     * What the register needs to know of a case: its reference, type, owner, confidentiality and party.
     *
     * @param provision the OSL provision the case is secret under, or null
     */
    public record RegistrationFacts(
            UUID id,
            String reference,
            String caseType,
            int caseTypeVersion,
            String unit,
            se.samla.shared.Confidentiality confidentiality,
            String provision,
            String applicantName,
            String applicantIdentityNumber,
            Instant submittedAt,
            boolean signed) {}

    /**
     * What an e-archive delivery needs of a closed case beyond its register.
     *
     * @param keep whether the result says the case is kept (bevaras)
     */
    public record ArchiveFacts(
            UUID id,
            String reference,
            String caseType,
            String caseTypeName,
            String unit,
            String status,
            Instant submittedAt,
            Instant closedAt,
            Boolean keep,
            String result,
            String resultName,
            String retentionReference,
            String applicantName,
            String applicantIdentityNumber,
            String decisionReasons,
            String decisionLegalReference,
            String decidedBy,
            Instant decidedAt) {}

    /** One thing written in a case: who wrote it and when. */
    public record Writing(UUID id, String authorName, Instant at) {}

    /** The result a report closed as "already reported" gets, where its case type has it. */
    public static final String DUPLICATE_RESULT = "dubblett";

    private final CaseQueries queries;
    private final StaffAccess access;
    private final CaseWork work;
    private final Attachments attachments;
    private final Catalog catalog;
    private final AuditLog audit;

    private final org.springframework.context.MessageSource messages;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final ApplicationSignatures signatures;
    private final se.samla.identity.People people;
    private final se.samla.identity.PopulationRegister population;
    private final se.samla.tenancy.Tenants tenants;

    CaseHandling(
            CaseQueries queries,
            StaffAccess access,
            CaseWork work,
            Attachments attachments,
            Catalog catalog,
            AuditLog audit,
            org.springframework.context.MessageSource messages,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            ApplicationSignatures signatures,
            se.samla.identity.People people,
            se.samla.identity.PopulationRegister population,
            se.samla.tenancy.Tenants tenants) {
        this.signatures = signatures;
        this.people = people;
        this.population = population;
        this.tenants = tenants;
        this.messages = messages;
        this.jdbc = jdbc;
        this.queries = queries;
        this.access = access;
        this.work = work;
        this.attachments = attachments;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The case, if the staff member may see it (audited as opened); else empty (audited as refused). */
    @Transactional
    public Optional<CaseInfo> openForStaff(UUID caseId, SignedInUser.Staff staff) {
        var found = queries.byId(caseId);
        if (found.isEmpty() || !access.maySee(staff, found.get())) {
            audit.record(new AuditRecord(
                    Actor.of(staff.auditId()), "ACCESS_REFUSED", "case", caseId.toString(), Map.of("by", "staff")));
            return Optional.empty();
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "CASE_OPENED",
                "case",
                caseId.toString(),
                Map.of("by", "staff", "unit", found.get().unit())));
        return found.map(CaseHandling::info);
    }

    private static final String FACTS = """
            SELECT c.id, c.case_type, c.unit, c.channel, c.submitted_at, c.planned_decision_on, c.latest_decision_on,
                   d.decided_at, c.closed_at, c.result, c.version,
                   (SELECT count(*) FROM cases.completion_request r
                    WHERE r.tenant_id = :tenant AND r.case_id = c.id) AS completion_requests
            FROM cases."case" c LEFT JOIN cases.decision d ON d.tenant_id = c.tenant_id AND d.case_id = c.id
            """;

    private static CaseFacts factsOf(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CaseFacts(
                rs.getObject("id", UUID.class),
                rs.getString("case_type"),
                rs.getString("unit"),
                rs.getString("channel"),
                rs.getTimestamp("submitted_at").toInstant(),
                rs.getObject("planned_decision_on", java.time.LocalDate.class),
                rs.getObject("latest_decision_on", java.time.LocalDate.class),
                rs.getTimestamp("decided_at") == null
                        ? null
                        : rs.getTimestamp("decided_at").toInstant(),
                rs.getTimestamp("closed_at") == null
                        ? null
                        : rs.getTimestamp("closed_at").toInstant(),
                rs.getString("result"),
                rs.getInt("completion_requests"),
                rs.getInt("version"));
    }

    /** The case's facts for statistics; nothing of the person or the content, so nothing is audited as read. */
    @Transactional(readOnly = true)
    public Optional<CaseFacts> facts(UUID caseId) {
        // a disposed case's decision and requests are gone: what a projection kept of it stays as it was
        return jdbc.sql(FACTS + " WHERE c.tenant_id = :tenant AND c.id = :id AND c.disposed_at IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("id", caseId)
                .query(CaseHandling::factsOf)
                .optional();
    }

    /** The current tenant's case facts in id order after the given id (null from the start), for a projection to catch up. */
    @Transactional(readOnly = true)
    public List<CaseFacts> factsAfter(UUID after, int limit) {
        return jdbc.sql(FACTS
                        + " WHERE c.tenant_id = :tenant AND c.disposed_at IS NULL"
                        + " AND (CAST(:after AS uuid) IS NULL OR c.id > :after) ORDER BY c.id LIMIT :limit")
                .param("tenant", CurrentTenant.require().value())
                .param("after", after)
                .param("limit", limit)
                .query(CaseHandling::factsOf)
                .list();
    }

    /** The courses of the cases (their status changes in order), for statistics and process mining; not of disposed cases. */
    @Transactional(readOnly = true)
    public List<CaseStep> steps(java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT s.case_id, s.seq, s.to_status, s.changed_at FROM cases.status_change s
                        JOIN cases."case" c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
                        WHERE s.tenant_id = :tenant AND s.case_id = ANY (CAST(:ids AS uuid[])) AND c.disposed_at IS NULL
                        ORDER BY s.case_id, s.seq
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("ids", caseIds.toArray(UUID[]::new))
                .query((rs, n) -> new CaseStep(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Of the cases, those the staff member may see, in one query: for lists and maps of many. */
    @Transactional(readOnly = true)
    public java.util.Set<UUID> visibleTo(SignedInUser.Staff staff, java.util.Collection<UUID> caseIds) {
        List<String> units = access.units(staff);
        if (caseIds.isEmpty() || units.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("""
                        SELECT id FROM cases."case"
                        WHERE tenant_id = :tenant AND id = ANY (CAST(:ids AS uuid[])) AND unit IN (:units) AND confidentiality IN (:levels)
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("ids", caseIds.toArray(UUID[]::new))
                .param("units", units)
                .param("levels", access.levels(staff))
                .query(UUID.class)
                .list());
    }

    /** The units whose cases the staff member may see (a role in an administration covers its sections). */
    public List<String> unitsOf(SignedInUser.Staff staff) {
        return access.units(staff);
    }

    /** Whether the staff member may see the case; reads nothing of its content. */
    @Transactional(readOnly = true)
    public boolean staffMaySee(UUID caseId, SignedInUser.Staff staff) {
        return queries.byId(caseId).map(c -> access.maySee(staff, c)).orElse(false);
    }

    /**
     * The applicant's open cases of one unit that the staff member may see and that are at least as confidential as
     * given, newest first: where a written message about one of them can go. Only reference, type and state are given, so nothing is audited as read.
     */
    @Transactional(readOnly = true)
    public List<CaseInfo> openCasesOf(
            UUID personId, String unit, se.samla.shared.Confidentiality atLeast, SignedInUser.Staff staff) {
        return queries.ofApplicant(personId, null).stream()
                .filter(c -> !c.closed() && unit.equals(c.unit()) && access.maySee(staff, c))
                .filter(c -> c.confidentiality().reaches(atLeast))
                .map(c -> new CaseInfo(
                        c.id(),
                        c.reference(),
                        c.caseType(),
                        c.unit(),
                        c.status(),
                        false,
                        null,
                        c.version(),
                        Map.of(),
                        c.submittedAt()))
                .toList();
    }

    /** The case's state for a system reading it (no person named, nothing audited as a read of content). */
    @Transactional(readOnly = true)
    public Optional<CaseInfo> state(UUID caseId) {
        return queries.byId(caseId)
                .map(c -> new CaseInfo(
                        c.id(),
                        c.reference(),
                        c.caseType(),
                        c.unit(),
                        c.status(),
                        c.closed(),
                        c.result(),
                        c.version(),
                        Map.of(),
                        c.submittedAt()));
    }

    /**
     * Closes the case as already reported in {@code keptReference}, with a note saying so. Refused when
     * the case is closed or was changed since {@code seenVersion}.
     */
    @Transactional
    public void closeAsDuplicate(
            UUID caseId, int seenVersion, String keptReference, String actorAuditId, String actorName) {
        StoredCase c = queries.byId(caseId).orElseThrow(() -> new IllegalCaseChangeException("work.error.closed"));
        CaseTypeDefinition type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow()
                .definition();
        String result = type.result(DUPLICATE_RESULT).isPresent()
                ? DUPLICATE_RESULT
                : type.results().get(type.results().size() - 1).code();
        var worker = new CaseWork.Worker(actorAuditId, actorName);
        work.closeWithoutDecision(c, seenVersion, result, worker);
        work.note(c, "Sammanfogad med " + keptReference + " (samma problem).", worker);
    }

    /**
     * Moves the case on to a status that is not final, as a system (a sensor) does; refused like a case officer's move
     * when the case type does not allow it from where the case is, or the case is closed.
     */
    @Transactional
    public void moveOn(UUID caseId, String status, String actorAuditId, String actorName) {
        StoredCase c = queries.byId(caseId).orElseThrow(() -> new IllegalCaseChangeException("work.error.closed"));
        work.transition(c, c.version(), status, new CaseWork.Worker(actorAuditId, actorName));
    }

    /** Closes the case with the given result of its type, as a system reporting the problem gone does. */
    @Transactional
    public void closeWith(UUID caseId, String result, String actorAuditId, String actorName) {
        StoredCase c = queries.byId(caseId).orElseThrow(() -> new IllegalCaseChangeException("work.error.closed"));
        work.closeWithoutDecision(c, c.version(), result, new CaseWork.Worker(actorAuditId, actorName));
    }

    /** Closes the case with the first result of its type, as a system reporting the problem fixed would. */
    @Transactional
    public void closeAsDone(UUID caseId, String actorAuditId, String actorName) {
        StoredCase c = queries.byId(caseId).orElseThrow(() -> new IllegalCaseChangeException("work.error.closed"));
        CaseTypeDefinition type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow()
                .definition();
        work.closeWithoutDecision(
                c, c.version(), type.results().get(0).code(), new CaseWork.Worker(actorAuditId, actorName));
    }

    @Transactional(readOnly = true)
    public List<FileInfo> files(UUID caseId, String fieldKey) {
        return attachments.ofCase(caseId).stream()
                .filter(a -> a.fieldKey().equals(fieldKey))
                .map(a -> new FileInfo(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes()))
                .toList();
    }

    /** A file's content; the caller closes the stream. */
    @Transactional(readOnly = true)
    public Optional<FileContent> file(UUID caseId, UUID fileId) {
        var stored = attachments.content(caseId, fileId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        var a = stored.get().attachment();
        try {
            return Optional.of(new FileContent(
                    new FileInfo(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes()),
                    attachments.open(stored.get())));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a stored file", e);
        }
    }

    /** The closed cases whose result says keep (bevaras), newest first: what the e-archive is to receive. */
    @Transactional(readOnly = true)
    public List<UUID> closedToKeep(int max) {
        return jdbc.sql(
                        "SELECT id FROM cases.\"case\" WHERE tenant_id = :tenant AND closed_at IS NOT NULL AND keep ORDER BY closed_at DESC LIMIT :max")
                .param("tenant", CurrentTenant.require().value())
                .param("max", max)
                .query(UUID.class)
                .list();
    }

    /** For delivering a closed case to the e-archive; the caller audits the read. */
    @Transactional(readOnly = true)
    public Optional<ArchiveFacts> archiveFacts(UUID caseId) {
        return queries.byId(caseId).map(c -> {
            var type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                    .orElseThrow()
                    .definition();
            var decision = queries.decision(caseId);
            return new ArchiveFacts(
                    c.id(),
                    c.reference(),
                    c.caseType(),
                    type.name().sv(),
                    c.unit(),
                    c.status(),
                    c.submittedAt(),
                    c.closedAt(),
                    c.keep(),
                    c.result(),
                    c.result() == null
                            ? null
                            : type.result(c.result()).map(r -> r.name().sv()).orElse(c.result()),
                    c.result() == null
                            ? null
                            : type.result(c.result())
                                    .map(CaseTypeDefinition.Result::retentionReference)
                                    .orElse(null),
                    c.applicantName(),
                    c.applicantIdentityNumber(),
                    decision.map(CaseQueries.Decision::reasons).orElse(null),
                    decision.map(CaseQueries.Decision::legalReference).orElse(null),
                    decision.map(CaseQueries.Decision::decidedBy).orElse(null),
                    decision.map(CaseQueries.Decision::at).orElse(null));
        });
    }

    /** For registering the case's documents; a system read, not a person's, so not audited as one. */
    @Transactional(readOnly = true)
    public Optional<RegistrationFacts> registrationFacts(UUID caseId) {
        // only what registration needs: the answers stay unread, which matters when every submission asks
        return jdbc.sql("""
                SELECT id, reference, case_type, case_type_version, unit, confidentiality, applicant_name,
                    applicant_identity_number, submitted_at,
                    EXISTS (SELECT 1 FROM cases.signature s WHERE s.tenant_id = :tenant AND s.case_id = c.id
                        AND s.role = 'APPLICANT' AND s.status = 'SIGNED') AS signed
                FROM cases."case" c WHERE c.tenant_id = :tenant AND id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", caseId)
                .query((rs, n) -> new RegistrationFacts(
                        rs.getObject("id", UUID.class),
                        rs.getString("reference"),
                        rs.getString("case_type"),
                        rs.getInt("case_type_version"),
                        rs.getString("unit"),
                        se.samla.shared.Confidentiality.valueOf(rs.getString("confidentiality")),
                        provision(rs.getString("case_type"), rs.getInt("case_type_version")),
                        rs.getString("applicant_name"),
                        rs.getString("applicant_identity_number"),
                        rs.getTimestamp("submitted_at").toInstant(),
                        rs.getBoolean("signed")))
                .optional();
    }

    private String provision(String caseType, int version) {
        return catalog.version(CurrentTenant.require(), caseType, version)
                .map(t -> t.definition().confidentiality().provision())
                .orElse(null);
    }

    @Transactional(readOnly = true)
    public Optional<Writing> message(UUID caseId, UUID messageId) {
        return queries.messages(caseId).stream()
                .filter(m -> m.id().equals(messageId))
                .findFirst()
                .map(m -> new Writing(m.id(), m.authorName(), m.at()));
    }

    @Transactional(readOnly = true)
    public Optional<Writing> decision(UUID caseId) {
        return queries.decision(caseId).map(d -> new Writing(caseId, d.decidedBy(), d.at()));
    }

    @Transactional(readOnly = true)
    public List<FileInfo> allFiles(UUID caseId) {
        return attachments.ofCase(caseId).stream()
                .map(a -> new FileInfo(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes()))
                .toList();
    }

    /**
     * A document of the case as text, in Swedish, for a registrar assessing a request to see it: the
     * application with every answer, a message, the decision, or a memo. The caller audits the read.
     *
     * @param kind APPLICATION, MESSAGE, DECISION or MEMO
     */
    @Transactional(readOnly = true)
    public Optional<String> documentText(UUID caseId, String kind, UUID sourceId) {
        var c = queries.byId(caseId);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        java.util.Locale sv = java.util.Locale.forLanguageTag("sv");
        return switch (kind) {
            case "APPLICATION" -> {
                var type = catalog.version(
                                CurrentTenant.require(),
                                c.get().caseType(),
                                c.get().caseTypeVersion())
                        .orElseThrow();
                StringBuilder text = new StringBuilder(type.definition().name().sv())
                        .append('\n')
                        .append("Diarienummer: ")
                        .append(c.get().reference())
                        .append('\n');
                if (c.get().applicantName() != null) {
                    text.append("Sökande: ").append(c.get().applicantName());
                    String number = c.get().applicantIdentityNumber();
                    if (number != null && number.length() == 12) {
                        text.append(", ").append(number, 0, 8).append('-').append(number.substring(8));
                    }
                    text.append('\n');
                }
                for (var field : type.definition().form()) {
                    Object answer = c.get().answers().get(field.key());
                    if (answer == null || field.type() == se.samla.catalog.FieldType.FILE) {
                        continue;
                    }
                    text.append(field.label().sv())
                            .append(": ")
                            .append(AnswerText.of(field, answer, sv, messages))
                            .append('\n');
                }
                yield Optional.of(text.toString().strip());
            }
            case "MESSAGE" ->
                queries.messages(caseId).stream()
                        .filter(m -> m.id().equals(sourceId))
                        .findFirst()
                        .map(m -> "Meddelande " + (m.toResident() ? "till sökande" : "från sökande") + ", "
                                + m.authorName() + "\n\n" + m.body());
            case "DECISION" ->
                queries.decision(caseId).map(d -> {
                    var type = catalog.version(
                                    CurrentTenant.require(),
                                    c.get().caseType(),
                                    c.get().caseTypeVersion())
                            .orElseThrow();
                    String outcome = type.definition()
                            .result(d.outcome())
                            .map(r -> r.name().sv())
                            .orElse(d.outcome());
                    return "Beslut i ärende " + c.get().reference() + "\n\nBeslut: " + outcome + "\n\nSkäl: "
                            + d.reasons() + "\n\nLagrum: " + d.legalReference() + "\nBeslutsfattare: " + d.decidedBy();
                });
            case "MEMO" ->
                jdbc.sql(
                                "SELECT author_name, body FROM cases.note WHERE tenant_id = :tenant AND id = :id AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", sourceId)
                        .param("c", caseId)
                        .query((rs, n) -> "Tjänsteanteckning, " + rs.getString(1) + "\n\n" + rs.getString(2))
                        .optional();
            default -> Optional.empty();
        };
    }

    /**
     * A decision, completion request or message of the case as a letter to its applicant; empty when the case
     * has no applicant who logged in (an anonymous case gets no post) or the document does not exist. A system
     * read for the post, which audits what it sends.
     */
    @Transactional(readOnly = true)
    public Optional<CaseLetter> letter(UUID caseId, String kind, UUID sourceId) {
        var found = queries.byId(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredCase c = found.get();
        // an anonymous case gets no post; one sent for someone gets it as its recipient() says
        if (c.applicantPersonId() == null && !c.sentOnBehalf() && !"SIGNATURE_REQUEST".equals(kind)) {
            return Optional.empty();
        }
        var type = catalog.version(CurrentTenant.require(), c.caseType(), c.caseTypeVersion())
                .orElseThrow()
                .definition();
        java.util.Locale sv = java.util.Locale.forLanguageTag("sv");
        String typeName = type.name().sv();
        return switch (kind) {
            case "DECISION" ->
                queries.decision(caseId)
                        .map(d -> letter(
                                c,
                                typeName,
                                kind,
                                caseId,
                                messages.getMessage("letter.decision.title", null, sv),
                                List.of(
                                        new CaseLetter.Part(
                                                messages.getMessage("letter.decision.outcome", null, sv),
                                                type.result(d.outcome())
                                                        .map(r -> r.name().sv())
                                                        .orElse(d.outcome())),
                                        new CaseLetter.Part(
                                                messages.getMessage("letter.decision.reasons", null, sv), d.reasons()),
                                        new CaseLetter.Part(
                                                messages.getMessage("letter.decision.legal-reference", null, sv),
                                                d.legalReference())),
                                d.decidedBy(),
                                d.at(),
                                null,
                                true));
            case "COMPLETION_REQUEST" ->
                queries.completionRequests(caseId).stream()
                        .filter(r -> r.id().equals(sourceId))
                        .findFirst()
                        .map(r -> letter(
                                c,
                                typeName,
                                kind,
                                sourceId,
                                messages.getMessage("letter.completion.title", null, sv),
                                List.of(
                                        new CaseLetter.Part(
                                                messages.getMessage("letter.completion.items", null, sv),
                                                String.join("\n\n", r.items())),
                                        new CaseLetter.Part(
                                                messages.getMessage("letter.completion.answer", null, sv),
                                                messages.getMessage(
                                                        "letter.completion.answer-text",
                                                        new Object[] {r.dueOn().toString()},
                                                        sv))),
                                null,
                                r.at(),
                                r.dueOn(),
                                true));
            case "MESSAGE" ->
                queries.messages(caseId).stream()
                        .filter(m -> m.id().equals(sourceId) && m.toResident())
                        .findFirst()
                        .map(m -> letter(
                                c,
                                typeName,
                                kind,
                                sourceId,
                                messages.getMessage("letter.message.title", null, sv),
                                List.of(new CaseLetter.Part(null, m.body())),
                                m.authorName(),
                                m.at(),
                                null,
                                false));
            case "SIGNATURE_REQUEST" -> signatureRequest(c, typeName, sourceId);
            default -> Optional.<CaseLetter>empty();
        };
    }

    /**
     * The notice to a guardian that an application for their child waits for their signature: to the guardian, not
     * the applicant, and with nothing of the application but its kind, since it goes by post.
     */
    private Optional<CaseLetter> signatureRequest(StoredCase c, String typeName, UUID signatureId) {
        java.util.Locale sv = java.util.Locale.forLanguageTag("sv");
        return signatures.ofCase(c.id()).stream()
                .filter(s -> s.id().equals(signatureId) && s.role() == ApplicationSignatures.Role.GUARDIAN)
                .findFirst()
                .map(s -> new CaseLetter(
                        c.id(),
                        c.reference(),
                        typeName,
                        c.unit(),
                        people.idOf(s.signerIdentityNumber()).orElse(null),
                        population.name(s.signerIdentityNumber()).orElse(null),
                        s.signerIdentityNumber(),
                        "SIGNATURE_REQUEST",
                        signatureId,
                        messages.getMessage("letter.signature-request.title", null, sv),
                        List.of(new CaseLetter.Part(
                                null,
                                messages.getMessage(
                                        "letter.signature-request.text",
                                        new Object[] {
                                            c.actorName() != null ? c.actorName() : c.applicantName(),
                                            typeName.toLowerCase(sv),
                                            CaseViews.day(s.dueAt()),
                                            tenants.byId(CurrentTenant.require())
                                                    .map(se.samla.tenancy.Tenant::name)
                                                    .orElse("")
                                        },
                                        sv))),
                        null,
                        s.requestedAt(),
                        java.time.LocalDate.ofInstant(s.dueAt(), se.samla.shared.SwedishTime.ZONE),
                        false));
    }

    /**
     * Notes when the applicant received the case's decision, and the appeal deadline that follows; the post calls
     * this with the earliest receipt it knows. A system change, audited.
     *
     * @param via DIGITAL_MAILBOX, MY_PAGES or PAPER
     * @param deemed whether the day is reckoned (paper) rather than known
     */
    @Transactional
    public void decisionReceived(UUID caseId, Instant at, String via, boolean deemed, java.time.LocalDate appealUntil) {
        int changed = jdbc.sql("""
                UPDATE cases.decision SET received_at = :at, received_via = :via, received_deemed = :deemed,
                    appeal_until = :appeal
                WHERE tenant_id = :tenant AND (case_id = :c AND (received_at IS NULL OR received_at > :at))
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .param("at", java.sql.Timestamp.from(at))
                .param("via", via)
                .param("deemed", deemed)
                .param("appeal", appealUntil)
                .update();
        if (changed > 0) {
            audit.record(new AuditRecord(
                    Actor.system("post"),
                    "DECISION_RECEIVED",
                    "case",
                    caseId.toString(),
                    Map.of("via", via, "appealUntil", String.valueOf(appealUntil))));
        }
    }

    private static CaseLetter letter(
            StoredCase c,
            String typeName,
            String kind,
            UUID sourceId,
            String title,
            List<CaseLetter.Part> parts,
            String signedBy,
            Instant at,
            java.time.LocalDate dueOn,
            boolean mustBeDelivered) {
        // a child's or a company's post goes to who acts for it, who sent the application; a giver of a power of
        // attorney gets their own
        boolean toActor = "CHILD".equals(c.actingAs()) || "ORGANISATION".equals(c.actingAs());
        return new CaseLetter(
                c.id(),
                c.reference(),
                typeName,
                c.unit(),
                toActor ? c.actorPersonId() : c.applicantPersonId(),
                toActor ? c.actorName() : c.applicantName(),
                toActor ? c.actorIdentityNumber() : c.applicantIdentityNumber(),
                kind,
                sourceId,
                title,
                parts,
                signedBy,
                at,
                dueOn,
                mustBeDelivered);
    }

    private static CaseInfo info(StoredCase c) {
        return new CaseInfo(
                c.id(),
                c.reference(),
                c.caseType(),
                c.unit(),
                c.status(),
                c.closed(),
                c.result(),
                c.version(),
                c.answers(),
                c.submittedAt());
    }
}
