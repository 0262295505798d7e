package se.samla.records;

import java.time.LocalDate;
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
import se.samla.cases.CaseHandling;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.CurrentTenant;

/**
 * One case's register as staff work with it: who may read it (registrars whose clearance reaches the case, and
 * the owning unit's case officers) and who may change it (registrars), each opening and each refusal audited.
 */
@Service
class CaseRegisters {

    enum Access {
        REGISTRAR,
        READER,
        NONE
    }

    record CaseFile(String reference, String title, String publicTitle, String osl) {}

    record Entry(
            int number,
            LocalDate registeredOn,
            String direction,
            String kind,
            String counterpart,
            String publicCounterpart,
            String description,
            String publicDescription,
            String osl,
            LocalDate secretSince) {}

    record Register(CaseFile file, List<Entry> entries, boolean registrar) {}

    private final JdbcClient jdbc;
    private final Registrar registrar;
    private final CaseHandling cases;
    private final AuditLog audit;

    CaseRegisters(JdbcClient jdbc, Registrar registrar, CaseHandling cases, AuditLog audit) {
        this.jdbc = jdbc;
        this.registrar = registrar;
        this.cases = cases;
        this.audit = audit;
    }

    /** The case's register for this staff member (audited); empty when they may not read it (the refusal audited). */
    @Transactional
    Optional<Register> open(UUID caseId, SignedInUser.Staff staff) {
        Access access = access(caseId, staff);
        if (access == Access.NONE) {
            return Optional.empty();
        }
        var file = jdbc.sql(
                        "SELECT reference, title, public_title, osl_provision FROM records.case_file WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new CaseFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        audit.record(
                new AuditRecord(Actor.of(staff.auditId()), "REGISTER_OPENED", "case", caseId.toString(), Map.of()));
        List<Entry> entries = jdbc.sql(
                        "SELECT * FROM records.entry WHERE tenant_id = :tenant AND case_id = :c ORDER BY number")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Entry(
                        rs.getInt("number"),
                        rs.getObject("registered_on", LocalDate.class),
                        rs.getString("direction"),
                        rs.getString("kind"),
                        rs.getString("counterpart"),
                        rs.getString("public_counterpart"),
                        rs.getString("description"),
                        rs.getString("public_description"),
                        rs.getString("osl_provision"),
                        rs.getTimestamp("secrecy_marked_at") == null
                                ? null
                                : rs.getTimestamp("secrecy_marked_at")
                                        .toInstant()
                                        .atZone(se.samla.shared.SwedishTime.ZONE)
                                        .toLocalDate()))
                .list();
        return Optional.of(new Register(file.get(), entries, access == Access.REGISTRAR));
    }

    /** Registers a document that came on paper or by e-mail; false when the staff member is no registrar of the case. */
    @Transactional
    boolean registerDocument(
            UUID caseId,
            SignedInUser.Staff staff,
            Registrar.Direction direction,
            String counterpart,
            String description,
            String publicDescription,
            String provision) {
        if (!registrarOf(caseId, staff)) {
            return false;
        }
        registrar.register(
                caseId,
                direction,
                Registrar.Kind.OTHER,
                null,
                counterpart,
                description,
                publicDescription,
                staff.auditId(),
                provision);
        return true;
    }

    /** Marks one document secret (or lifts the marking); empty when the staff member is no registrar of the case. */
    @Transactional
    Optional<Boolean> markDocument(UUID caseId, SignedInUser.Staff staff, int number, String provision) {
        if (!registrarOf(caseId, staff)) {
            return Optional.empty();
        }
        return Optional.of(registrar.markDocument(caseId, number, provision, staff.auditId()));
    }

    @Transactional
    boolean markCase(UUID caseId, SignedInUser.Staff staff, String provision) {
        if (!registrarOf(caseId, staff)) {
            return false;
        }
        registrar.markCase(caseId, provision, staff.auditId());
        return true;
    }

    /** Whether the staff member may change the case's register; a refusal is audited. */
    @Transactional
    boolean registrarOf(UUID caseId, SignedInUser.Staff staff) {
        if (mayRegister(caseId, staff)) {
            return true;
        }
        refused(caseId, staff);
        return false;
    }

    private Access access(UUID caseId, SignedInUser.Staff staff) {
        if (mayRegister(caseId, staff)) {
            return Access.REGISTRAR;
        }
        if (cases.staffMaySee(caseId, staff)) {
            return Access.READER;
        }
        refused(caseId, staff);
        return Access.NONE;
    }

    private boolean mayRegister(UUID caseId, SignedInUser.Staff staff) {
        return staff.hasRole(StaffRole.REGISTRAR)
                && cases.registrationFacts(caseId)
                        .map(f -> staff.clearance().reaches(f.confidentiality()))
                        .orElse(false);
    }

    private void refused(UUID caseId, SignedInUser.Staff staff) {
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "ACCESS_REFUSED", "case", caseId.toString(), Map.of("by", "register")));
    }
}
