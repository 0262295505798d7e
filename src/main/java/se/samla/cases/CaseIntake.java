package se.samla.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.identity.BrowserSession;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/**
 * The one way in for a case, whatever the channel (an e-service form, the case API, a problem report from
 * its form or from Open311): files wait under a submission that belongs to whoever started it, the
 * answers are checked against the case type's current form, and one submission opens one case however
 * often and however concurrently it is sent.
 */
@Service
public class CaseIntake {

    /** Who opens the case: a logged-in resident, or nobody known, with the id the audit log names. */
    public record Reporter(UUID personId, String name, String identityNumber, String auditId) {

        public static Reporter anonymous(String auditId) {
            return new Reporter(null, null, null, auditId);
        }
    }

    /**
     * Who sends a case for its applicant, and as what.
     *
     * @param actingAs           CHILD (a guardian for their child), POWER_OF_ATTORNEY or ORGANISATION
     * @param organisationNumber for ORGANISATION, the applicant organisation's number; else null
     */
    public record OnBehalf(
            UUID actorPersonId,
            String actorName,
            String actorIdentityNumber,
            String actingAs,
            String organisationNumber) {

        /** Nobody sent it for someone else: the applicant sent it. */
        static final OnBehalf NOBODY = new OnBehalf(null, null, null, null, null);
    }

    /** A submission as its sender names it: its id, who sends it, and how the audit log names the sender. */
    public record Submission(UUID id, SubmissionOwner owner, String auditId) {

        /** The submission as the user of this request sends it: a logged-in resident, or this browser. */
        public static Submission ofRequest(UUID id, jakarta.servlet.http.HttpServletRequest request) {
            String browser = BrowserSession.token(request);
            return CurrentUser.get()
                    .filter(SignedInUser.Resident.class::isInstance)
                    .map(SignedInUser.Resident.class::cast)
                    .map(r -> new Submission(id, SubmissionOwner.resident(r.personId(), browser), r.auditId()))
                    .orElseGet(() -> new Submission(id, SubmissionOwner.browser(browser), "anonymous"));
        }
    }

    /** A file waiting for its submission. */
    public record PendingFile(UUID id, String fieldKey, String filename, String contentType, long sizeBytes) {}

    /** Where a file's bytes are read from, as often as it takes to check them. */
    public interface FileSource {
        InputStream open() throws IOException;
    }

    /** A file sent with the answers (the case API), with the size it says it has. */
    public record NewFile(String fieldKey, String filename, long declaredSize, FileSource content) {}

    /**
     * Everything a channel sends to open a case.
     *
     * @param unit  the owning unit, or null for the case type's own
     * @param files files sent with the answers, stored with the case in the same transaction
     * @param atLeast the case's confidentiality is at least this, above its case type's (what was written in
     *     confidence stays so), or null
     */
    public record Application(
            String caseType,
            String unit,
            Reporter reporter,
            Submission submission,
            Map<String, List<String>> values,
            List<NewFile> files,
            Channel channel,
            se.samla.shared.Confidentiality atLeast,
            OnBehalf onBehalf) {

        public Application {
            values = Map.copyOf(values);
            files = List.copyOf(files);
        }

        public Application(
                String caseType,
                String unit,
                Reporter reporter,
                Submission submission,
                Map<String, List<String>> values,
                List<NewFile> files,
                Channel channel,
                se.samla.shared.Confidentiality atLeast) {
            this(caseType, unit, reporter, submission, values, files, channel, atLeast, null);
        }

        public Application(
                String caseType,
                String unit,
                Reporter reporter,
                Submission submission,
                Map<String, List<String>> values,
                List<NewFile> files,
                Channel channel) {
            this(caseType, unit, reporter, submission, values, files, channel, null, null);
        }
    }

    public record Opened(UUID caseId, String reference, boolean created) {}

    public enum Channel {
        E_SERVICE,
        API,
        OPEN311,
        /**
         * A thread of the secure mailbox that a case officer makes a case: the resident wrote no form, so the
         * written messages are the application ({@link #WRITTEN_MESSAGE}) and every file of the thread goes with it.
         */
        SECURE_MAILBOX,
        /** A municipal sensor whose rule fired: no person sent it, the device's readings are its grounds. */
        SENSOR,
        /** Handed over by another municipality of the installation (see {@link #openTransferred}). */
        TRANSFER
    }

    /** The answer that holds the messages of a case opened from the secure mailbox. */
    public static final String WRITTEN_MESSAGE = "skrivelse";

    /**
     * Files sent with messages in the secure mailbox: at most five in a thread, each at most 10 MB, so that even one post
     * with all of them stays under the server's limit on a request.
     */
    public static final FormField MESSAGE_FILES = FormField.files(
            "bilagor",
            new se.samla.shared.LocalizedText("Bilagor", "Attachments"),
            5,
            10,
            List.of("application/pdf", "image/jpeg", "image/png"));

    /** A file kept under a held submission, and where its bytes are read from. */
    public record HeldFile(PendingFile file, FileSource content) {}

    /** The answers were not accepted; nothing was stored. */
    public static final class Refused extends RuntimeException {

        private final transient List<FieldError> errors;

        Refused(List<FieldError> errors) {
            super("Refused: " + errors.stream().map(FieldError::field).toList(), null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The submission was started by someone else: nothing of it is shown or changed. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public static final class NotYours extends RuntimeException {

        NotYours(UUID submission) {
            super("Submission " + submission + " belongs to someone else", null, false, false);
        }
    }

    private final Catalog catalog;
    private final Attachments attachments;
    private final CaseSubmissions cases;
    private final Submissions submissions;
    private final Drafts drafts;
    private final CaseQueries queries;
    private final FormValidator validator;
    private final CaseWork work;
    private final ApplicationSignatures signatures;
    private final se.samla.tenancy.Tenants tenants;
    private final tools.jackson.databind.json.JsonMapper json;

    CaseIntake(
            Catalog catalog,
            Attachments attachments,
            CaseSubmissions cases,
            Submissions submissions,
            Drafts drafts,
            CaseQueries queries,
            CaseWork work,
            ApplicationSignatures signatures,
            se.samla.tenancy.Tenants tenants,
            tools.jackson.databind.json.JsonMapper json,
            Clock clock) {
        this.signatures = signatures;
        this.tenants = tenants;
        this.json = json;
        this.queries = queries;
        this.work = work;
        this.catalog = catalog;
        this.attachments = attachments;
        this.cases = cases;
        this.submissions = submissions;
        this.drafts = drafts;
        this.validator = new FormValidator(clock);
    }

    /** Keeps a file for the submission, or says why it is refused (size, type, the question's count, the form's total). */
    @Transactional
    public FieldError receiveFile(Submission submission, String caseType, NewFile file) {
        CaseType type = type(caseType);
        FormField field = type.definition()
                .field(file.fieldKey())
                .filter(f -> f.type() == FieldType.FILE)
                .orElseThrow(
                        () -> new IllegalArgumentException("No file question " + file.fieldKey() + " in " + caseType));
        return receiveFile(submission, field, maxBytes(type), file);
    }

    /**
     * The same for a file question of its own (the answer to a completion request). The submission stays locked
     * until the caller's transaction ends, so concurrent posts of one submission take their turns: a file sent
     * twice (a double click) is kept once, and a submission that has been sent takes no more files.
     */
    FieldError receiveFile(Submission submission, FormField field, long maxBytes, NewFile file) {
        var claimed = submissions.claim(submission.id(), submission.owner(), submission.auditId());
        if (claimed.caseId() != null) {
            return null;
        }
        List<Attachment> pending = attachments.pending(submission.id());
        long already =
                pending.stream().filter(a -> a.fieldKey().equals(field.key())).count();
        if (already >= field.effectiveMaxFiles()) {
            return FieldError.of(field.key(), "form.error.too-many-files", field.effectiveMaxFiles());
        }
        long bytes = pending.stream().mapToLong(Attachment::sizeBytes).sum();
        if (bytes + Math.max(0, file.declaredSize()) > maxBytes) {
            return FieldError.of(field.key(), "form.error.files-too-large-together", maxBytes / (1024 * 1024));
        }
        return attachments.receive(
                submission.id(),
                field,
                file.filename(),
                file.declaredSize(),
                file.content()::open,
                submission.auditId());
    }

    /** The most a whole submission's files may weigh: every file question full, each file at its limit. */
    private static long maxBytes(CaseType type) {
        return type.definition().form().stream()
                .filter(f -> f.type() == FieldType.FILE)
                .mapToLong(f -> f.effectiveMaxBytes() * f.effectiveMaxFiles())
                .sum();
    }

    @Transactional(readOnly = true)
    public List<PendingFile> pendingFiles(Submission submission) {
        submissions.verify(submission.id(), submission.owner(), submission.auditId());
        return attachments.pending(submission.id()).stream()
                .map(a -> new PendingFile(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes()))
                .toList();
    }

    @Transactional
    public void discardPending(Submission submission, List<UUID> fileIds) {
        submissions.claim(submission.id(), submission.owner(), submission.auditId());
        attachments.removePending(submission.id(), fileIds);
    }

    @Transactional
    public void discardAll(Submission submission) {
        submissions.claim(submission.id(), submission.owner(), submission.auditId());
        attachments.removePending(
                submission.id(),
                attachments.pending(submission.id()).stream()
                        .map(Attachment::id)
                        .toList());
    }

    /** A file for the answer to a completion request, with that question's own limits. */
    @Transactional
    FieldError receiveCompletionFile(Submission submission, NewFile file) {
        FormField field = MyPagesController.COMPLETION_FILES;
        return receiveFile(submission, field, field.effectiveMaxBytes() * field.effectiveMaxFiles(), file);
    }

    /**
     * Keeps files sent with a message of the secure mailbox under the thread's submission, with the same checks as
     * a form's files (type by content, size, count). Either all of them are kept or none.
     *
     * @return the files now kept, in the order given (a file sent twice is kept once, and not returned again)
     * @throws Refused when a file is refused, with the reason under {@link #MESSAGE_FILES}' key
     */
    @Transactional
    public List<PendingFile> receiveMessageFiles(Submission submission, List<NewFile> files) {
        if (submissions
                        .claim(submission.id(), submission.owner(), submission.auditId())
                        .caseId()
                != null) {
            // the submission's files went to a case: what comes now would be kept nowhere
            throw new Refused(List.of(FieldError.of(MESSAGE_FILES.key(), "mailbox.error.became-case")));
        }
        var before = attachments.pending(submission.id()).stream()
                .map(Attachment::id)
                .collect(Collectors.toSet());
        FormField field = MESSAGE_FILES;
        List<FieldError> refused = new ArrayList<>();
        for (NewFile file : files) {
            FieldError error =
                    receiveFile(submission, field, field.effectiveMaxBytes() * field.effectiveMaxFiles(), file);
            if (error != null) {
                refused.add(error);
            }
        }
        if (!refused.isEmpty()) {
            // the caller's transaction rolls back what was kept of the others
            throw new Refused(refused);
        }
        return attachments.pending(submission.id()).stream()
                .filter(a -> !before.contains(a.id()))
                .map(a -> new PendingFile(a.id(), a.fieldKey(), a.filename(), a.contentType(), a.sizeBytes()))
                .toList();
    }

    /**
     * Claims the submission for its owner and keeps it, and the files that come to it, until {@link #release}: for
     * a conversation whose files wait longer than a form's day (a thread of the secure mailbox).
     */
    @Transactional
    public void hold(Submission submission) {
        submissions.claim(submission.id(), submission.owner(), submission.auditId());
        submissions.hold(submission.id());
    }

    /** A file of a held submission, whether it still waits or went to the case the submission opened. */
    @Transactional(readOnly = true)
    public Optional<HeldFile> heldFile(UUID submissionId, UUID fileId) {
        return attachments
                .ofSubmission(submissionId, fileId)
                .map(stored -> new HeldFile(
                        new PendingFile(
                                stored.attachment().id(),
                                stored.attachment().fieldKey(),
                                stored.attachment().filename(),
                                stored.attachment().contentType(),
                                stored.attachment().sizeBytes()),
                        () -> attachments.open(stored)));
    }

    /**
     * Lets go of a held submission that opened no case: it and its files are deleted (a thread's disposal). One that
     * opened a case is the case's and stays.
     */
    @Transactional
    public void release(UUID submissionId) {
        submissions.release(submissionId);
    }

    /** Makes the submission this sender's, or refuses it when someone else started it. */
    @Transactional
    void claim(Submission submission) {
        submissions.claim(submission.id(), submission.owner(), submission.auditId());
    }

    /** What is wrong with the answers, by field; empty when they would be accepted. */
    @Transactional(readOnly = true)
    public List<FieldError> check(String caseType, Map<String, List<String>> values, Submission submission) {
        submissions.verify(submission.id(), submission.owner(), submission.auditId());
        return validator
                .validate(type(caseType).definition(), values, fileCount(submission.id()))
                .errors();
    }

    /**
     * What is wrong with the answers and the files sent with them, by field, found without storing anything:
     * for a channel that reports every problem at once, its own and the form's.
     */
    @Transactional(readOnly = true)
    public List<FieldError> check(String caseType, Map<String, List<String>> values, List<NewFile> files) {
        CaseType type = type(caseType);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (NewFile file : files) {
            var field = type.definition().field(file.fieldKey()).filter(f -> f.type() == FieldType.FILE);
            if (field.isEmpty()) {
                continue;
            }
            FieldError refused =
                    attachments.inspect(field.get(), file.filename(), file.declaredSize(), file.content()::open);
            if (refused != null) {
                errors.add(refused);
            } else {
                count.merge(file.fieldKey(), 1, Integer::sum);
            }
        }
        errors.addAll(validator.validate(type.definition(), values, count).errors());
        return errors;
    }

    /** The case this submission opened already (a double click, a retry), if it did. */
    @Transactional(readOnly = true)
    public Optional<Opened> alreadyOpened(Submission submission) {
        var claimed = submissions.verify(submission.id(), submission.owner(), submission.auditId());
        return Optional.ofNullable(claimed.caseId())
                .flatMap(queries::byId)
                .map(c -> new Opened(c.id(), c.reference(), false));
    }

    /** Whether this owner sent the submission that opened the case: what shows an anonymous sender the receipt. */
    @Transactional(readOnly = true)
    public boolean sentBy(UUID caseId, SubmissionOwner owner) {
        return submissions.openedBy(caseId, owner);
    }

    /**
     * Opens the case with the submission's files, in the caller's transaction if there is one. A submission
     * that opened a case already answers with that case; concurrent ones wait for each other.
     *
     * @throws Refused  when the answers or files are not accepted
     * @throws NotYours when someone else started the submission
     */
    @Transactional
    public Opened open(Application application) {
        Submission submission = application.submission();
        var claimed = submissions.claim(submission.id(), submission.owner(), submission.auditId());
        if (claimed.caseId() != null) {
            return openedBefore(claimed.caseId());
        }
        CaseType type = type(application.caseType());
        if (application.channel() == Channel.SECURE_MAILBOX) {
            return openWritten(application, type);
        }
        if (type.definition().signing() == CaseTypeDefinition.Signing.REQUIRED) {
            // a channel that cannot sign cannot send what must be signed
            throw new Refused(List.of(FieldError.of("signature", "signing.error.required")));
        }
        Checked checked = check(application, type);
        attachments.removePending(submission.id(), checked.unasked());
        return submit(application, type, checked.answers());
    }

    /**
     * Takes up a case another municipality handed over, once: the transfer's id is the submission's, so a retried
     * handover answers with the case it opened. The answers are the sender's, checked there against the same case
     * type; the files are received as any file is (their type checked again) under the receiver's own storage.
     *
     * @param files the sender's files, each with where its bytes are read from
     * @param markTransferred records, in the same transaction, where the case came from
     */
    @Transactional
    Opened openTransferred(
            CaseEvents.HandedOver handover, List<NewFile> files, java.util.function.Consumer<UUID> markTransferred) {
        Submission submission = new Submission(
                handover.transferId(),
                SubmissionOwner.municipality(handover.fromSlug()),
                "municipality:" + handover.fromSlug());
        var claimed = submissions.claim(submission.id(), submission.owner(), submission.auditId());
        if (claimed.caseId() != null) {
            return openedBefore(claimed.caseId());
        }
        CaseType type = type(handover.caseType());
        List<FieldError> refused = new ArrayList<>();
        for (NewFile file : files) {
            FieldError error = receiveFile(submission, type.code(), file);
            if (error != null) {
                refused.add(error);
            }
        }
        if (!refused.isEmpty()) {
            throw new Refused(refused);
        }
        Map<String, Object> answers = new LinkedHashMap<>(handover.answers());
        type.definition().form().stream()
                .filter(f -> f.type() == FieldType.FILE)
                .forEach(f -> answers.remove(f.key()));
        attachments.pending(submission.id()).stream()
                .collect(Collectors.groupingBy(
                        Attachment::fieldKey,
                        LinkedHashMap::new,
                        Collectors.mapping(a -> a.id().toString(), Collectors.toList())))
                .forEach(answers::put);
        var onBehalf = handover.actingAs() == null
                ? null
                : new OnBehalf(
                        null,
                        handover.actorName(),
                        handover.actorIdentityNumber(),
                        handover.actingAs(),
                        handover.applicantOrganisationNumber());
        var application = new Application(
                type.code(),
                null,
                new Reporter(
                        null,
                        handover.applicantName(),
                        handover.applicantIdentityNumber(),
                        "municipality:" + handover.fromSlug()),
                submission,
                Map.of(),
                List.of(),
                Channel.TRANSFER,
                handover.confidentiality(),
                onBehalf);
        return submit(application, type, answers, markTransferred);
    }

    /** Answers checked, with the files that go with them and those sent for questions that in the end are not asked. */
    private record Checked(Map<String, Object> answers, List<Attachment> files, List<UUID> unasked) {}

    /** Receives the application's files and checks everything, storing nothing else; in the caller's transaction. */
    private Checked check(Application application, CaseType type) {
        Submission submission = application.submission();
        List<FieldError> errors = new ArrayList<>();
        for (NewFile file : application.files()) {
            FieldError refused = receiveFile(submission, type.code(), file);
            if (refused != null) {
                errors.add(refused);
            }
        }
        List<Attachment> pending = attachments.pending(submission.id());
        var result = validator.validate(type.definition(), application.values(), fileCount(pending));
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        // files uploaded for a question that in the end is not asked are not sent
        List<UUID> unasked = pending.stream()
                .filter(a -> !type.definition()
                        .field(a.fieldKey())
                        .map(f -> FormValidator.isAsked(f, result.answers()))
                        .orElse(false))
                .map(Attachment::id)
                .toList();
        List<Attachment> files =
                pending.stream().filter(a -> !unasked.contains(a.id())).toList();
        Map<String, Object> answers = new LinkedHashMap<>(result.answers());
        files.stream()
                .collect(Collectors.groupingBy(
                        Attachment::fieldKey,
                        LinkedHashMap::new,
                        Collectors.mapping(a -> a.id().toString(), Collectors.toList())))
                .forEach(answers::put);
        return new Checked(answers, files, unasked);
    }

    /**
     * What the applicant is to sign before the application is sent: its canonical summary, from answers and files
     * checked as {@link #open} checks them. Nothing is stored.
     *
     * @throws Refused when the answers or files are not accepted, or the signer may not sign for the child it concerns
     */
    @Transactional(readOnly = true)
    ApplicationSummary toSign(Application application) {
        Submission submission = application.submission();
        submissions.verify(submission.id(), submission.owner(), submission.auditId());
        CaseType type = type(application.caseType());
        Checked checked = check(application, type);
        signatures.requireGuardian(type, checked.answers(), signer(application));
        return summary(application, type, checked);
    }

    /** Who signs an application: whoever sends it, also for someone else. */
    private static String signer(Application application) {
        return application.onBehalf() != null
                ? application.onBehalf().actorIdentityNumber()
                : application.reporter().identityNumber();
    }

    /** The application was changed after it was signed: the signature is over something else, and nothing is sent. */
    static final class SignedSomethingElse extends RuntimeException {
        SignedSomethingElse() {
            super("The signature is over another summary than the application's", null, false, false);
        }
    }

    /**
     * Opens the case with the applicant's signature, kept with it in the same transaction: the signature is part of
     * the application, so a case is never told received without it. Where the case type asks for it, the other
     * guardians are asked to sign too.
     *
     * @throws SignedSomethingElse when the signature is not over this application's summary as it is now
     * @throws Refused             when the answers are not accepted, or the signer may no longer sign for the child
     */
    @Transactional
    Opened openSigned(Application application, se.samla.identity.UserSignature signature) {
        Submission submission = application.submission();
        var claimed = submissions.claim(submission.id(), submission.owner(), submission.auditId());
        if (claimed.caseId() != null) {
            return openedBefore(claimed.caseId());
        }
        CaseType type = type(application.caseType());
        Checked checked = check(application, type);
        ApplicationSummary summary = summary(application, type, checked);
        if (!java.security.MessageDigest.isEqual(
                        summary.digest(), java.util.Base64.getDecoder().decode(signature.tbsData()))
                || !signature.personalIdentityNumber().equals(signer(application))) {
            throw new SignedSomethingElse();
        }
        List<String> otherGuardians = signatures.requireGuardian(type, checked.answers(), signer(application));
        attachments.removePending(submission.id(), checked.unasked());
        // the signature is part of the application: kept before the case is announced, so the registrar finds it
        Opened opened = submit(
                application,
                type,
                checked.answers(),
                caseId -> signatures.signedByApplicant(
                        caseId, summary, signature, application.reporter().auditId()));
        if (type.definition().coSigning() != null) {
            signatures.askGuardians(
                    opened.caseId(),
                    opened.reference(),
                    type,
                    summary,
                    signer(application),
                    otherGuardians,
                    application.reporter().auditId());
        }
        return opened;
    }

    /** The summary signed: the application, and whose it is and who sends it, so a signature holds for one principal. */
    private ApplicationSummary summary(Application application, CaseType type, Checked checked) {
        var onBehalf = application.onBehalf();
        return ApplicationSummary.of(
                new ApplicationSummary.Parties(
                        onBehalf != null && onBehalf.organisationNumber() != null
                                ? onBehalf.organisationNumber()
                                : application.reporter().identityNumber(),
                        onBehalf == null ? null : onBehalf.actingAs(),
                        signer(application)),
                tenants.byId(CurrentTenant.require())
                        .map(t -> t.organisationNumber().formatted())
                        .orElseThrow(),
                type,
                checked.answers(),
                checked.files(),
                json);
    }

    /**
     * A case from a written message: no form was filled in, so nothing is checked against it; the messages are the
     * application and every file waiting under the submission goes with it.
     */
    private Opened openWritten(Application application, CaseType type) {
        String written = application.values().getOrDefault(WRITTEN_MESSAGE, List.of()).stream()
                .collect(Collectors.joining("\n\n"));
        if (written.isBlank()) {
            throw new Refused(List.of(FieldError.of(WRITTEN_MESSAGE, "form.error.required")));
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put(WRITTEN_MESSAGE, written);
        attachments.pending(application.submission().id()).stream()
                .collect(Collectors.groupingBy(
                        Attachment::fieldKey,
                        LinkedHashMap::new,
                        Collectors.mapping(a -> a.id().toString(), Collectors.toList())))
                .forEach(answers::put);
        return submit(application, type, answers);
    }

    private Opened submit(Application application, CaseType type, Map<String, Object> answers) {
        return submit(application, type, answers, caseId -> {});
    }

    private Opened submit(
            Application application,
            CaseType type,
            Map<String, Object> answers,
            java.util.function.Consumer<UUID> partOfApplication) {
        Submission submission = application.submission();
        Reporter reporter = application.reporter();
        var applicant = new Applicant(
                reporter.personId(),
                reporter.name(),
                reporter.identityNumber(),
                reporter.auditId(),
                application.onBehalf());
        String unit = application.unit() == null ? type.definition().unit() : application.unit();
        var submitted = cases.submit(
                type,
                unit,
                applicant,
                submission.id(),
                answers,
                switch (application.channel()) {
                    case E_SERVICE -> CaseSubmissions.Channel.E_SERVICE;
                    case API -> CaseSubmissions.Channel.API;
                    case OPEN311 -> CaseSubmissions.Channel.OPEN311;
                    case SECURE_MAILBOX -> CaseSubmissions.Channel.SECURE_MAILBOX;
                    case SENSOR -> CaseSubmissions.Channel.SENSOR;
                    case TRANSFER -> CaseSubmissions.Channel.TRANSFER;
                },
                application.atLeast(),
                partOfApplication);
        submissions.opened(submission.id(), submitted.caseId());
        return new Opened(submitted.caseId(), submitted.reference(), submitted.created());
    }

    /**
     * A written message about a case already open: it joins the case as a message from its applicant, with every
     * file of the submission, and is registered as any such message is.
     *
     * @param written the messages as one text
     * @param filedBy the audit id of the staff member who files it
     */
    public record Addition(
            UUID caseId,
            UUID applicantPersonId,
            String unit,
            se.samla.shared.Confidentiality atLeast,
            Submission submission,
            String written,
            String authorName,
            String filedBy) {}

    /** The case is not one the message can join (another applicant's, another unit's, closed, or none). */
    public static final class NotThatCase extends RuntimeException {
        NotThatCase(UUID caseId) {
            super("The message cannot join case " + caseId, null, false, false);
        }
    }

    /**
     * Adds the message to its case, once: a submission that joined a case already answers with that case.
     *
     * @throws NotThatCase when the case is not the applicant's open case of that unit, at least as confidential
     */
    @Transactional
    public Opened addToCase(Addition addition) {
        Submission submission = addition.submission();
        var claimed = submissions.claim(submission.id(), submission.owner(), submission.auditId());
        if (claimed.caseId() != null) {
            return openedBefore(claimed.caseId());
        }
        StoredCase c = queries.byId(addition.caseId())
                .filter(found -> addition.applicantPersonId().equals(found.applicantPersonId()))
                .filter(found -> addition.unit().equals(found.unit()) && !found.closed())
                // what was written in confidence does not go where more may read it
                .filter(found -> found.confidentiality().reaches(addition.atLeast()))
                .orElseThrow(() -> new NotThatCase(addition.caseId()));
        attachments.attachToCase(submission.id(), c.id());
        submissions.opened(submission.id(), c.id());
        work.message(c, false, addition.written(), new CaseWork.Worker(addition.filedBy(), addition.authorName()));
        return new Opened(c.id(), c.reference(), false);
    }

    /** Keeps a resident's unfinished answers under the submission, with the files already uploaded to it. */
    @Transactional
    Drafts.Draft saveDraft(
            Submission submission, UUID personId, String caseType, Map<String, List<String>> values, String principal) {
        submissions.claim(submission.id(), submission.owner(), submission.auditId());
        CaseType type = type(caseType);
        List<FieldError> unreadable = type.definition().form().stream()
                .filter(f -> FormValidator.hasUnreadableText(f, values))
                .map(f -> FieldError.of(f.key(), "form.error.unreadable-characters"))
                .toList();
        if (!unreadable.isEmpty()) {
            throw new Refused(unreadable);
        }
        // only the form's own questions are kept
        Map<String, List<String>> asked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String question = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (type.definition().field(question).isPresent()) {
                asked.put(key, value);
            }
        });
        return drafts.save(personId, type.code(), type.version(), submission.id(), asked, principal);
    }

    /** The case a submission opened (or joined) before: what a second send of it answers with. */
    private Opened openedBefore(UUID caseId) {
        return queries.byId(caseId)
                .map(c -> new Opened(c.id(), c.reference(), false))
                .orElseThrow();
    }

    private Map<String, Integer> fileCount(UUID submissionId) {
        return fileCount(attachments.pending(submissionId));
    }

    private static Map<String, Integer> fileCount(List<Attachment> pending) {
        Map<String, Integer> count = new LinkedHashMap<>();
        pending.forEach(a -> count.merge(a.fieldKey(), 1, Integer::sum));
        return count;
    }

    private CaseType type(String code) {
        return catalog.current(CurrentTenant.require(), code)
                .orElseThrow(() -> new IllegalArgumentException("No case type " + code));
    }
}
