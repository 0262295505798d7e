package se.samla.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseIntake;
import se.samla.cases.CaseLetter;
import se.samla.cases.FieldError;
import se.samla.cases.SubmissionOwner;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.messaging.MailboxProblems.NotFound;
import se.samla.messaging.MailboxProblems.NotNow;
import se.samla.messaging.MailboxProblems.Refused;
import se.samla.messaging.MailboxThreads.Conversation;
import se.samla.messaging.MailboxThreads.Thread;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * The secure mailbox, the unit's side: staff read the threads of their units as far as their roles and clearance
 * reach; case officers and registrars answer (by letter, through the resident's chosen channel), close, make a thread
 * a case through the one intake, or add it to one of the resident's open cases. Once a thread is in a case, the case's
 * own access decides who reads it. Every reading and every refusal is audited.
 */
@Service
class UnitInbox {

    /** The most threads one inbox page lists. */
    static final int PAGE = 500;

    private static final java.util.Locale SWEDISH = java.util.Locale.forLanguageTag("sv");

    /** A thread as the unit's page shows it, with what this staff member may do with it. */
    record Page(
            Conversation conversation,
            boolean mayAct,
            List<CaseType> caseTypes,
            List<CaseHandling.CaseInfo> openCases) {}

    private final MailboxThreads threads;
    private final AuditLog audit;
    private final CaseIntake intake;
    private final CaseHandling cases;
    private final Catalog catalog;
    private final TenantPostSettings settings;
    private final Tenants tenants;
    private final Letters letters;
    private final MessageSource messages;
    private final Clock clock;

    UnitInbox(
            MailboxThreads threads,
            AuditLog audit,
            CaseIntake intake,
            CaseHandling cases,
            Catalog catalog,
            TenantPostSettings settings,
            Tenants tenants,
            Letters letters,
            MessageSource messages,
            Clock clock) {
        this.threads = threads;
        this.audit = audit;
        this.intake = intake;
        this.cases = cases;
        this.catalog = catalog;
        this.settings = settings;
        this.tenants = tenants;
        this.letters = letters;
        this.messages = messages;
        this.clock = clock;
    }

    /** The units whose threads this staff member reads: those taking messages where they hold a role. */
    List<String> unitsOf(SignedInUser.Staff staff) {
        return tenants.unitsReachedFrom(CurrentTenant.require(), staff.workingUnits()).stream()
                .filter(code -> post().mailboxUnit(code).isPresent())
                .toList();
    }

    /**
     * The threads of the staff member's units that their clearance reaches, those waiting for the unit first, at
     * most {@link #PAGE}; the reading is audited with the threads listed.
     *
     * @param all also the closed ones and those in cases
     */
    @Transactional
    List<Thread> inbox(SignedInUser.Staff staff, boolean all) {
        List<String> units = unitsOf(staff);
        List<Thread> found = units.isEmpty()
                ? List.of()
                : threads.ofUnits(units, staff.clearance().levelsReached(), all, PAGE).stream()
                        // a thread in a case is listed to those who may see the case
                        .filter(t -> !t.inCase() || cases.staffMaySee(t.caseId(), staff))
                        .toList();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "PERSONAL_DATA_READ",
                "inbox",
                String.join(",", units),
                Map.of(
                        "threads",
                        found.stream().map(Thread::reference).collect(Collectors.joining(",")),
                        "all",
                        Boolean.toString(all))));
        return found;
    }

    /**
     * A thread of the staff member's units, read, with what they may do with it: audited, the resident's messages
     * marked read. Any other thread is empty.
     */
    @Transactional
    Optional<Page> read(SignedInUser.Staff staff, UUID threadId) {
        var found = visible(staff, threadId, false);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                found.isPresent() ? "MAILBOX_THREAD_READ" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("by", "staff")));
        return found.map(t -> {
            var conversation = threads.conversation(t);
            boolean mayAct = mayAct(staff, t);
            if (mayAct) {
                // read by those who answer: an archivist's look does not tell the resident their message was read
                threads.markRead(t.id(), "RESIDENT");
            }
            return new Page(
                    conversation,
                    mayAct,
                    mayAct && !t.inCase() ? caseTypesFor(t) : List.of(),
                    mayAct && !t.inCase() ? openCasesFor(staff, t) : List.of());
        });
    }

    /**
     * The unit answers. The answer stays in the thread and goes out as a letter by the resident's chosen channel
     * (digital mailbox, e-mail notice, paper), made in this transaction so that an answer is never kept without its
     * letter.
     */
    @Transactional
    void answer(SignedInUser.Staff staff, UUID threadId, int version, UUID messageId, String body) {
        Thread thread = actionable(staff, threadId);
        var used = threads.threadOfMessage(messageId);
        if (used.isPresent()) {
            if (!used.get().equals(threadId)) {
                throw new NotFound();
            }
            // sent already (a double click)
            return;
        }
        if (letters.exists("MAILBOX_ANSWER", messageId)) {
            // the id of an answer long gone: its letter would not be made again
            throw new NotFound();
        }
        List<FieldError> errors = new ArrayList<>();
        MailboxProblems.checkText(body, "body", MailboxProblems.MAX_BODY, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        if (thread.inCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        if (!threads.advance(thread, version, "OPEN", "RESIDENT")) {
            throw new NotNow("mailbox.error.stale");
        }
        threads.insertMessage(messageId, threadId, false, staff.auditId(), staff.displayName(), body, List.of());
        String unit = tenants.unit(CurrentTenant.require(), thread.unit())
                .map(u -> u.name().sv())
                .orElse(thread.unit());
        // the letter names the unit, not the resident's own subject, which may say more than a mailbox list should
        UUID letterId = letters.create(new CaseLetter(
                null,
                thread.reference(),
                unit,
                thread.unit(),
                thread.personId(),
                thread.residentName(),
                thread.identityNumber(),
                "MAILBOX_ANSWER",
                messageId,
                messages.getMessage("letter.mailbox-answer.title", null, SWEDISH),
                List.of(new CaseLetter.Part(null, body.strip())),
                staff.displayName(),
                clock.instant(),
                null,
                false));
        threads.letterOf(messageId, letterId);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MAILBOX_ANSWERED",
                "thread",
                threadId.toString(),
                Map.of("letter", letterId.toString())));
    }

    /**
     * Makes the thread a case of the chosen type through the one intake: the resident is its applicant, the messages
     * are its application, every file of the thread goes with it, and it is at least as confidential as the thread.
     * The case is registered as any new case is; the conversation goes on in the case.
     *
     * @return the new case's reference
     */
    @Transactional
    String openCase(SignedInUser.Staff staff, UUID threadId, int version, String caseType) {
        Thread thread = actionable(staff, threadId);
        if (thread.inCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        CaseType type = caseTypesFor(thread).stream()
                .filter(t -> t.code().equals(caseType))
                .findFirst()
                .orElseThrow(() -> new Refused(List.of(MailboxProblems.error("caseType", "mailbox.error.case-type"))));
        var opened = intake.open(new CaseIntake.Application(
                type.code(),
                thread.unit(),
                new CaseIntake.Reporter(
                        thread.personId(), thread.residentName(), thread.identityNumber(), staff.auditId()),
                submission(thread, staff),
                Map.of(CaseIntake.WRITTEN_MESSAGE, List.of(transcript(thread))),
                List.of(),
                CaseIntake.Channel.SECURE_MAILBOX,
                thread.confidentiality()));
        if (!threads.inCase(thread, version, opened)) {
            // the case is not made after all: this transaction rolls back with the refusal
            throw new NotNow("mailbox.error.stale");
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MAILBOX_THREAD_MADE_CASE",
                "thread",
                threadId.toString(),
                Map.of("case", opened.caseId().toString(), "caseType", type.code())));
        return opened.reference();
    }

    /**
     * Puts the thread in one of the resident's open cases of the unit, at least as confidential as the thread: its
     * messages join the case as a message from the resident, its files with them, and both are registered there.
     *
     * @return the case's reference
     */
    @Transactional
    String fileIntoCase(SignedInUser.Staff staff, UUID threadId, int version, UUID caseId) {
        Thread thread = actionable(staff, threadId);
        if (thread.inCase()) {
            throw new NotNow("mailbox.error.became-case");
        }
        if (caseId == null || openCasesFor(staff, thread).stream().noneMatch(c -> c.id().equals(caseId))) {
            throw new Refused(List.of(MailboxProblems.error("caseId", "mailbox.error.case")));
        }
        CaseIntake.Opened joined;
        try {
            joined = intake.addToCase(new CaseIntake.Addition(
                    caseId,
                    thread.personId(),
                    thread.unit(),
                    thread.confidentiality(),
                    submission(thread, staff),
                    transcript(thread),
                    thread.residentName(),
                    staff.auditId()));
        } catch (CaseIntake.NotThatCase e) {
            throw new Refused(List.of(MailboxProblems.error("caseId", "mailbox.error.case")));
        }
        if (!threads.inCase(thread, version, joined)) {
            throw new NotNow("mailbox.error.stale");
        }
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
        Thread thread = actionable(staff, threadId);
        if (!thread.open()) {
            throw new NotNow("mailbox.error.not-open");
        }
        if (!threads.advance(thread, version, "CLOSED", thread.waitingFor())) {
            throw new NotNow("mailbox.error.stale");
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "MAILBOX_THREAD_CLOSED", "thread", threadId.toString(), Map.of()));
    }

    /** A file of a thread the staff member may read; the reading is audited. */
    @Transactional
    Optional<CaseIntake.HeldFile> file(SignedInUser.Staff staff, UUID threadId, UUID fileId) {
        return threads.fileFor(staff.auditId(), visible(staff, threadId, false), threadId, fileId);
    }

    /**
     * The thread, if this staff member may read it: of their units, at a level their clearance reaches, and once it is
     * in a case, only if they may see the case.
     */
    private Optional<Thread> visible(SignedInUser.Staff staff, UUID threadId, boolean forChange) {
        List<String> units = unitsOf(staff);
        return (forChange ? threads.lock(threadId) : threads.find(threadId))
                .filter(t -> units.contains(t.unit()) && staff.clearance().reaches(t.confidentiality()))
                .filter(t -> !t.inCase() || cases.staffMaySee(t.caseId(), staff));
    }

    /** The thread locked for a change by a case officer or registrar of its unit. */
    private Thread actionable(SignedInUser.Staff staff, UUID threadId) {
        Thread thread = visible(staff, threadId, true).orElseThrow(NotFound::new);
        if (!mayAct(staff, thread)) {
            throw new NotNow("mailbox.error.no-role");
        }
        return thread;
    }

    /** Case officers and registrars of the unit answer, close and make cases; other roles only read. */
    private boolean mayAct(SignedInUser.Staff staff, Thread thread) {
        Set<String> working = staff.rolesByUnit().entrySet().stream()
                .filter(e -> e.getValue().contains(StaffRole.CASE_OFFICER)
                        || e.getValue().contains(StaffRole.REGISTRAR))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return tenants.unitsReachedFrom(CurrentTenant.require(), working).contains(thread.unit());
    }

    /**
     * The case types a thread can become: the unit's own e-services; for a thread that may hold secrets, only those as
     * confidential, which name their OSL provision and are registered.
     */
    private List<CaseType> caseTypesFor(Thread thread) {
        boolean secret = thread.confidentiality().reaches(se.samla.shared.Confidentiality.CONFIDENTIAL);
        return catalog.current(CurrentTenant.require()).stream()
                .filter(t -> thread.unit().equals(t.definition().unit()))
                .filter(t -> !t.definition().isReportCategory())
                .filter(t -> !secret || t.definition().confidentiality().level().reaches(thread.confidentiality()))
                .sorted(Comparator.comparing(t -> t.definition().name().sv()))
                .toList();
    }

    /** The resident's open cases of the unit that the staff member may see and that keep the thread's secrecy. */
    private List<CaseHandling.CaseInfo> openCasesFor(SignedInUser.Staff staff, Thread thread) {
        return cases.openCasesOf(thread.personId(), thread.unit(), thread.confidentiality(), staff);
    }

    /** The thread's messages as one text, each with its minute and author: what a case keeps of it. */
    private String transcript(Thread thread) {
        return threads.conversation(thread).messages().stream()
                .map(m -> SwedishTime.MINUTE.format(m.sentAt()) + " " + m.authorName() + ":\n" + m.body())
                .collect(Collectors.joining("\n\n"));
    }

    private static CaseIntake.Submission submission(Thread thread, SignedInUser.Staff staff) {
        return new CaseIntake.Submission(
                thread.submissionId(), SubmissionOwner.mailbox(thread.personId()), staff.auditId());
    }

    private PostSettings post() {
        return settings.of(CurrentTenant.require());
    }
}
