package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/**
 * What a calendar app gets: a booker's bookings and meetings, or a resource's bookings, from a month back on, behind
 * the feed's secret address; and one booking as a file to open. Each read is audited, since a feed names people.
 */
@Service
class CalendarFeeds {

    private final Calendars calendars;
    private final Ledger ledger;
    private final Resources resources;
    private final BookingNotices notices;
    private final Meetings meetings;
    private final AuditLog audit;
    private final Clock clock;

    CalendarFeeds(
            Calendars calendars,
            Ledger ledger,
            Resources resources,
            BookingNotices notices,
            Meetings meetings,
            AuditLog audit,
            Clock clock) {
        this.calendars = calendars;
        this.ledger = ledger;
        this.resources = resources;
        this.notices = notices;
        this.meetings = meetings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The feed the token opens, as an iCalendar text; empty for a token that opens none. */
    @Transactional
    Optional<String> feed(String token) {
        var feed = calendars.feedOf(token);
        if (feed.isEmpty()) {
            return Optional.empty();
        }
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(31)));
        List<Calendars.Appointment> appointments = new ArrayList<>();
        String organiser;
        if (feed.get().personId() != null) {
            for (Ledger.Row row : ledger.query(
                    "booker_person_id = :p AND ends_at > :since AND status IN ('PENDING', 'CONFIRMED')",
                    Map.of("p", feed.get().personId(), "since", since))) {
                resources
                        .of(CurrentTenant.require(), row.resource())
                        .ifPresent(r -> appointments.add(notices.appointment(row, r)));
            }
            appointments.addAll(meetings.appointmentsOf(feed.get().personId()));
            organiser = notices.organiser(null);
        } else {
            Resource resource =
                    resources.of(CurrentTenant.require(), feed.get().resource()).orElse(null);
            if (resource == null) {
                return Optional.empty();
            }
            for (Ledger.Row row : ledger.query(
                    "resource = :r AND ends_at > :since AND status IN ('PENDING', 'CONFIRMED')",
                    Map.of("r", resource.code(), "since", since))) {
                appointments.add(notices.appointment(row, resource));
            }
            organiser = notices.organiser(resource);
        }
        audit.record(new AuditRecord(
                Actor.system("calendar-feed:" + feed.get().id()),
                "PERSONAL_DATA_READ",
                feed.get().personId() != null ? "person" : "resource",
                feed.get().personId() != null
                        ? feed.get().personId().toString()
                        : feed.get().resource(),
                Map.of("page", "kalenderflode")));
        return Optional.of(calendars.publish(appointments, organiser));
    }

    /** One of the resident's bookings as a calendar file; empty for anyone else's. */
    @Transactional(readOnly = true)
    Optional<String> booking(SignedInUser.Resident resident, UUID id) {
        return ledger.find(id)
                .filter(b -> b.personId().equals(resident.personId()))
                .flatMap(b -> resources
                        .of(CurrentTenant.require(), b.resource())
                        .map(r -> calendars.message(notices.appointment(b, r), !b.holds(), notices.organiser(r))));
    }
}
