package se.samla.messaging;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseIntake;
import se.samla.cases.CaseLetter;
import se.samla.cases.SubmissionOwner;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.StorableText;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * The secure mailbox ("Skriv till oss"): a logged-in resident writes to a unit that takes written messages, at the
 * assurance level the unit asks for, with files checked as a form's are; the unit's staff, as far as their roles and
 * clearance reach, read the thread, answer it (the answer goes out as a letter by the resident's chosen channel and
 * stays in the thread), close it, or make it a case through the one intake. Every reading is audited, and so is every
 * refusal.
 */
@Service
class SecureMailbox {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);
    private static final java.util.Locale SWEDISH = java.util.Locale.forLanguageTag("sv");

    /** A unit the resident may write to, with the assurance level it asks for. */
    record Recipient(String unit, String name, int assuranceLevel, boolean allowed) {}

    record Thread(
            UUID id,
            String reference,
            String unit,
            UUID personId,
            String residentName,
            String identityNumber,
            String subject,
            Confidentiality confidentiality,
            UUID submissionId,
            String status,
            UUID caseId,
            String caseReference,
            String waitingFor,
            int version,
            Instant createdAt,
            Instant updatedAt) {

        boolean open() {
            return "OPEN".equals(status);
        }

        boolean becameCase() {
            return "CASE".equals(status);
        }
    }

    /** One message of a thread; {@code read}: whether the other side has opened the thread since it came. */
    record Message(
            UUID id,
            boolean fromResident,
            String authorName,
            String body,
            List<UUID> fileIds,
            Instant sentAt,
            boolean read) {}

    /** A thread as its reader sees it: its messages, the files sent with them, and (for staff) what may follow. */
    record Conversation(Thread thread, List<Message> messages, Map<UUID, CaseIntake.PendingFile> files) {}

    /** A new thread as the resident writes it. */
    record Writing(String unit, String subject, String body, List<CaseIntake.NewFile> files) {}

    /** What was written was not accepted; nothing was stored. */
    static final class Refused extends RuntimeException {

        final transient List<se.samla.cases.FieldError> errors;

        Refused(List<se.samla.cases.FieldError> errors) {
            super(
                    "Refused: "
                            + errors.stream()
                                    .map(se.samla.cases.FieldError::field)
                                    .toList(),
                    null,
                    false,
                    false);
            this.errors = List.copyOf(errors);
        }
    }

    /** The thread is not one this user may see, or there is none. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("No such thread", null, false, false);
        }
    }

    /** The resident's login is below the level the unit asks for. */
    static final class AssuranceTooLow extends RuntimeException {
        final int needed;

        AssuranceTooLow(int needed) {
            super("The unit asks for assurance level " + needed, null, false, false);
            this.needed = needed;
        }
    }

    /** The thread changed since the page was shown, or is in no state for this; the key says which. */
    static final class NotNow extends RuntimeException {
        final String messageKey;

        NotNow(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseIntake intake;
    private final Catalog catalog;
    private final se.samla.cases.CaseHandling cases;
    private final TenantPostSettings settings;
    private final Tenants tenants;
    private final Letters letters;
    private final MessageSource messages;
    private final Clock clock;

    SecureMailbox(
            JdbcClient jdbc,
            AuditLog audit,
            CaseIntake intake,
            Catalog catalog,
            se.samla.cases.CaseHandling cases,
            TenantPostSettings settings,
            Tenants tenants,
            Letters letters,
            MessageSource messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.intake = intake;
        this.catalog = catalog;
        this.cases = cases;
        this.settings = settings;
        this.tenants = tenants;
        this.letters = letters;
        this.messages = messages;
        this.clock = clock;
    }

    // --- the resident's side

    /** The units that take written messages, and whether this login reaches the level each asks for. */
    List<Recipient> recipients(SignedInUser.Resident resident, java.util.Locale locale) {
        int level = resident.assuranceLevelNumber();
        return post().secureMailbox().stream()
                .map(u -> new Recipient(
                        u.unit(), unitName(u.unit(), locale), u.assuranceLevel(), level >= u.assuranceLevel()))
                .toList();
    }

    /**
     * Starts a thread. The submission (the form's own id) holds its files; sending the same form twice (a double
     * click, a retry) starts one thread.
     *
     * @throws Refused when a field or a file is not accepted
     * @throws AssuranceTooLow when the login does not reach the unit's level
     * @throws CaseIntake.NotYours when the submission id is someone else's
     */
    @Transactional
    UUID write(SignedInUser.Resident resident, UUID submissionId, Writing writing) {
        var submission = submission(resident, submissionId);
        var existing = jdbc.sql("SELECT id FROM messaging.thread WHERE submission_id = :s AND person_id = :p")
                .param("s", submission.id())
                .param("p", resident.personId())
                .query(UUID.class)
                .optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        List<se.samla.cases.FieldError> errors = new ArrayList<>();
        var unit = writing.unit() == null
                ? Optional.<PostSettings.MailboxUnit>empty()
                : post().mailboxUnit(writing.unit());
        if (unit.isEmpty()) {
            errors.add(error("unit", "mailbox.error.unit"));
        }
        text(writing.subject(), "subject", MAX_SUBJECT, errors);
        text(writing.body(), "body", MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        requireLevel(resident, unit.get());
        intake.hold(submission);
        List<UUID> files = keep(submission, writing.files());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Long number = jdbc.sql("SELECT nextval('messaging.thread_number')")
                .query(Long.class)
                .single();
        String reference = "M-" + now.atZone(SwedishTime.ZONE).getYear() + "-" + String.format("%06d", number);
        jdbc.sql("""
                INSERT INTO messaging.thread (id, tenant_id, reference, unit, person_id, identity_number, resident_name,
                    subject, confidentiality, submission_id, status, waiting_for, created_at, updated_at)
                VALUES (:id, :t, :ref, :unit, :p, :pin, :name, :subject, :level, :s, 'OPEN', 'UNIT', :at, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("ref", reference)
                .param("unit", unit.get().unit())
                .param("p", resident.personId())
                .param("pin", resident.identityNumber().digits())
                .param("name", resident.displayName())
                .param("subject", oneLine(writing.subject()))
                .param("level", unit.get().confidentiality().name())
                .param("s", submission.id())
                .param("at", Timestamp.from(now))
                .update();
        insertMessage(UUID.randomUUID(), id, true, resident.auditId(), resident.displayName(), writing.body(), files);
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
        return jdbc.sql("SELECT * FROM messaging.thread WHERE person_id = :p ORDER BY updated_at DESC")
                .param("p", resident.personId())
                .query(SecureMailbox::thread)
                .list();
    }

    /** The resident's threads with an answer they have not read. */
    @Transactional(readOnly = true)
    Set<UUID> unreadAnswers(SignedInUser.Resident resident) {
        return Set.copyOf(
                jdbc.sql("""
                SELECT DISTINCT m.thread_id FROM messaging.thread_message m JOIN messaging.thread t ON t.id = m.thread_id
                WHERE t.person_id = :p AND m.sender = 'UNIT' AND m.read_at IS NULL
                """).param("p", resident.personId()).query(UUID.class).list());
    }

    /** One of the resident's own threads, read: audited, the unit's answers marked read. Anyone else's is empty. */
    @Transactional
    Optional<Conversation> read(SignedInUser.Resident resident, UUID threadId) {
        var found = ownThread(resident, threadId);
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                found.isPresent() ? "MAILBOX_THREAD_READ" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("by", "resident")));
        return found.map(t -> {
            var conversation = conversation(t);
            markRead(t.id(), "UNIT");
            return conversation;
        });
    }

    /**
     * The resident writes again in their thread. A closed thread opens again; one that became a case takes no more
     * (the case does). The message id comes with the form, so a double click writes once.
     */
    @Transactional
    void reply(
            SignedInUser.Resident resident,
            UUID threadId,
            UUID messageId,
            String body,
            List<CaseIntake.NewFile> files) {
        Thread thread = ownThread(resident, threadId).orElseThrow(NotFound::new);
        if (sent(messageId, threadId)) {
            return;
        }
        List<se.samla.cases.FieldError> errors = new ArrayList<>();
        text(body, "body", MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        if (thread.becameCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        var unit = post().mailboxUnit(thread.unit()).orElseThrow(() -> new NotNow("mailbox.error.unit-closed"));
        requireLevel(resident, unit);
        // the files go under the thread's submission, which only its resident can bring files to
        List<UUID> kept = keep(submission(resident, thread.submissionId()), files);
        insertMessage(messageId, threadId, true, resident.auditId(), resident.displayName(), body, kept);
        jdbc.sql("""
                UPDATE messaging.thread SET status = 'OPEN', waiting_for = 'UNIT', closed_at = NULL,
                    version = version + 1, updated_at = :at
                WHERE id = :id
                """)
                .param("id", threadId)
                .param("at", Timestamp.from(clock.instant()))
                .update();
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
        var file = ownThread(resident, threadId).flatMap(t -> fileOf(t, fileId));
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                file.isPresent() ? "FILE_DOWNLOADED" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("file", fileId.toString())));
        return file;
    }

    // --- the unit's side

    /** The units whose threads this staff member reads: where they hold a role that reaches it. */
    List<String> unitsOf(SignedInUser.Staff staff) {
        return tenants
                .unitsReachedFrom(CurrentTenant.require(), staff.rolesByUnit().keySet())
                .stream()
                .filter(code -> post().mailboxUnit(code).isPresent())
                .toList();
    }

    /**
     * The threads of the staff member's units that their clearance reaches, those waiting for the unit first; the
     * reading is audited.
     *
     * @param all also the closed ones and those that became cases
     */
    @Transactional
    List<Thread> inbox(SignedInUser.Staff staff, boolean all) {
        List<String> units = unitsOf(staff);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "PERSONAL_DATA_READ", "inbox", String.join(",", units), Map.of()));
        if (units.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM messaging.thread
                WHERE unit = ANY(:units) AND confidentiality = ANY(:levels) AND (:all OR status = 'OPEN')
                ORDER BY status = 'OPEN' DESC, waiting_for = 'UNIT' DESC, updated_at DESC
                LIMIT 500
                """)
                .param("units", units.toArray(String[]::new))
                .param("levels", levels(staff))
                .param("all", all)
                .query(SecureMailbox::thread)
                .list();
    }

    /** A thread of the staff member's units, read: audited, the resident's messages marked read. Others are empty. */
    @Transactional
    Optional<Conversation> read(SignedInUser.Staff staff, UUID threadId) {
        var found = visibleThread(staff, threadId);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                found.isPresent() ? "MAILBOX_THREAD_READ" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("by", "staff")));
        return found.map(t -> {
            var conversation = conversation(t);
            markRead(t.id(), "RESIDENT");
            return conversation;
        });
    }

    /** The case types a thread can become: the unit's own e-services, at least as confidential as the thread. */
    List<CaseType> caseTypesFor(Thread thread) {
        return catalog.current(CurrentTenant.require()).stream()
                .filter(t -> thread.unit().equals(t.definition().unit()))
                .filter(t -> !t.definition().isReportCategory())
                .sorted(java.util.Comparator.comparing(
                        t -> t.definition().name().sv()))
                .toList();
    }

    /**
     * The unit answers. The answer stays in the thread and goes out as a letter by the resident's chosen channel
     * (digital mailbox, e-mail notice, paper), made in this transaction so that an answer is never kept without its
     * letter.
     */
    @Transactional
    void answer(SignedInUser.Staff staff, UUID threadId, int version, UUID messageId, String body) {
        Thread thread = visibleThread(staff, threadId).orElseThrow(NotFound::new);
        if (sent(messageId, threadId)) {
            return;
        }
        List<se.samla.cases.FieldError> errors = new ArrayList<>();
        text(body, "body", MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        if (thread.becameCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        advance(thread, version, "OPEN", "RESIDENT");
        insertMessage(messageId, threadId, false, staff.auditId(), staff.displayName(), body, List.of());
        Instant now = clock.instant();
        UUID letterId = letters.create(new CaseLetter(
                null,
                thread.reference(),
                thread.subject(),
                thread.unit(),
                thread.personId(),
                thread.residentName(),
                thread.identityNumber(),
                "MAILBOX_ANSWER",
                messageId,
                messages.getMessage("letter.mailbox-answer.title", null, SWEDISH),
                List.of(new CaseLetter.Part(null, body.strip())),
                staff.displayName(),
                now,
                null,
                false));
        jdbc.sql("UPDATE messaging.thread_message SET letter_id = :l WHERE id = :id")
                .param("l", letterId)
                .param("id", messageId)
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MAILBOX_ANSWERED",
                "thread",
                threadId.toString(),
                Map.of("letter", letterId.toString())));
    }

    /**
     * Makes the thread a case of the chosen type through the one intake: the resident is its applicant, the
     * messages are its application, every file of the thread goes with it, and it is at least as confidential as
     * the thread. The case is registered as any new case is; the conversation goes on in the case.
     *
     * @return the new case's reference
     */
    @Transactional
    String openCase(SignedInUser.Staff staff, UUID threadId, int version, String caseType) {
        Thread thread = visibleThread(staff, threadId).orElseThrow(NotFound::new);
        requireCaseWork(staff, thread);
        if (thread.becameCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        CaseType type = caseTypesFor(thread).stream()
                .filter(t -> t.code().equals(caseType))
                .findFirst()
                .orElseThrow(() -> new Refused(List.of(error("caseType", "mailbox.error.case-type"))));
        String written = transcript(thread);
        var opened = intake.open(new CaseIntake.Application(
                type.code(),
                thread.unit(),
                new CaseIntake.Reporter(
                        thread.personId(), thread.residentName(), thread.identityNumber(), staff.auditId()),
                new CaseIntake.Submission(
                        thread.submissionId(), SubmissionOwner.resident(thread.personId(), null), staff.auditId()),
                Map.of(CaseIntake.WRITTEN_MESSAGE, List.of(written)),
                List.of(),
                CaseIntake.Channel.SECURE_MAILBOX,
                thread.confidentiality()));
        becameCase(thread, version, opened);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MAILBOX_THREAD_MADE_CASE",
                "thread",
                threadId.toString(),
                Map.of("case", opened.caseId().toString(), "caseType", type.code())));
        return opened.reference();
    }

    /** The resident's open cases of the thread's unit that the staff member may see: where the thread can go. */
    List<se.samla.cases.CaseHandling.CaseInfo> casesFor(SignedInUser.Staff staff, Thread thread) {
        return cases.openCasesOf(thread.personId(), thread.unit(), staff);
    }

    /**
     * Puts the thread in one of the resident's open cases of the unit: its messages join the case as a message from
     * the resident, its files with them, and both are registered in the case. The conversation goes on in the case.
     *
     * @return the case's reference
     */
    @Transactional
    String fileIntoCase(SignedInUser.Staff staff, UUID threadId, int version, UUID caseId) {
        Thread thread = visibleThread(staff, threadId).orElseThrow(NotFound::new);
        requireCaseWork(staff, thread);
        if (thread.becameCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        if (caseId == null || casesFor(staff, thread).stream().noneMatch(c -> c.id().equals(caseId))) {
            throw new Refused(List.of(error("caseId", "mailbox.error.case")));
        }
        CaseIntake.Opened joined;
        try {
            joined = intake.addToCase(new CaseIntake.Addition(
                    caseId,
                    thread.personId(),
                    thread.unit(),
                    new CaseIntake.Submission(
                            thread.submissionId(), SubmissionOwner.resident(thread.personId(), null), staff.auditId()),
                    transcript(thread),
                    thread.residentName(),
                    staff.auditId()));
        } catch (CaseIntake.NotThatCase e) {
            throw new Refused(List.of(error("caseId", "mailbox.error.case")));
        }
        becameCase(thread, version, joined);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MAILBOX_THREAD_FILED",
                "thread",
                threadId.toString(),
                Map.of("case", joined.caseId().toString())));
        return joined.reference();
    }

    /** The unit is done with the thread; the resident may write in it again, which opens it. */
    @Transactional
    void close(SignedInUser.Staff staff, UUID threadId, int version) {
        Thread thread = visibleThread(staff, threadId).orElseThrow(NotFound::new);
        if (!thread.open()) {
            throw new NotNow("mailbox.error.not-open");
        }
        advance(thread, version, "CLOSED", thread.waitingFor());
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "MAILBOX_THREAD_CLOSED", "thread", threadId.toString(), Map.of()));
    }

    /** A file of a thread the staff member may read; the reading is audited. */
    @Transactional
    Optional<CaseIntake.HeldFile> file(SignedInUser.Staff staff, UUID threadId, UUID fileId) {
        var file = visibleThread(staff, threadId).flatMap(t -> fileOf(t, fileId));
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                file.isPresent() ? "FILE_DOWNLOADED" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("file", fileId.toString())));
        return file;
    }

    /** Whether the staff member may make cases of the thread's unit (case officers and registrars may). */
    boolean mayMakeCase(SignedInUser.Staff staff, Thread thread) {
        return tenants.unitsReachedFrom(CurrentTenant.require(), unitsWithRole(staff))
                .contains(thread.unit());
    }

    // --- disposal

    /**
     * Threads closed longer than their unit keeps them, that became no case, go with their files and what their
     * answers' letters said. Threads that became cases go with their case's disposal ({@link #forgetCase}).
     *
     * @return how many threads went
     */
    @Transactional
    int disposeClosed() {
        int gone = 0;
        Instant now = clock.instant();
        for (var unit : post().secureMailbox()) {
            List<Thread> due = jdbc.sql("""
                    SELECT * FROM messaging.thread WHERE unit = :u AND status = 'CLOSED' AND closed_at < :before
                    """)
                    .param("u", unit.unit())
                    .param("before", Timestamp.from(now.minus(java.time.Duration.ofDays(unit.keepClosedDays()))))
                    .query(SecureMailbox::thread)
                    .list();
            for (Thread thread : due) {
                forget(thread);
                intake.release(thread.submissionId());
                gone++;
            }
        }
        return gone;
    }

    /** The threads that became the disposed case go with it. */
    @Transactional
    void forgetCase(UUID caseId) {
        jdbc.sql("SELECT * FROM messaging.thread WHERE case_id = :c")
                .param("c", caseId)
                .query(SecureMailbox::thread)
                .list()
                .forEach(this::forget);
    }

    private void forget(Thread thread) {
        List<UUID> answers = jdbc.sql(
                        "SELECT id FROM messaging.thread_message WHERE thread_id = :t AND sender = 'UNIT'")
                .param("t", thread.id())
                .query(UUID.class)
                .list();
        letters.forgetSources(answers);
        jdbc.sql("DELETE FROM messaging.thread WHERE id = :id")
                .param("id", thread.id())
                .update();
        audit.record(new AuditRecord(
                Actor.system(Letters.SYSTEM),
                "MAILBOX_THREAD_DISPOSED",
                "thread",
                thread.id().toString(),
                Map.of()));
    }

    // --- shared

    /** The thread's messages as one text, each with its minute and author: what a case keeps of it. */
    private String transcript(Thread thread) {
        return conversation(thread).messages().stream()
                .map(m -> MINUTE.format(m.sentAt()) + " " + m.authorName() + ":\n" + m.body())
                .collect(Collectors.joining("\n\n"));
    }

    private void becameCase(Thread thread, int version, CaseIntake.Opened opened) {
        int changed = jdbc.sql("""
                UPDATE messaging.thread SET status = 'CASE', case_id = :c, case_reference = :ref, waiting_for = 'UNIT',
                    version = version + 1, updated_at = :at, closed_at = :at
                WHERE id = :id AND version = :v AND status <> 'CASE'
                """)
                .param("c", opened.caseId())
                .param("ref", opened.reference())
                .param("at", Timestamp.from(clock.instant()))
                .param("id", thread.id())
                .param("v", version)
                .update();
        if (changed == 0) {
            // what the case was given goes too: this transaction rolls back with the refusal
            throw new NotNow("mailbox.error.stale");
        }
    }

    /** The resident's own submission: files come only from the one who started it. */
    private static CaseIntake.Submission submission(SignedInUser.Resident resident, UUID id) {
        return new CaseIntake.Submission(id, SubmissionOwner.resident(resident.personId(), null), resident.auditId());
    }

    private Optional<Thread> ownThread(SignedInUser.Resident resident, UUID threadId) {
        return jdbc.sql("SELECT * FROM messaging.thread WHERE id = :id AND person_id = :p")
                .param("id", threadId)
                .param("p", resident.personId())
                .query(SecureMailbox::thread)
                .optional();
    }

    private Optional<Thread> visibleThread(SignedInUser.Staff staff, UUID threadId) {
        List<String> units = unitsOf(staff);
        return jdbc.sql("SELECT * FROM messaging.thread WHERE id = :id")
                .param("id", threadId)
                .query(SecureMailbox::thread)
                .optional()
                .filter(t -> units.contains(t.unit()) && staff.clearance().reaches(t.confidentiality()));
    }

    private Set<String> unitsWithRole(SignedInUser.Staff staff) {
        return staff.rolesByUnit().entrySet().stream()
                .filter(e -> e.getValue().contains(StaffRole.CASE_OFFICER)
                        || e.getValue().contains(StaffRole.REGISTRAR))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private void requireCaseWork(SignedInUser.Staff staff, Thread thread) {
        if (!mayMakeCase(staff, thread)) {
            throw new NotNow("mailbox.error.no-case-role");
        }
    }

    private static String[] levels(SignedInUser.Staff staff) {
        return Arrays.stream(Confidentiality.values())
                .filter(staff.clearance()::reaches)
                .map(Enum::name)
                .toArray(String[]::new);
    }

    private void advance(Thread thread, int version, String status, String waitingFor) {
        int changed = jdbc.sql("""
                UPDATE messaging.thread SET status = :s, waiting_for = :w, version = version + 1, updated_at = :at,
                    closed_at = CASE WHEN :s = 'CLOSED' THEN CAST(:at AS timestamptz) END
                WHERE id = :id AND version = :v
                """)
                .param("s", status)
                .param("w", waitingFor)
                .param("at", Timestamp.from(clock.instant()))
                .param("id", thread.id())
                .param("v", version)
                .update();
        if (changed == 0) {
            throw new NotNow("mailbox.error.stale");
        }
    }

    private boolean sent(UUID messageId, UUID threadId) {
        var thread = jdbc.sql("SELECT thread_id FROM messaging.thread_message WHERE id = :id")
                .param("id", messageId)
                .query(UUID.class)
                .optional();
        if (thread.isPresent() && !thread.get().equals(threadId)) {
            // a message id taken from another thread's page writes nothing anywhere
            throw new NotFound();
        }
        return thread.isPresent();
    }

    private void requireLevel(SignedInUser.Resident resident, PostSettings.MailboxUnit unit) {
        if (resident.assuranceLevelNumber() < unit.assuranceLevel()) {
            throw new AssuranceTooLow(unit.assuranceLevel());
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

    private void insertMessage(
            UUID id,
            UUID threadId,
            boolean fromResident,
            String author,
            String authorName,
            String body,
            List<UUID> files) {
        jdbc.sql("""
                INSERT INTO messaging.thread_message (id, tenant_id, thread_id, sender, author, author_name, body,
                    file_ids, sent_at)
                VALUES (:id, :t, :thread, :sender, :author, :name, :body, :files, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("thread", threadId)
                .param("sender", fromResident ? "RESIDENT" : "UNIT")
                .param("author", author)
                .param("name", authorName)
                .param("body", body.strip().replace("\r\n", "\n"))
                .param("files", files.toArray(UUID[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    private void markRead(UUID threadId, String sender) {
        jdbc.sql("""
                UPDATE messaging.thread_message SET read_at = :at WHERE thread_id = :t AND sender = :s AND read_at IS NULL
                """)
                .param("t", threadId)
                .param("s", sender)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    private Conversation conversation(Thread thread) {
        List<Message> list = jdbc.sql(
                        "SELECT * FROM messaging.thread_message WHERE thread_id = :t ORDER BY sent_at, id")
                .param("t", thread.id())
                .query((rs, n) -> {
                    boolean fromResident = "RESIDENT".equals(rs.getString("sender"));
                    return new Message(
                            rs.getObject("id", UUID.class),
                            fromResident,
                            rs.getString("author_name"),
                            rs.getString("body"),
                            uuids(rs.getArray("file_ids")),
                            rs.getTimestamp("sent_at").toInstant(),
                            rs.getTimestamp("read_at") != null);
                })
                .list();
        Map<UUID, CaseIntake.PendingFile> files = new java.util.LinkedHashMap<>();
        for (Message m : list) {
            for (UUID fileId : m.fileIds()) {
                intake.heldFile(thread.submissionId(), fileId).ifPresent(f -> files.put(fileId, f.file()));
            }
        }
        return new Conversation(thread, list, files);
    }

    private Optional<CaseIntake.HeldFile> fileOf(Thread thread, UUID fileId) {
        boolean sentHere = jdbc.sql("""
                SELECT count(*) FROM messaging.thread_message WHERE thread_id = :t AND :f = ANY(file_ids)
                """)
                        .param("t", thread.id())
                        .param("f", fileId)
                        .query(Integer.class)
                        .single()
                > 0;
        return sentHere ? intake.heldFile(thread.submissionId(), fileId) : Optional.empty();
    }

    private PostSettings post() {
        return settings.of(CurrentTenant.require());
    }

    private String unitName(String code, java.util.Locale locale) {
        return tenants.unit(CurrentTenant.require(), code)
                .map(u -> u.name().in(locale))
                .orElse(code);
    }

    private static void text(String value, String field, int max, List<se.samla.cases.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(error(field, "mailbox.error." + field + ".missing"));
        } else if (value.strip().codePointCount(0, value.strip().length()) > max) {
            errors.add(error(field, "form.error.too-long", max));
        } else if (!StorableText.isStorable(value)) {
            errors.add(error(field, "form.error.unreadable-characters"));
        }
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static se.samla.cases.FieldError error(String field, String messageKey, Object... args) {
        return new se.samla.cases.FieldError(field, messageKey, List.of(args));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    static Thread thread(ResultSet rs, int row) throws SQLException {
        return new Thread(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("unit"),
                rs.getObject("person_id", UUID.class),
                rs.getString("resident_name"),
                rs.getString("identity_number"),
                rs.getString("subject"),
                Confidentiality.valueOf(rs.getString("confidentiality")),
                rs.getObject("submission_id", UUID.class),
                rs.getString("status"),
                rs.getObject("case_id", UUID.class),
                rs.getString("case_reference"),
                rs.getString("waiting_for"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
