package se.samla.booking;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Meetings with case officers: an officer offers times (in person at a place, by phone, or by video with a link); a
 * resident books one about their case or their conversation with the unit; both get the invitation, the case's history
 * says so, the resident is reminded the day before, and the officer records whether it was held or missed.
 */
@Service
public class Meetings {

    /** How a meeting is held. */
    public enum Mode {
        IN_PERSON,
        PHONE,
        VIDEO
    }

    /** A time an officer offers, and whether it is taken. */
    public record Offered(
            UUID id,
            String unit,
            String officerName,
            Instant startsAt,
            Instant endsAt,
            Mode mode,
            String place,
            String videoLink,
            boolean booked,
            String bookedBy,
            String reference,
            UUID meetingId,
            String meetingStatus) {}

    /** A meeting as the resident, or the case page, sees it. */
    public record Meeting(
            UUID id,
            UUID caseId,
            String reference,
            Instant startsAt,
            Instant endsAt,
            Mode mode,
            String place,
            String videoLink,
            String officerName,
            String status) {}

    /** What is asked of an officer's new time: where a field is wrong, the field and the message key. */
    public static final class Invalid extends RuntimeException {
        public final String field;
        public final String messageKey;

        Invalid(String field, String messageKey) {
            super(field + ": " + messageKey, null, false, false);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final String SYSTEM = "system:booking";

    private final JdbcClient jdbc;
    private final List<MeetingSubjects> subjects;
    private final Calendars calendars;
    private final MessageSource messages;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Clock clock;

    Meetings(
            JdbcClient jdbc,
            List<MeetingSubjects> subjects,
            Calendars calendars,
            MessageSource messages,
            Tenants tenants,
            ApplicationEventPublisher events,
            AuditLog audit,
            TenantTransactions transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.calendars = calendars;
        this.messages = messages;
        this.tenants = tenants;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * An officer offers a time for meetings, in a unit they work in.
     *
     * @throws Invalid with the field at fault
     */
    @Transactional
    UUID offer(
            SignedInUser.Staff staff, String unit, Instant start, Instant end, Mode mode, String place, String link) {
        if (unit == null || !staff.hasRole(unit, StaffRole.CASE_OFFICER)) {
            throw new Invalid("unit", "meeting.error.unit");
        }
        if (start == null || !start.isAfter(clock.instant())) {
            throw new Invalid("start", "meeting.error.past");
        }
        if (end == null || !end.isAfter(start) || Duration.between(start, end).toMinutes() > 240) {
            throw new Invalid("end", "meeting.error.length");
        }
        if (mode == null) {
            throw new Invalid("mode", "meeting.error.mode");
        }
        if (mode == Mode.IN_PERSON && (place == null || place.isBlank())) {
            throw new Invalid("place", "meeting.error.place");
        }
        if (mode == Mode.VIDEO && (link == null || !link.strip().matches("https://\\S{4,500}"))) {
            throw new Invalid("link", "meeting.error.link");
        }
        boolean overlaps = jdbc.sql("""
                        SELECT count(*) FROM booking.meeting_time WHERE tenant_id = :tenant AND officer_id = :o AND withdrawn_at IS NULL
                          AND starts_at < :end AND ends_at > :start
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("o", staff.staffId())
                        .param("start", Timestamp.from(start))
                        .param("end", Timestamp.from(end))
                        .query(Integer.class)
                        .single()
                > 0;
        if (overlaps) {
            throw new Invalid("start", "meeting.error.overlap");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO booking.meeting_time (id, tenant_id, unit, officer_id, officer_name, officer_email,
                    starts_at, ends_at, mode, place, video_link, created_at)
                VALUES (:id, :t, :unit, :o, :name, :email, :start, :end, :mode, :place, :link, :now)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("unit", unit)
                .param("o", staff.staffId())
                .param("name", staff.displayName())
                .param("email", staff.email())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("mode", mode.name())
                .param("place", mode == Mode.IN_PERSON ? place.strip() : null)
                .param("link", mode == Mode.VIDEO ? link.strip() : null)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "MEETING_TIME_OFFERED",
                "meeting-time",
                id.toString(),
                Map.of("unit", unit)));
        return id;
    }

    /** The officer's own times from today on, with who booked them. */
    @Transactional
    List<Offered> offeredBy(SignedInUser.Staff staff) {
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "PERSONAL_DATA_READ", "meeting-time", "own", Map.of("page", "moten")));
        return jdbc.sql("""
                SELECT t.*, m.id AS meeting_id, m.booker_name, m.reference, m.status AS meeting_status
                FROM booking.meeting_time t
                LEFT JOIN booking.meeting m ON m.tenant_id = t.tenant_id AND m.meeting_time_id = t.id AND m.status <> 'CANCELLED'
                WHERE t.tenant_id = :tenant AND t.officer_id = :o AND t.withdrawn_at IS NULL AND t.ends_at > :since
                ORDER BY t.starts_at
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("o", staff.staffId())
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, n) -> offered(rs))
                .list();
    }

    /** The free times the unit's officers offer from two hours ahead, for a resident to choose from. */
    @Transactional(readOnly = true)
    List<Offered> freeIn(String unit) {
        return jdbc.sql("""
                SELECT t.*, NULL::uuid AS meeting_id, NULL AS booker_name, NULL AS reference, NULL AS meeting_status
                FROM booking.meeting_time t
                WHERE t.tenant_id = :tenant AND t.unit = :unit AND t.withdrawn_at IS NULL AND t.starts_at > :from
                  AND NOT EXISTS (SELECT 1 FROM booking.meeting m
                                  WHERE m.tenant_id = :tenant AND m.meeting_time_id = t.id AND m.status <> 'CANCELLED')
                ORDER BY t.starts_at LIMIT 50
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("unit", unit)
                .param("from", Timestamp.from(clock.instant().plus(Duration.ofHours(2))))
                .query((rs, n) -> offered(rs))
                .list();
    }

    private static Offered offered(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Offered(
                rs.getObject("id", UUID.class),
                rs.getString("unit"),
                rs.getString("officer_name"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                Mode.valueOf(rs.getString("mode")),
                rs.getString("place"),
                rs.getString("video_link"),
                rs.getObject("meeting_id", UUID.class) != null,
                rs.getString("booker_name"),
                rs.getString("reference"),
                rs.getObject("meeting_id", UUID.class),
                rs.getString("meeting_status"));
    }

    /** The subject the resident wants to book about, if they may. */
    Optional<MeetingSubjects.Subject> subject(
            SignedInUser.Resident resident, Principal principal, String kind, UUID id) {
        return subjects.stream()
                .filter(s -> s.kind().equals(kind))
                .findFirst()
                .flatMap(s -> s.find(resident, principal, id));
    }

    /**
     * Books an offered time about a case or a conversation of the resident's: once, however many try at once.
     *
     * @throws Bookings.Refused when the time is not the subject's unit's, has begun, or is taken
     */
    @Transactional
    UUID book(SignedInUser.Resident resident, MeetingSubjects.Subject subject, UUID timeId) {
        var time = jdbc.sql("""
                SELECT t.*, NULL::uuid AS meeting_id, NULL AS booker_name, NULL AS reference, NULL AS meeting_status
                FROM booking.meeting_time t WHERE tenant_id = :tenant AND t.id = :id AND t.withdrawn_at IS NULL FOR UPDATE
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", timeId)
                .query((rs, n) -> offered(rs))
                .optional()
                .filter(t -> t.unit().equals(subject.unit()))
                .orElseThrow(() -> new Bookings.Refused("meeting.error.no-such-time"));
        if (time.startsAt().isBefore(clock.instant().plus(Duration.ofHours(2)))) {
            throw new Bookings.Refused("booking.error.too-soon");
        }
        // one coming meeting per case or conversation: the unit's times are for all its residents
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('booking.meeting'), hashtext(:s))")
                .param("s", subject.id().toString())
                .query()
                .listOfRows();
        boolean already = jdbc.sql("""
                        SELECT count(*) FROM booking.meeting m JOIN booking.meeting_time t ON t.tenant_id = m.tenant_id AND t.id = m.meeting_time_id
                        WHERE m.tenant_id = :tenant AND (m.status = 'BOOKED' AND t.ends_at > :now
                          AND (m.case_id = :s OR m.thread_id = :s))
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("now", Timestamp.from(clock.instant()))
                        .param("s", subject.id())
                        .query(Integer.class)
                        .single()
                > 0;
        if (already) {
            throw new Bookings.Refused("meeting.error.already-booked");
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO booking.meeting (id, tenant_id, meeting_time_id, case_id, thread_id, reference, person_id,
                    booker_name, identity_number, status, booked_at)
                VALUES (:id, :t, :time, :case, :thread, :ref, :p, :name, :number, 'BOOKED', :now)
                ON CONFLICT DO NOTHING
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("time", timeId)
                .param("case", subject.kind().equals("case") ? subject.id() : null)
                .param("thread", subject.kind().equals("thread") ? subject.id() : null)
                .param("ref", subject.reference())
                .param("p", resident.personId())
                .param("name", resident.displayName())
                .param("number", resident.identityNumber().digits())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            throw new Bookings.Refused("booking.error.taken");
        }
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "MEETING_BOOKED",
                "meeting",
                id.toString(),
                Map.of(subject.kind(), subject.id().toString())));
        Meeting meeting = meeting(id).orElseThrow();
        tell(meeting, time, "BOOKED", false, resident.auditId());
        return id;
    }

    /** Cancels a coming meeting, by its resident; both are told and the time is free again. */
    @Transactional
    boolean cancel(SignedInUser.Resident resident, UUID meetingId) {
        var meeting = meeting(meetingId)
                .filter(m -> m.status().equals("BOOKED") && m.startsAt().isAfter(clock.instant()))
                .filter(m ->
                        personOf(meetingId).map(resident.personId()::equals).orElse(false));
        if (meeting.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()), "ACCESS_REFUSED", "meeting", meetingId.toString(), Map.of()));
            return false;
        }
        return cancelled(meeting.get(), resident.auditId());
    }

    /** Cancels a coming meeting of the officer's; the resident is told. */
    @Transactional
    boolean cancel(SignedInUser.Staff staff, UUID meetingId) {
        var meeting = meeting(meetingId)
                .filter(m -> m.status().equals("BOOKED") && m.startsAt().isAfter(clock.instant()))
                .filter(m -> officerOf(meetingId).map(staff.staffId()::equals).orElse(false));
        if (meeting.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(staff.auditId()), "ACCESS_REFUSED", "meeting", meetingId.toString(), Map.of()));
            return false;
        }
        return cancelled(meeting.get(), staff.auditId());
    }

    private boolean cancelled(Meeting meeting, String by) {
        int changed = jdbc.sql("""
                UPDATE booking.meeting SET status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by,
                    sequence = sequence + 1 WHERE tenant_id = :tenant AND id = :id AND status = 'BOOKED'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by)
                .param("id", meeting.id())
                .update();
        if (changed == 0) {
            return false;
        }
        audit.record(new AuditRecord(
                Actor.of(by), "MEETING_CANCELLED", "meeting", meeting.id().toString(), Map.of()));
        Meeting now = meeting(meeting.id()).orElseThrow();
        tell(now, timeOf(meeting.id()), "CANCELLED", true, by);
        return true;
    }

    /**
     * The officer records, once the meeting has begun, whether it was held or the resident did not come.
     *
     * @return false when it is not their meeting, has not begun, or is already recorded
     */
    @Transactional
    boolean record(SignedInUser.Staff staff, UUID meetingId, boolean held) {
        var meeting = meeting(meetingId)
                .filter(m -> m.status().equals("BOOKED") && !m.startsAt().isAfter(clock.instant()))
                .filter(m -> officerOf(meetingId).map(staff.staffId()::equals).orElse(false));
        if (meeting.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(staff.auditId()), "ACCESS_REFUSED", "meeting", meetingId.toString(), Map.of()));
            return false;
        }
        String status = held ? "HELD" : "NO_SHOW";
        jdbc.sql(
                        "UPDATE booking.meeting SET status = :s, outcome_at = :now WHERE tenant_id = :tenant AND id = :id AND status = 'BOOKED'")
                .param("tenant", CurrentTenant.require().value())
                .param("s", status)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", meetingId)
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "MEETING_" + status, "meeting", meetingId.toString(), Map.of()));
        Meeting m = meeting.get();
        if (m.caseId() != null) {
            events.publishEvent(new BookingEvents.MeetingRecorded(
                    CurrentTenant.require(),
                    m.id(),
                    m.caseId(),
                    status,
                    m.startsAt(),
                    m.mode().name(),
                    m.officerName(),
                    staff.auditId()));
        }
        return true;
    }

    /** The resident's meetings from a day back on, newest last; the reading is audited by the page that shows them. */
    @Transactional(readOnly = true)
    List<Meeting> of(SignedInUser.Resident resident) {
        return of(resident.personId());
    }

    /** The person's meetings from a day back on, newest last; the caller audits the reading. */
    List<Meeting> of(UUID personId) {
        return jdbc.sql(
                        MEETINGS
                                + " WHERE m.tenant_id = :tenant AND m.person_id = :p AND t.ends_at > :since ORDER BY t.starts_at")
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, n) -> meeting(rs))
                .list();
    }

    /** The meetings about a case, for its page (which has checked who may see it). */
    @Transactional(readOnly = true)
    public List<Meeting> ofCase(UUID caseId) {
        return jdbc.sql(MEETINGS + " WHERE m.tenant_id = :tenant AND m.case_id = :c ORDER BY t.starts_at")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> meeting(rs))
                .list();
    }

    /** The person's booked meetings as calendar appointments, for their feed. */
    List<Calendars.Appointment> appointmentsOf(UUID personId) {
        return jdbc
                .sql(
                        MEETINGS
                                + " WHERE m.tenant_id = :tenant AND m.person_id = :p AND m.status = 'BOOKED' ORDER BY t.starts_at")
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .query((rs, n) -> meeting(rs))
                .list()
                .stream()
                .map(m -> appointment(m, sequenceOf(m.id()), null, null))
                .toList();
    }

    private int sequenceOf(UUID meetingId) {
        return jdbc.sql("SELECT sequence FROM booking.meeting WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", meetingId)
                .query(Integer.class)
                .single();
    }

    private static final String MEETINGS = """
            SELECT m.id, m.case_id, m.reference, m.status, t.starts_at, t.ends_at, t.mode, t.place, t.video_link,
                t.officer_name
            FROM booking.meeting m JOIN booking.meeting_time t ON t.tenant_id = m.tenant_id AND t.id = m.meeting_time_id
            """;

    private Optional<Meeting> meeting(UUID id) {
        return jdbc.sql(MEETINGS + " WHERE m.tenant_id = :tenant AND m.id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query((rs, n) -> meeting(rs))
                .optional();
    }

    private static Meeting meeting(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Meeting(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                rs.getString("reference"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                Mode.valueOf(rs.getString("mode")),
                rs.getString("place"),
                rs.getString("video_link"),
                rs.getString("officer_name"),
                rs.getString("status"));
    }

    private Optional<UUID> personOf(UUID meetingId) {
        return jdbc.sql("SELECT person_id FROM booking.meeting WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", meetingId)
                .query(UUID.class)
                .optional();
    }

    private Optional<UUID> officerOf(UUID meetingId) {
        return jdbc.sql("""
                SELECT t.officer_id FROM booking.meeting m JOIN booking.meeting_time t ON t.tenant_id = m.tenant_id AND t.id = m.meeting_time_id
                WHERE m.tenant_id = :tenant AND m.id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", meetingId)
                .query(UUID.class)
                .optional();
    }

    private Offered timeOf(UUID meetingId) {
        return jdbc.sql("""
                SELECT t.*, NULL::uuid AS meeting_id, NULL AS booker_name, NULL AS reference, NULL AS meeting_status
                FROM booking.meeting_time t JOIN booking.meeting m ON m.tenant_id = t.tenant_id AND m.meeting_time_id = t.id WHERE t.tenant_id = :tenant AND m.id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", meetingId)
                .query((rs, n) -> offered(rs))
                .single();
    }

    /**
     * Tells the resident (a letter by their chosen way, with the calendar file) and the officer (an e-mail with the
     * same), and the case's history, of a booked or cancelled meeting.
     */
    private void tell(Meeting meeting, Offered time, String what, boolean cancel, String by) {
        var who = jdbc.sql(
                        "SELECT person_id, booker_name, identity_number, sequence FROM booking.meeting WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", meeting.id())
                .query((rs, n) ->
                        new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)})
                .single();
        int sequence = (Integer) who[3];
        String how = how(meeting);
        String when = BookingNotices.when(meeting.startsAt(), meeting.endsAt());
        Object[] args = {when, how, meeting.officerName(), meeting.reference()};
        String organiser = tenants.unit(CurrentTenant.require(), time.unit())
                .map(u -> u.name().sv())
                .orElse(tenants.current().name());
        String calendar = calendars.message(appointment(meeting, sequence, (String) who[1], null), cancel, organiser);
        String key = "meeting.notice." + what;
        events.publishEvent(new BookingEvents.BookerNotice(
                CurrentTenant.require(),
                UUID.nameUUIDFromBytes((meeting.id() + ":" + what + ":" + sequence).getBytes(StandardCharsets.UTF_8)),
                (UUID) who[0],
                (String) who[2],
                (String) who[1],
                time.unit(),
                meeting.reference(),
                text(key + ".title", args),
                List.of(
                        new BookingEvents.Part(null, text(key + ".text", args)),
                        new BookingEvents.Part(null, text("meeting.notice.where-to-see", args))),
                calendar));
        String officerEmail = jdbc.sql(
                        "SELECT officer_email FROM booking.meeting_time WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", time.id())
                .query(String.class)
                .optional()
                .orElse(null);
        if (officerEmail != null && !officerEmail.isBlank()) {
            // the officer's invitation names the reference, never the resident's personal identity number
            String officerCalendar = calendars.message(
                    appointment(meeting, sequence, meeting.officerName(), officerEmail), cancel, organiser);
            events.publishEvent(new BookingEvents.OfficerNotice(
                    CurrentTenant.require(),
                    UUID.nameUUIDFromBytes(
                            ("officer:" + meeting.id() + ":" + what + ":" + sequence).getBytes(StandardCharsets.UTF_8)),
                    officerEmail,
                    text("meeting.officer." + what + ".subject", args),
                    text("meeting.officer." + what + ".text", args),
                    officerCalendar));
        }
        if (meeting.caseId() != null) {
            events.publishEvent(new BookingEvents.MeetingRecorded(
                    CurrentTenant.require(),
                    meeting.id(),
                    meeting.caseId(),
                    what,
                    meeting.startsAt(),
                    meeting.mode().name(),
                    meeting.officerName(),
                    by));
        }
    }

    private Calendars.Appointment appointment(Meeting meeting, int sequence, String attendee, String email) {
        return new Calendars.Appointment(
                meeting.id() + "@samla-meeting",
                sequence,
                meeting.startsAt(),
                meeting.endsAt(),
                text("meeting.calendar.summary", new Object[] {meeting.reference()}),
                meeting.mode() == Mode.IN_PERSON
                        ? meeting.place()
                        : meeting.mode() == Mode.VIDEO ? meeting.videoLink() : null,
                how(meeting),
                meeting.status().equals("BOOKED") ? "CONFIRMED" : "CANCELLED",
                attendee,
                email);
    }

    private String how(Meeting meeting) {
        return switch (meeting.mode()) {
            case IN_PERSON -> text("meeting.how.IN_PERSON", new Object[] {meeting.place()});
            case PHONE -> text("meeting.how.PHONE", new Object[] {meeting.officerName()});
            case VIDEO -> text("meeting.how.VIDEO", new Object[] {meeting.videoLink()});
        };
    }

    /** Reminds residents of tomorrow's meetings, once each; looked at every quarter of an hour. */
    @Scheduled(fixedDelayString = "${samla.booking.reminder-interval:PT15M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "booking.meetings.remind", lockAtMostFor = "PT10M")
    void remindAll() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::remind);
        }
    }

    /** Reminds of the current tenant's meetings that begin within a day; for the job and tests. */
    int remind() {
        Instant now = clock.instant();
        List<UUID> due = jdbc.sql("""
                SELECT m.id FROM booking.meeting m JOIN booking.meeting_time t ON t.tenant_id = m.tenant_id AND t.id = m.meeting_time_id
                WHERE m.tenant_id = :tenant AND m.status = 'BOOKED' AND m.reminded_at IS NULL AND t.starts_at > :now AND t.starts_at <= :day
                FOR UPDATE OF m SKIP LOCKED
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(now))
                .param("day", Timestamp.from(now.plus(Duration.ofDays(1))))
                .query(UUID.class)
                .list();
        List<UUID> reminded = new ArrayList<>();
        for (UUID id : due) {
            Meeting meeting = meeting(id).orElseThrow();
            var who = jdbc.sql(
                            "SELECT person_id, booker_name, identity_number FROM booking.meeting WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", id)
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)})
                    .single();
            Object[] args = {
                BookingNotices.when(meeting.startsAt(), meeting.endsAt()),
                how(meeting),
                meeting.officerName(),
                meeting.reference()
            };
            events.publishEvent(new BookingEvents.BookerNotice(
                    CurrentTenant.require(),
                    UUID.nameUUIDFromBytes(("reminder:" + id).getBytes(StandardCharsets.UTF_8)),
                    (UUID) who[0],
                    (String) who[2],
                    (String) who[1],
                    timeOf(id).unit(),
                    meeting.reference(),
                    text("meeting.notice.REMINDER.title", args),
                    List.of(new BookingEvents.Part(null, text("meeting.notice.REMINDER.text", args))),
                    null));
            jdbc.sql("UPDATE booking.meeting SET reminded_at = :now WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("now", Timestamp.from(now))
                    .param("id", id)
                    .update();
            audit.record(new AuditRecord(Actor.system(SYSTEM), "MEETING_REMINDED", "meeting", id.toString(), Map.of()));
            reminded.add(id);
        }
        return reminded.size();
    }

    private String text(String key, Object[] args) {
        return messages.getMessage(key, args, SWEDISH);
    }

    static Instant at(java.time.LocalDate day, java.time.LocalTime time) {
        return java.time.ZonedDateTime.of(day, time, SwedishTime.ZONE).toInstant();
    }
}
