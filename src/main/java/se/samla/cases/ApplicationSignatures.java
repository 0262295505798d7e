package se.samla.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.CaseType;
import se.samla.identity.PopulationRegister;
import se.samla.identity.UserSignature;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signatures of applications: the applicant's, kept with the case as it opens, and the other guardians' where a
 * case type asks for them, who sign or decline in Mina sidor until their time runs out. Guardianship is checked
 * against the population register whenever someone signs as a guardian.
 */
@Service
class ApplicationSignatures {

    enum Role {
        APPLICANT,
        GUARDIAN
    }

    enum Status {
        SIGNED,
        WAITING,
        DECLINED,
        EXPIRED
    }

    /** A signature of a case, or a guardian's request to sign it. */
    record CaseSignature(
            UUID id,
            UUID caseId,
            Role role,
            String signerIdentityNumber,
            String signerName,
            Status status,
            String summary,
            String summarySha256,
            UserSignature signature,
            Instant requestedAt,
            Instant dueAt,
            Instant answeredAt) {

        ApplicationSummary applicationSummary() {
            return ApplicationSummary.stored(summary);
        }
    }

    /**
     * A guardian's request to sign, with what they need to find it: the case's reference and type, and who sent the
     * application (the other guardian, also when they sent it in the child's name).
     */
    record Request(CaseSignature signature, String reference, String caseType, int caseTypeVersion, String sender) {}

    /** The guardian may not (or no longer) sign: the request is not theirs, is answered, or its time has run out. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static final class NotOpen extends RuntimeException {
        NotOpen() {
            super("The request to sign is not open", null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final PopulationRegister population;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;
    private final se.samla.tenancy.Tenants tenants;
    private final se.samla.catalog.Catalog catalog;
    private final se.samla.platform.TenantTransactions transactions;

    ApplicationSignatures(
            JdbcClient jdbc,
            PopulationRegister population,
            ApplicationEventPublisher events,
            AuditLog audit,
            Clock clock,
            JsonMapper json,
            se.samla.catalog.Catalog catalog,
            se.samla.tenancy.Tenants tenants,
            se.samla.platform.TenantTransactions transactions) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.transactions = transactions;
        this.json = json;
        this.jdbc = jdbc;
        this.population = population;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * For a case type whose guardians all sign: checks that the signer is a guardian of the child the answers name,
     * and gives the child's other guardians.
     *
     * @throws CaseIntake.Refused on the child's question when the register does not say the signer is a guardian
     */
    List<String> requireGuardian(CaseType type, Map<String, Object> answers, String signer) {
        var coSigning = type.definition().coSigning();
        if (coSigning == null) {
            return List.of();
        }
        Object child = answers.get(coSigning.guardiansOf());
        List<String> guardians = child instanceof String number ? population.guardiansOf(number) : List.of();
        if (signer == null || !guardians.contains(signer)) {
            throw new CaseIntake.Refused(List.of(FieldError.of(coSigning.guardiansOf(), "signing.error.not-guardian")));
        }
        return guardians.stream().filter(g -> !g.equals(signer)).toList();
    }

    /** The applicant's signature, in the transaction that opens the case. */
    void signedByApplicant(UUID caseId, ApplicationSummary summary, UserSignature signature, String auditId) {
        insert(caseId, Role.APPLICANT, summary, signature.personalIdentityNumber(), Status.WAITING, null);
        // signed in the same transaction, so the row is never seen waiting
        update(caseId, signature.personalIdentityNumber(), Status.SIGNED, signature);
        audit.record(new AuditRecord(
                Actor.of(auditId), "APPLICATION_SIGNED", "case", caseId.toString(), Map.of("role", "APPLICANT")));
    }

    /** Asks each other guardian to sign, within the case type's days. */
    void askGuardians(
            UUID caseId,
            String reference,
            CaseType type,
            ApplicationSummary summary,
            String applicant,
            List<String> guardians,
            String auditId) {
        if (population.hasProtectedIdentity(applicant)) {
            // the application shows where the child is picked up, which for an applicant with a protected identity may
            // be where they live: the officer arranges the other guardian's signature instead
            audit.record(new AuditRecord(
                    Actor.of(auditId),
                    "CO_SIGNATURES_WITHHELD",
                    "case",
                    caseId.toString(),
                    Map.of("reason", "protected identity")));
            return;
        }
        Instant due = clock.instant()
                .plus(Duration.ofDays(type.definition().coSigning().effectiveDays()));
        for (String guardian : guardians) {
            UUID id = insert(caseId, Role.GUARDIAN, summary, guardian, Status.WAITING, due);
            events.publishEvent(new CaseEvents.SignatureRequested(
                    CurrentTenant.require(),
                    caseId,
                    reference,
                    id,
                    guardian,
                    LocalDate.ofInstant(due, SwedishTime.ZONE)));
        }
        if (!guardians.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(auditId),
                    "CO_SIGNATURES_REQUESTED",
                    "case",
                    caseId.toString(),
                    Map.of("guardians", Integer.toString(guardians.size()))));
        }
    }

    private UUID insert(UUID caseId, Role role, ApplicationSummary summary, String signer, Status status, Instant due) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO cases.signature (id, tenant_id, case_id, role, signer_identity_number, status, summary,
                    summary_sha256, requested_at, due_at)
                VALUES (:id, :tenant, :case, :role, :signer, :status, :summary, :sha, :now, :due)
                """)
                .param("id", id)
                .param("tenant", CurrentTenant.require().value())
                .param("case", caseId)
                .param("role", role.name())
                .param("signer", signer)
                .param("status", status.name())
                .param("summary", summary.text())
                .param("sha", summary.sha256())
                .param("now", Timestamp.from(clock.instant()))
                .param("due", due == null ? null : Timestamp.from(due))
                .update();
        return id;
    }

    private void update(UUID caseId, String signer, Status status, UserSignature signature) {
        jdbc.sql("""
                UPDATE cases.signature SET status = :status, signer_name = :name, signature = :signature,
                    certificate_subject = :subject, certificate_issuer = :issuer, signed_at = :signed, answered_at = :now
                WHERE tenant_id = :tenant AND case_id = :case AND signer_identity_number = :signer
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("status", status.name())
                .param("name", signature == null ? null : signature.name())
                .param("signature", signature == null ? null : signature.signature())
                .param("subject", signature == null ? null : signature.certificateSubject())
                .param("issuer", signature == null ? null : signature.certificateIssuer())
                .param("signed", signature == null ? null : Timestamp.from(signature.signedAt()))
                .param("now", Timestamp.from(clock.instant()))
                .param("case", caseId)
                .param("signer", signer)
                .update();
    }

    /** Every signature of the case and every request to sign it, the applicant's first. */
    @Transactional(readOnly = true)
    List<CaseSignature> ofCase(UUID caseId) {
        return jdbc.sql(
                        "SELECT * FROM cases.signature WHERE tenant_id = :tenant AND case_id = :case ORDER BY role, requested_at, id")
                .param("tenant", CurrentTenant.require().value())
                .param("case", caseId)
                .query(ApplicationSignatures::row)
                .list();
    }

    /** Whether the register says now that the person is a guardian of the child the request's application names. */
    private boolean isGuardian(CaseSignature signature, String caseType, int version, String identityNumber) {
        var coSigning = catalog.version(CurrentTenant.require(), caseType, version)
                .map(t -> t.definition().coSigning())
                .orElse(null);
        if (coSigning == null) {
            return false;
        }
        Object child = signature.applicationSummary().answers(json).get(coSigning.guardiansOf());
        return child instanceof String number && population.guardiansOf(number).contains(identityNumber);
    }

    /** Whether the guardian may still sign or decline. */
    boolean isOpen(CaseSignature signature) {
        return signature.status() == Status.WAITING
                && signature.dueAt() != null
                && signature.dueAt().isAfter(clock.instant());
    }

    /** The requests this person has to sign, still open. */
    @Transactional(readOnly = true)
    List<Request> waitingFor(String identityNumber) {
        return jdbc.sql("""
                SELECT s.*, c.reference, c.case_type, c.case_type_version,
                    coalesce(c.actor_name, c.applicant_name) AS sender_name
                FROM cases.signature s JOIN cases."case" c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
                WHERE s.tenant_id = :tenant AND s.signer_identity_number = :me AND s.status = 'WAITING'
                    AND s.due_at > :now AND c.closed_at IS NULL
                ORDER BY s.due_at
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("me", identityNumber)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> request(rs))
                .list();
    }

    /**
     * One request to sign, if it is this person's: reading it shows another person's application, so it is audited,
     * and so is a refusal.
     */
    @Transactional
    Optional<Request> read(UUID id, se.samla.identity.SignedInUser.Resident reader) {
        // a guardian no more (custody moved) reads nothing of it
        var found = request(id, reader.identityNumber().digits())
                .filter(r -> isGuardian(
                        r.signature(),
                        r.caseType(),
                        r.caseTypeVersion(),
                        reader.identityNumber().digits()));
        audit.record(new AuditRecord(
                Actor.of(reader.auditId()),
                found.isPresent() ? "PERSONAL_DATA_READ" : "ACCESS_REFUSED",
                "case",
                found.map(r -> r.signature().caseId().toString()).orElse("unknown"),
                Map.of("page", "underskrift", "request", id.toString())));
        return found;
    }

    private Optional<Request> request(UUID id, String identityNumber) {
        return jdbc.sql("""
                SELECT s.*, c.reference, c.case_type, c.case_type_version,
                    coalesce(c.actor_name, c.applicant_name) AS sender_name
                FROM cases.signature s JOIN cases."case" c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
                WHERE s.tenant_id = :tenant AND s.id = :id AND s.signer_identity_number = :me AND s.role = 'GUARDIAN'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .param("me", identityNumber)
                .query((rs, n) -> request(rs))
                .optional();
    }

    /**
     * The guardian signs: the request must be theirs and open, the signature over the summary they were shown, and
     * the register must still say they are the child's guardian.
     *
     * @throws NotOpen                         when it is not theirs, answered already, or too late
     * @throws CaseIntake.SignedSomethingElse when the signature is over anything else
     * @throws CaseIntake.Refused             when they are no longer the child's guardian
     */
    @Transactional
    void sign(UUID id, String identityNumber, String auditId, UserSignature signature, CaseType type) {
        CaseSignature open = lockOpen(id, identityNumber);
        if (!java.security.MessageDigest.isEqual(
                        open.applicationSummary().digest(),
                        java.util.Base64.getDecoder().decode(signature.tbsData()))
                || !identityNumber.equals(signature.personalIdentityNumber())) {
            throw new CaseIntake.SignedSomethingElse();
        }
        var coSigning = type.definition().coSigning();
        Object child = open.applicationSummary().answers(json).get(coSigning.guardiansOf());
        if (!(child instanceof String number) || !population.guardiansOf(number).contains(identityNumber)) {
            throw new CaseIntake.Refused(List.of(FieldError.of(coSigning.guardiansOf(), "signing.error.not-guardian")));
        }
        update(open.caseId(), identityNumber, Status.SIGNED, signature);
        answered(open, Status.SIGNED, auditId);
    }

    /** The guardian declines to sign. */
    @Transactional
    void decline(UUID id, String identityNumber, String auditId) {
        CaseSignature open = lockOpen(id, identityNumber);
        var c = jdbc.sql(
                        "SELECT case_type, case_type_version FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", open.caseId())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .single();
        if (!isGuardian(open, (String) c[0], (Integer) c[1], identityNumber)) {
            throw new NotOpen();
        }
        update(open.caseId(), identityNumber, Status.DECLINED, null);
        answered(open, Status.DECLINED, auditId);
    }

    /** Every quarter of an hour, in every municipality, requests whose time ran out are closed. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT3M")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "cases.signatures.expire", lockAtMostFor = "PT10M")
    void expireEverywhere() {
        for (var tenant : tenants.all()) {
            transactions.call(tenant.id(), this::expireDue);
        }
    }

    /** Requests whose time ran out are closed as EXPIRED, each told as an answer. */
    @Transactional
    int expireDue() {
        List<CaseSignature> due = jdbc.sql("""
                SELECT * FROM cases.signature WHERE tenant_id = :tenant AND status = 'WAITING' AND due_at <= :now FOR UPDATE SKIP LOCKED
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .query(ApplicationSignatures::row)
                .list();
        for (CaseSignature signature : due) {
            update(signature.caseId(), signature.signerIdentityNumber(), Status.EXPIRED, null);
            answered(signature, Status.EXPIRED, "system");
        }
        return due.size();
    }

    private CaseSignature lockOpen(UUID id, String identityNumber) {
        return jdbc.sql("""
                SELECT s.* FROM cases.signature s JOIN cases."case" c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
                WHERE s.tenant_id = :tenant AND s.id = :id AND s.signer_identity_number = :me AND s.role = 'GUARDIAN'
                    AND c.closed_at IS NULL -- a decided or closed case takes no more signatures
                FOR UPDATE OF s
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .param("me", identityNumber)
                .query(ApplicationSignatures::row)
                .optional()
                .filter(this::isOpen)
                .orElseThrow(NotOpen::new);
    }

    private void answered(CaseSignature signature, Status outcome, String auditId) {
        boolean allSigned = ofCase(signature.caseId()).stream().allMatch(s -> s.status() == Status.SIGNED);
        String reference = jdbc.sql("SELECT reference FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", signature.caseId())
                .query(String.class)
                .single();
        audit.record(new AuditRecord(
                Actor.of(auditId),
                switch (outcome) {
                    case SIGNED -> "APPLICATION_SIGNED";
                    case DECLINED -> "CO_SIGNATURE_DECLINED";
                    default -> "CO_SIGNATURE_EXPIRED";
                },
                "case",
                signature.caseId().toString(),
                Map.of("role", "GUARDIAN", "signature", signature.id().toString())));
        events.publishEvent(new CaseEvents.CoSignatureAnswered(
                CurrentTenant.require(), signature.caseId(), reference, signature.id(), outcome.name(), allSigned));
    }

    private static Request request(ResultSet rs) throws SQLException {
        return new Request(
                row(rs, 0),
                rs.getString("reference"),
                rs.getString("case_type"),
                rs.getInt("case_type_version"),
                rs.getString("sender_name"));
    }

    private static CaseSignature row(ResultSet rs, int n) throws SQLException {
        String signature = rs.getString("signature");
        String number = rs.getString("signer_identity_number");
        return new CaseSignature(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                Role.valueOf(rs.getString("role")),
                number,
                rs.getString("signer_name"),
                Status.valueOf(rs.getString("status")),
                rs.getString("summary"),
                rs.getString("summary_sha256"),
                signature == null
                        ? null
                        : new UserSignature(
                                number,
                                rs.getString("signer_name"),
                                rs.getTimestamp("signed_at").toInstant(),
                                java.util.Base64.getEncoder()
                                        .encodeToString(
                                                java.util.HexFormat.of().parseHex(rs.getString("summary_sha256"))),
                                signature,
                                rs.getString("certificate_subject"),
                                rs.getString("certificate_issuer")),
                rs.getTimestamp("requested_at").toInstant(),
                instant(rs.getTimestamp("due_at")),
                instant(rs.getTimestamp("answered_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
