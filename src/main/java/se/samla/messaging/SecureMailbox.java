package se.samla.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseIntake;
import se.samla.cases.FieldError;
import se.samla.cases.SubmissionOwner;
import se.samla.identity.SignedInUser;
import se.samla.messaging.MailboxProblems.AssuranceTooLow;
import se.samla.messaging.MailboxProblems.NotFound;
import se.samla.messaging.MailboxProblems.NotNow;
import se.samla.messaging.MailboxProblems.Refused;
import se.samla.messaging.MailboxThreads.Conversation;
import se.samla.messaging.MailboxThreads.Thread;
import se.samla.shared.CurrentTenant;

/**
 * The secure mailbox ("Skriv till oss"), the resident's side: a logged-in resident writes to a unit that takes written
 * messages, at the assurance level the unit asks for, with files checked as a form's are, and reads the unit's
 * answers. A resident reaches only their own threads; every reading and every refusal is audited.
 */
@Service
class SecureMailbox {

    /** A unit the resident may write to, with the assurance level it asks for. */
    record Recipient(String unit, int assuranceLevel, boolean allowed) {}

    /** A new thread as the resident writes it. */
    record Writing(String unit, String subject, String body, List<CaseIntake.NewFile> files) {}

    private final MailboxThreads threads;
    private final AuditLog audit;
    private final CaseIntake intake;
    private final TenantPostSettings settings;

    SecureMailbox(MailboxThreads threads, AuditLog audit, CaseIntake intake, TenantPostSettings settings) {
        this.threads = threads;
        this.audit = audit;
        this.intake = intake;
        this.settings = settings;
    }

    /** The units that take written messages, and whether this login reaches the level each asks for. */
    List<Recipient> recipients(SignedInUser.Resident resident) {
        int level = resident.assuranceLevelNumber();
        return post().secureMailbox().stream()
                .map(u -> new Recipient(u.unit(), u.assuranceLevel(), level >= u.assuranceLevel()))
                .toList();
    }

    /**
     * Starts a thread. The submission (the form's own id) holds its files; sending the same form twice (a double
     * click, a retry, two at once) starts one thread. A submission id a form of the resident's used is not taken.
     *
     * @throws Refused when a field or a file is not accepted
     * @throws AssuranceTooLow when the login does not reach the unit's level
     * @throws CaseIntake.NotYours when the submission id is someone else's, or a form's
     */
    @Transactional
    UUID write(SignedInUser.Resident resident, UUID submissionId, Writing writing) {
        var submission = submission(resident, submissionId);
        // the submission stays locked until this ends: a second post of the same form waits here, then finds the first
        intake.hold(submission);
        var existing = threads.ofSubmission(submission.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        List<FieldError> errors = new ArrayList<>();
        var unit = writing.unit() == null
                ? Optional.<PostSettings.MailboxUnit>empty()
                : post().mailboxUnit(writing.unit());
        if (unit.isEmpty()) {
            errors.add(MailboxProblems.error("unit", "mailbox.error.unit"));
        }
        MailboxProblems.checkText(writing.subject(), "subject", MailboxProblems.MAX_SUBJECT, errors);
        MailboxProblems.checkText(writing.body(), "body", MailboxProblems.MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        requireLevel(resident, unit.get());
        List<UUID> files = keep(submission, writing.files());
        UUID id = UUID.randomUUID();
        threads.insertThread(
                id,
                threads.nextReference(),
                unit.get().unit(),
                resident,
                writing.subject().strip().replaceAll("\\s+", " "),
                unit.get().assuranceLevel(),
                unit.get().confidentiality(),
                submission.id());
        threads.insertMessage(
                UUID.randomUUID(), id, true, resident.auditId(), resident.displayName(), writing.body(), files);
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "MAILBOX_THREAD_STARTED",
                "thread",
                id.toString(),
                Map.of("unit", unit.get().unit(), "files", Integer.toString(files.size()))));
        return id;
    }

    /** The resident's threads, newest first; the reading is audited. */
    @Transactional
    List<Thread> threads(SignedInUser.Resident resident) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                Map.of("page", "skriv-till-oss")));
        return threads.ofPerson(resident.personId());
    }

    /** The resident's threads with an answer they have not read. */
    @Transactional(readOnly = true)
    Set<UUID> unreadAnswers(SignedInUser.Resident resident) {
        return threads.unreadAnswers(resident.personId());
    }

    /**
     * One of the resident's own threads, read: audited, the unit's answers marked read. Anyone else's is empty; a
     * login below the unit's level reads nothing of it.
     *
     * @throws AssuranceTooLow when the login is below the level the unit asks for
     */
    @Transactional
    Optional<Conversation> read(SignedInUser.Resident resident, UUID threadId) {
        var found = own(resident, threadId, false);
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                found.isPresent() ? "MAILBOX_THREAD_READ" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("by", "resident")));
        return found.map(t -> {
            var conversation = threads.conversation(t);
            threads.markRead(t.id(), "UNIT");
            return conversation;
        });
    }

    /**
     * The resident writes again in their thread. A closed thread opens again; one in a case takes no more (the case
     * does). The message id comes with the form, so a double click writes once.
     */
    @Transactional
    void reply(
            SignedInUser.Resident resident,
            UUID threadId,
            UUID messageId,
            String body,
            List<CaseIntake.NewFile> files) {
        Thread thread = own(resident, threadId, true).orElseThrow(NotFound::new);
        if (alreadyWritten(messageId, threadId)) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        MailboxProblems.checkText(body, "body", MailboxProblems.MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        if (thread.inCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        if (post().mailboxUnit(thread.unit()).isEmpty()) {
            throw new NotNow("mailbox.error.unit-closed");
        }
        List<UUID> kept = keep(submission(resident, thread.submissionId()), files);
        threads.insertMessage(messageId, threadId, true, resident.auditId(), resident.displayName(), body, kept);
        threads.reopen(thread);
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "MAILBOX_MESSAGE_WRITTEN",
                "thread",
                threadId.toString(),
                Map.of("files", Integer.toString(kept.size()))));
    }

    /** A file sent in the resident's own thread; the reading is audited. */
    @Transactional
    Optional<CaseIntake.HeldFile> file(SignedInUser.Resident resident, UUID threadId, UUID fileId) {
        return threads.fileFor(resident.auditId(), own(resident, threadId, false), threadId, fileId);
    }

    /**
     * The resident's own thread (locked for a change), at a login level that reaches what its unit asked for when it
     * was started, and asks for now.
     */
    private Optional<Thread> own(SignedInUser.Resident resident, UUID threadId, boolean forChange) {
        var found = (forChange ? threads.lock(threadId) : threads.find(threadId))
                .filter(t -> t.personId().equals(resident.personId()));
        found.ifPresent(t -> requireLevel(resident, levelOf(t)));
        return found;
    }

    /** What a login must reach to read the thread: the higher of its level when started and its unit's now. */
    private int levelOf(Thread thread) {
        return Math.max(
                thread.assuranceLevel(),
                post().mailboxUnit(thread.unit())
                        .map(PostSettings.MailboxUnit::assuranceLevel)
                        .orElse(0));
    }

    /** Whether the thread's unit still takes messages, so that the resident may write in it. */
    boolean takesMessages(Thread thread) {
        return post().mailboxUnit(thread.unit()).isPresent();
    }

    /** Whether this login reaches the level the thread asks for: below it, not even its subject is shown. */
    boolean readable(SignedInUser.Resident resident, Thread thread) {
        return resident.assuranceLevelNumber() >= levelOf(thread);
    }

    /** A message id already used: in this thread it was written before; in another, it is no way in. */
    private boolean alreadyWritten(UUID messageId, UUID threadId) {
        var thread = threads.threadOfMessage(messageId);
        if (thread.isPresent() && !thread.get().equals(threadId)) {
            throw new NotFound();
        }
        return thread.isPresent();
    }

    private static void requireLevel(SignedInUser.Resident resident, PostSettings.MailboxUnit unit) {
        requireLevel(resident, unit.assuranceLevel());
    }

    private static void requireLevel(SignedInUser.Resident resident, int level) {
        if (resident.assuranceLevelNumber() < level) {
            throw new AssuranceTooLow(level);
        }
    }

    private List<UUID> keep(CaseIntake.Submission submission, List<CaseIntake.NewFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        try {
            return intake.receiveMessageFiles(submission, files).stream()
                    .map(CaseIntake.PendingFile::id)
                    .toList();
        } catch (CaseIntake.Refused refused) {
            throw new Refused(refused.errors());
        }
    }

    /** The resident's mailbox submission: files come only from its resident, and never from one of their forms. */
    private static CaseIntake.Submission submission(SignedInUser.Resident resident, UUID id) {
        return new CaseIntake.Submission(id, SubmissionOwner.mailbox(resident.personId()), resident.auditId());
    }

    private PostSettings post() {
        return settings.of(CurrentTenant.require());
    }
}
