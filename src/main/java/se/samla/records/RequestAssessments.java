package se.samla.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.identity.SignedInUser;

/**
 * A registrar assessing requests for documents: only requests whose case their clearance reaches, each
 * refusal, each reading of the document and each download of its file audited.
 */
@Service
class RequestAssessments {

    /**
     * A request with the document in front of the registrar.
     *
     * @param document the document as text, or null when it is a file
     * @param fileName the file's name, or null when it is text or the file is gone
     */
    record Assessment(DocumentRequests.Request request, String document, String fileName) {}

    private final DocumentRequests requests;
    private final CaseHandling cases;
    private final AuditLog audit;

    RequestAssessments(DocumentRequests requests, CaseHandling cases, AuditLog audit) {
        this.requests = requests;
        this.cases = cases;
        this.audit = audit;
    }

    /** The queue as this registrar may see it: requests for cases their clearance does not reach are left out. */
    @Transactional(readOnly = true)
    List<DocumentRequests.Request> queue(SignedInUser.Staff staff) {
        return requests.queue().stream().filter(r -> reaches(staff, r.caseId())).toList();
    }

    /**
     * The request, when the registrar's clearance reaches its case. A refusal is audited and answered with empty
     * rather than an exception, so that its audit entry is committed although the caller then answers 404.
     */
    @Transactional
    Optional<DocumentRequests.Request> request(UUID id, SignedInUser.Staff staff) {
        var found = requests.byId(id);
        if (found.isPresent() && !reaches(staff, found.get().caseId())) {
            audit.record(new AuditRecord(
                    Actor.of(staff.auditId()),
                    "ACCESS_REFUSED",
                    "case",
                    found.get().caseId().toString(),
                    Map.of("by", "document-request")));
            return Optional.empty();
        }
        return found;
    }

    /** The document of a request the registrar may assess (see {@link #request}), its reading audited. */
    @Transactional
    Assessment assess(DocumentRequests.Request r, SignedInUser.Staff staff) {
        boolean isFile = isFile(r);
        String document = isFile ? null : documentText(r);
        if (document != null || isFile) {
            audit.record(new AuditRecord(
                    Actor.of(staff.auditId()),
                    "DOCUMENT_READ_FOR_REQUEST",
                    "case",
                    r.caseId().toString(),
                    Map.of("request", r.id().toString())));
        }
        String fileName = isFile
                ? cases.allFiles(r.caseId()).stream()
                        .filter(f -> f.id().equals(r.sourceId()))
                        .map(CaseHandling.FileInfo::filename)
                        .findFirst()
                        .orElse(null)
                : null;
        return new Assessment(r, document, fileName);
    }

    /** The document as text, to compare a masked copy with; the case's own description when the text is gone. */
    @Transactional(readOnly = true)
    String documentText(DocumentRequests.Request r) {
        return cases.documentText(r.caseId(), r.kind(), r.sourceId()).orElse(r.description());
    }

    /** The requested file of a request the registrar may assess, its download audited; empty when it is no file. */
    @Transactional
    Optional<CaseHandling.FileContent> file(DocumentRequests.Request r, SignedInUser.Staff staff) {
        if (!isFile(r)) {
            return Optional.empty();
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "FILE_DOWNLOADED",
                "case",
                r.caseId().toString(),
                Map.of("for", "document-request", "request", r.id().toString())));
        return cases.file(r.caseId(), r.sourceId());
    }

    static boolean isFile(DocumentRequests.Request r) {
        return "FILE".equals(r.kind());
    }

    private boolean reaches(SignedInUser.Staff staff, UUID caseId) {
        return cases.registrationFacts(caseId)
                .map(f -> staff.clearance().reaches(f.confidentiality()))
                .orElse(false);
    }
}
