package se.samla.cases;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;

/**
 * How other modules open cases (a problem report from its own form or from Open311): the answers are
 * checked against the case type's current form exactly as an e-service's are, files wait under the
 * submission id until the case is opened, and the same submission id never opens two cases.
 */
@Service
public class CaseIntake {

    /** Who opens the case: a logged-in resident, or nobody known, with the id the audit log names. */
    public record Reporter(UUID personId, String name, String identityNumber, String auditId) {

        public static Reporter anonymous(String auditId) {
            return new Reporter(null, null, null, auditId);
        }
    }

    /** A file waiting for its submission. */
    public record PendingFile(UUID id, String fieldKey, String filename, String contentType, long sizeBytes) {
    }

    public record Opened(UUID caseId, String reference, boolean created) {
    }

    public enum Channel { E_SERVICE, OPEN311 }

    /** The answers were not accepted; nothing was stored. */
    public static final class Refused extends RuntimeException {

        private final transient List<FieldError> errors;

        Refused(List<FieldError> errors) {
            super("Refused: " + errors.stream().map(FieldError::field).toList());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private final Catalog catalog;
    private final Attachments attachments;
    private final CaseSubmissions submissions;
    private final FormValidator validator = new FormValidator(java.time.Clock.system(CaseSubmissions.SWEDEN));

    CaseIntake(Catalog catalog, Attachments attachments, CaseSubmissions submissions) {
        this.catalog = catalog;
        this.attachments = attachments;
        this.submissions = submissions;
    }

    /** Keeps a file for the submission, or says why it is refused (size, type, count). */
    @Transactional
    public FieldError receiveFile(UUID submissionId, String caseType, String fieldKey, String filename, byte[] content,
            String uploadedBy) {
        var field = type(caseType).definition().field(fieldKey)
                .orElseThrow(() -> new IllegalArgumentException("No question " + fieldKey + " in " + caseType));
        long already = attachments.pending(submissionId).stream().filter(a -> a.fieldKey().equals(fieldKey)).count();
        if (already >= field.effectiveMaxFiles()) {
            return FieldError.of(fieldKey, "form.error.too-many-files", field.effectiveMaxFiles());
        }
        return attachments.receive(submissionId, field, filename, content.length, () -> new ByteArrayInputStream(content),
                uploadedBy);
    }

    public List<PendingFile> pendingFiles(UUID submissionId) {
        return attachments.pending(submissionId).stream()
                .map(a -> new PendingFile(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes())).toList();
    }

    public void discardPending(UUID submissionId, List<UUID> fileIds) {
        attachments.removePending(submissionId, fileIds);
    }

    /** What is wrong with the answers, by field; empty when they would be accepted. */
    public List<FieldError> check(String caseType, Map<String, List<String>> values, UUID submissionId) {
        return validator.validate(type(caseType).definition(), values, fileCount(submissionId)).errors();
    }

    /**
     * Opens the case, owned by {@code unit} (null for the case type's own), with the submission's waiting files, in the caller's
     * transaction if there is one.
     *
     * @throws Refused when the answers are not accepted
     */
    public Opened open(String caseType, String unit, Reporter reporter, UUID submissionId, Map<String, List<String>> values,
            Channel channel) {
        CaseType type = type(caseType);
        var result = validator.validate(type.definition(), values, fileCount(submissionId));
        if (!result.valid()) {
            throw new Refused(result.errors());
        }
        Map<String, Object> answers = new LinkedHashMap<>(result.answers());
        attachments.pending(submissionId).stream().collect(Collectors.groupingBy(Attachment::fieldKey, LinkedHashMap::new,
                Collectors.mapping(a -> a.id().toString(), Collectors.toList()))).forEach(answers::put);
        var applicant = new Applicant(reporter.personId(), reporter.name(), reporter.identityNumber(), reporter.auditId());
        var submitted = submissions.submit(type, unit == null ? type.definition().unit() : unit, applicant, submissionId, answers,
                channel == Channel.OPEN311 ? CaseSubmissions.Channel.OPEN311 : CaseSubmissions.Channel.E_SERVICE);
        return new Opened(submitted.caseId(), submitted.reference(), submitted.created());
    }

    private Map<String, Integer> fileCount(UUID submissionId) {
        Map<String, Integer> count = new LinkedHashMap<>();
        attachments.pending(submissionId).forEach(a -> count.merge(a.fieldKey(), 1, Integer::sum));
        return count;
    }

    private CaseType type(String code) {
        return catalog.current(CurrentTenant.require(), code)
                .orElseThrow(() -> new IllegalArgumentException("No case type " + code));
    }
}
