package se.samla.cases;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;

/**
 * A case as a case officer reaches it in the workbench: only when one of their units owns it and their clearance
 * reaches its level. Each opening, each file download and each refusal is audited; a refusal's entry is committed
 * and the caller answers "not found".
 */
@Service
class StaffCases {

    private final CaseQueries cases;
    private final StaffAccess access;
    private final CaseWork work;
    private final AuditLog audit;

    StaffCases(CaseQueries cases, StaffAccess access, CaseWork work, AuditLog audit) {
        this.cases = cases;
        this.access = access;
        this.work = work;
        this.audit = audit;
    }

    /** The case if the staff member may see it; empty, with the refusal audited, else. */
    @Transactional
    Optional<StoredCase> visible(SignedInUser.Staff staff, UUID caseId) {
        var c = cases.byId(caseId).filter(found -> access.maySee(staff, found));
        if (c.isEmpty()) {
            record(staff, "ACCESS_REFUSED", caseId, Map.of("by", "staff"));
        }
        return c;
    }

    /** The case opened: audited, and the resident's messages marked read. */
    @Transactional
    Optional<StoredCase> open(SignedInUser.Staff staff, UUID caseId) {
        var c = visible(staff, caseId);
        c.ifPresent(found -> {
            record(staff, "CASE_OPENED", found.id(), Map.of("by", "staff", "unit", found.unit()));
            work.markRead(found, false);
        });
        return c;
    }

    @Transactional
    void fileDownloaded(SignedInUser.Staff staff, StoredCase c, UUID fileId) {
        record(staff, "FILE_DOWNLOADED", c.id(), Map.of("attachment", fileId.toString(), "unit", c.unit()));
    }

    private void record(SignedInUser.Staff staff, String action, UUID caseId, Map<String, String> details) {
        audit.record(new AuditRecord(Actor.of(staff.auditId()), action, "case", caseId.toString(), details));
    }
}
