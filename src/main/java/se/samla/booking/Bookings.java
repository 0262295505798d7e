package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * Booking facilities: the free times of a day, a booking or a weekly series under the resource's rules, changing and
 * cancelling, and staff's approval where the resource wants it. The rules are checked here; that no two bookings ever
 * share a unit at the same time is the database's (an exclusion constraint), so concurrent bookers cannot both win.
 */
@Service
public class Bookings {

    /** A time of the day's view: free, or taken (by anyone: who is not shown). */
    record Time(Slots.Slot slot, boolean free) {}

    /** A booking as its booker sees it. */
    record Booking(
            UUID id,
            String resource,
            Instant startsAt,
            Instant endsAt,
            String principalName,
            Resource.BookerCategory category,
            int priceSek,
            String status,
            UUID seriesId,
            Instant offerExpiresAt) {

        static Booking of(Ledger.Row row) {
            return new Booking(
                    row.id(),
                    row.resource(),
                    row.startsAt(),
                    row.endsAt(),
                    row.principalName(),
                    row.category(),
                    row.priceSek(),
                    row.status(),
                    row.seriesId(),
                    row.offerExpiresAt());
        }
    }

    /** One week's time of a series as it would be booked: free, or why not. */
    record Occurrence(Instant start, Instant end, String refusal) {
        boolean bookable() {
            return refusal == null;
        }
    }

    /** A weekly series asked for: a resource's time on one weekday, from one date to another. */
    record SeriesRequest(Resource resource, DayOfWeek weekday, LocalTime start, LocalDate from, LocalDate to) {}

    /** What a series came to: the bookings made, and the weeks left out (taken, or against the rules). */
    record SeriesResult(UUID seriesId, List<Booking> booked, List<Occurrence> notBooked) {}

    /** The booking was refused: the message key says why. */
    static final class Refused extends RuntimeException {
        final String messageKey;

        Refused(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }
    }

    /** The longest series: a season is at most a year. */
    static final int MAX_WEEKS = 53;

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Ledger ledger;
    private final BookingRules rules;
    private final BookingFollowUp followUp;
    private final AuditLog audit;
    private final Clock clock;

    Bookings(
            JdbcClient jdbc,
            Resources resources,
            Ledger ledger,
            BookingRules rules,
            BookingFollowUp followUp,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.ledger = ledger;
        this.rules = rules;
        this.followUp = followUp;
        this.audit = audit;
        this.clock = clock;
    }

    /** The resource's bookable times of a day, each free or taken. */
    @Transactional(readOnly = true)
    List<Time> day(Resource resource, LocalDate day) {
        var slots = Slots.of(day, resource.hoursOn(day), resource.slotMinutes());
        if (slots.isEmpty()) {
            return List.of();
        }
        var taken = taken(
                resources.occupies(resource),
                slots.get(0).start(),
                slots.get(slots.size() - 1).end());
        return times(resource, slots, taken);
    }

    /** The resource's times of the seven days from the given one, for the week view. */
    Map<LocalDate, List<Time>> week(Resource resource, LocalDate first) {
        return days(resource, first, 7);
    }

    /** The resource's times of a number of days from the given one: one look at the database. */
    @Transactional(readOnly = true)
    Map<LocalDate, List<Time>> days(Resource resource, LocalDate first, int count) {
        var taken = taken(
                resources.occupies(resource),
                first.atStartOfDay(SwedishTime.ZONE).toInstant(),
                first.plusDays(count + 1L).atStartOfDay(SwedishTime.ZONE).toInstant());
        Map<LocalDate, List<Time>> week = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = first.plusDays(i);
            week.put(day, times(resource, Slots.of(day, resource.hoursOn(day), resource.slotMinutes()), taken));
        }
        return week;
    }

    private List<Time> times(Resource resource, List<Slots.Slot> slots, Map<String, List<Instant[]>> taken) {
        List<Instant[]> mine = resources.occupies(resource).stream()
                .flatMap(unit -> taken.getOrDefault(unit, List.of()).stream())
                .toList();
        return slots.stream()
                .map(slot -> new Time(slot, mine.stream().noneMatch(t -> overlaps(t, slot))))
                .toList();
    }

    /** The times the units are taken between two instants, by unit. */
    private Map<String, List<Instant[]>> taken(java.util.Collection<String> units, Instant from, Instant to) {
        Map<String, List<Instant[]>> taken = new HashMap<>();
        if (units.isEmpty()) {
            return taken;
        }
        jdbc.sql("""
                SELECT unit, lower(during) AS starts, upper(during) AS ends FROM booking.occupancy
                WHERE tenant_id = :tenant AND active AND unit IN (:units) AND during && tstzrange(:from, :to)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(rs -> {
                    taken.computeIfAbsent(rs.getString(1), u -> new ArrayList<>())
                            .add(new Instant[] {
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()
                            });
                });
        return taken;
    }

    private List<Instant[]> taken(Resource resource, Instant from, Instant to) {
        return taken(resources.occupies(resource), from, to).values().stream()
                .flatMap(List::stream)
                .toList();
    }

    private static boolean overlaps(Instant[] taken, Slots.Slot slot) {
        return taken[0].isBefore(slot.end()) && slot.start().isBefore(taken[1]);
    }

    /**
     * Books one time of the resource for whom the resident acts for (themselves, or an organisation as its signatory).
     * A resource that wants approval holds the time while its staff decide.
     *
     * @throws Refused when the time is not one of the resource's, too soon, too far ahead, over the booker's hours of
     *     the week, acting for someone who cannot book, or taken
     */
    @Transactional
    Booking book(SignedInUser.Resident resident, Principal principal, Resource resource, Instant start) {
        Slots.Slot slot = rules.slot(resource, start).orElseThrow(() -> new Refused("booking.error.no-such-time"));
        rules.lockBooker(resident.personId());
        rules.check(resident.personId(), principal, resource, slot, 0);
        var category = BookingRules.category(principal);
        String status = resource.approval() ? "PENDING" : "CONFIRMED";
        UUID id = ledger.take(
                        booker(resident, principal),
                        resource,
                        resources.occupies(resource),
                        slot.start(),
                        slot.end(),
                        category,
                        BookingRules.price(resource, category, slot),
                        status,
                        null,
                        null,
                        clock.instant())
                .orElseThrow(() -> new Refused("booking.error.taken"));
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "BOOKING_MADE",
                "booking",
                id.toString(),
                Map.of(
                        "resource",
                        resource.code(),
                        "principal",
                        principal.kind().name(),
                        "status",
                        status)));
        Ledger.Row row = ledger.find(id).orElseThrow();
        if (resource.approval()) {
            followUp.pending(row);
        } else {
            followUp.confirmed(row, BookingNotices.Kind.CONFIRMED);
        }
        return Booking.of(row);
    }

    /**
     * The weeks of a series as they stand now, each bookable or with the reason it is not (taken, closed that day,
     * too soon, over the hours of the week), for the booker to see before confirming.
     */
    @Transactional(readOnly = true)
    List<Occurrence> preview(SignedInUser.Resident resident, Principal principal, SeriesRequest request) {
        if (request.to().isBefore(request.from())) {
            throw new Refused("booking.error.series-order");
        }
        List<Occurrence> occurrences = new ArrayList<>();
        Map<Integer, Double> hoursByWeek = new HashMap<>();
        LocalDate day = request.from().with(TemporalAdjusters.nextOrSame(request.weekday()));
        for (; !day.isAfter(request.to()); day = day.plusWeeks(1)) {
            if (occurrences.size() >= MAX_WEEKS) {
                throw new Refused("booking.error.series-too-long");
            }
            Instant start = java.time.ZonedDateTime.of(day, request.start(), SwedishTime.ZONE)
                    .toInstant();
            var slot = rules.slot(request.resource(), start);
            if (slot.isEmpty()) {
                occurrences.add(new Occurrence(
                        start,
                        start.plus(Duration.ofMinutes(request.resource().slotMinutes())),
                        "booking.error.closed"));
                continue;
            }
            int week = day.get(WeekFields.ISO.weekOfWeekBasedYear()) + 100 * day.get(WeekFields.ISO.weekBasedYear());
            String refusal = null;
            try {
                rules.check(
                        resident.personId(),
                        principal,
                        request.resource(),
                        slot.get(),
                        hoursByWeek.getOrDefault(week, 0.0));
                if (!taken(request.resource(), slot.get().start(), slot.get().end())
                        .isEmpty()) {
                    refusal = "booking.error.taken";
                }
            } catch (Refused refused) {
                refusal = refused.messageKey;
            }
            if (refusal == null) {
                hoursByWeek.merge(
                        week,
                        Duration.between(slot.get().start(), slot.get().end()).toMinutes() / 60.0,
                        Double::sum);
            }
            occurrences.add(new Occurrence(slot.get().start(), slot.get().end(), refusal));
        }
        if (occurrences.isEmpty()) {
            throw new Refused("booking.error.series-empty");
        }
        return occurrences;
    }

    /**
     * Books the bookable weeks of a series in one go. A week taken since the preview is left out and said so, the
     * others are booked: a series is one letter and one decision, not fifty.
     */
    @Transactional
    SeriesResult bookSeries(SignedInUser.Resident resident, Principal principal, SeriesRequest request) {
        rules.lockBooker(resident.personId());
        List<Occurrence> occurrences = preview(resident, principal, request);
        Resource resource = request.resource();
        var category = BookingRules.category(principal);
        String status = resource.approval() ? "PENDING" : "CONFIRMED";
        UUID seriesId = UUID.randomUUID();
        Instant now = clock.instant();
        List<Ledger.Row> booked = new ArrayList<>();
        List<Occurrence> notBooked = new ArrayList<>();
        for (Occurrence occurrence : occurrences) {
            if (!occurrence.bookable()) {
                notBooked.add(occurrence);
                continue;
            }
            Slots.Slot slot = new Slots.Slot(occurrence.start(), occurrence.end());
            var id = ledger.take(
                    booker(resident, principal),
                    resource,
                    resources.occupies(resource),
                    slot.start(),
                    slot.end(),
                    category,
                    BookingRules.price(resource, category, slot),
                    status,
                    seriesId,
                    null,
                    now);
            if (id.isPresent()) {
                booked.add(ledger.find(id.get()).orElseThrow());
            } else {
                notBooked.add(new Occurrence(occurrence.start(), occurrence.end(), "booking.error.taken"));
            }
        }
        if (booked.isEmpty()) {
            throw new Refused("booking.error.series-none-free");
        }
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "BOOKING_SERIES_MADE",
                "booking-series",
                seriesId.toString(),
                Map.of(
                        "resource", resource.code(),
                        "booked", String.valueOf(booked.size()),
                        "left-out", String.valueOf(notBooked.size()),
                        "status", status)));
        followUp.series(booked, notBooked.stream().map(Occurrence::start).toList(), resource.approval());
        return new SeriesResult(seriesId, booked.stream().map(Booking::of).toList(), notBooked);
    }

    /**
     * Moves one of the resident's bookings to another time of the same resource: the new time is taken before the old
     * is let go, so the booker never ends up with neither.
     *
     * @throws Refused when the new time cannot be booked; the old booking then stands
     */
    @Transactional
    Booking change(SignedInUser.Resident resident, UUID id, Instant newStart) {
        rules.lockBooker(resident.personId());
        Ledger.Row old = ledger.lock(id)
                .filter(b -> b.personId().equals(resident.personId()))
                .filter(b -> b.status().equals("CONFIRMED") || b.status().equals("PENDING"))
                .filter(b -> b.startsAt().isAfter(clock.instant()))
                .orElseThrow(() -> new Refused("booking.error.not-yours"));
        Resource resource =
                resources.of(CurrentTenant.require(), old.resource()).orElseThrow();
        Slots.Slot slot = rules.slot(resource, newStart).orElseThrow(() -> new Refused("booking.error.no-such-time"));
        Principal principal = principalOf(old);
        double hours = Duration.between(old.startsAt(), old.endsAt()).toMinutes() / 60.0;
        boolean sameWeek = LocalDate.ofInstant(old.startsAt(), SwedishTime.ZONE)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .equals(LocalDate.ofInstant(newStart, SwedishTime.ZONE)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        // the old time still counts in its week while the rules are checked: in the same week it is given back
        rules.check(resident.personId(), principal, resource, slot, sameWeek ? -hours : 0);
        // the booking's own occupancies move in one statement, so a move by half an hour may overlap its old time;
        // when the new time is taken the transaction rolls back and the old booking stands
        try {
            jdbc.sql(
                            "UPDATE booking.occupancy SET during = tstzrange(:starts, :ends) WHERE tenant_id = :tenant AND booking_id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("starts", Timestamp.from(slot.start()))
                    .param("ends", Timestamp.from(slot.end()))
                    .param("id", id)
                    .update();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new Refused("booking.error.taken");
        }
        int price = BookingRules.price(resource, old.category(), slot);
        // where the facility wants approval, a moved booking is a new request: its unit decides the new time again
        String status = resource.approval() ? "PENDING" : old.status();
        jdbc.sql("""
                UPDATE booking.booking SET starts_at = :starts, ends_at = :ends, price_sek = :price, status = :status,
                    sequence = sequence + 1 WHERE tenant_id = :tenant AND id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("starts", Timestamp.from(slot.start()))
                .param("ends", Timestamp.from(slot.end()))
                .param("price", price)
                .param("status", status)
                .param("id", id)
                .update();
        audit.record(
                new AuditRecord(Actor.of(resident.auditId()), "BOOKING_CHANGED", "booking", id.toString(), Map.of()));
        Ledger.Row moved = ledger.find(id).orElseThrow();
        followUp.moved(old, moved);
        return Booking.of(moved);
    }

    /**
     * Cancels one of the resident's own bookings that has not begun (or a whole series' remaining weeks): the time is
     * free again at once and offered to whoever waits for it.
     *
     * @return how many bookings were cancelled; 0 when there was no such booking of theirs
     */
    @Transactional
    int cancel(SignedInUser.Resident resident, UUID id, boolean wholeSeries) {
        var found = ledger.lock(id).filter(b -> b.personId().equals(resident.personId()));
        if (found.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()), "ACCESS_REFUSED", "booking", id.toString(), Map.of()));
            return 0;
        }
        List<Ledger.Row> toCancel = wholeSeries && found.get().seriesId() != null
                ? ledger.query(
                        "series_id = :series AND booker_person_id = :person",
                        Map.of("series", found.get().seriesId(), "person", resident.personId()))
                : List.of(found.get());
        Instant now = clock.instant();
        List<Ledger.Row> ended = new ArrayList<>();
        for (Ledger.Row row : toCancel) {
            if (!row.startsAt().isAfter(now) || row.status().equals("OFFERED")) {
                continue;
            }
            if (ledger.end(row.id(), List.of("CONFIRMED", "PENDING"), "CANCELLED", now)) {
                audit.record(new AuditRecord(
                        Actor.of(resident.auditId()),
                        "BOOKING_CANCELLED",
                        "booking",
                        row.id().toString(),
                        Map.of()));
                ended.add(ledger.find(row.id()).orElseThrow());
            }
        }
        if (ended.size() == 1 && (!wholeSeries || ended.get(0).seriesId() == null)) {
            followUp.ended(ended.get(0), BookingNotices.Kind.CANCELLED, null);
        } else if (!ended.isEmpty()) {
            followUp.endedSeries(ended);
        }
        int cancelled = ended.size();
        return cancelled;
    }

    /** The resident's own bookings, from today on, audited as a read of their data. */
    @Transactional
    List<Booking> of(SignedInUser.Resident resident) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                Map.of("page", "bokningar")));
        return ledger
                .query(
                        "booker_person_id = :person AND ends_at > :now AND status NOT IN ('EXPIRED')",
                        Map.of("person", resident.personId(), "now", Timestamp.from(clock.instant())))
                .stream()
                .map(Booking::of)
                .toList();
    }

    /** A booking waiting for approval, as staff of its unit see it. */
    record Pending(
            UUID id,
            String resource,
            Instant startsAt,
            Instant endsAt,
            String bookerName,
            String principalName,
            Resource.BookerCategory category,
            int priceSek,
            UUID seriesId) {}

    /** The bookings waiting for approval of the resources of the units the staff member works in. */
    @Transactional
    List<Pending> pending(SignedInUser.Staff staff) {
        List<String> mine = resources.of(CurrentTenant.require()).stream()
                .filter(r -> staff.hasRole(r.unit(), StaffRole.CASE_OFFICER)
                        || staff.hasRole(r.unit(), StaffRole.ADMINISTRATOR))
                .map(Resource::code)
                .toList();
        if (mine.isEmpty()) {
            return List.of();
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "PERSONAL_DATA_READ", "booking", "pending", Map.of("page", "bokningar")));
        return ledger.query("status = 'PENDING' AND resource IN (:resources)", Map.of("resources", mine)).stream()
                .map(r -> new Pending(
                        r.id(),
                        r.resource(),
                        r.startsAt(),
                        r.endsAt(),
                        r.bookerName(),
                        r.principalName(),
                        r.category(),
                        r.priceSek(),
                        r.seriesId()))
                .toList();
    }

    /**
     * Approves or rejects a pending booking (with the rest of its series that still waits), by staff of the
     * resource's unit. A rejection frees the time and gives the reason to the booker.
     *
     * @return how many bookings were decided; 0 when there is no such pending booking the staff member may decide
     */
    @Transactional
    int decide(SignedInUser.Staff staff, UUID id, boolean approve, String reason) {
        var found = ledger.lock(id).filter(b -> b.status().equals("PENDING"));
        Optional<Resource> resource = found.flatMap(b -> resources.of(CurrentTenant.require(), b.resource()));
        if (resource.isEmpty()
                || !(staff.hasRole(resource.get().unit(), StaffRole.CASE_OFFICER)
                        || staff.hasRole(resource.get().unit(), StaffRole.ADMINISTRATOR))) {
            audit.record(
                    new AuditRecord(Actor.of(staff.auditId()), "ACCESS_REFUSED", "booking", id.toString(), Map.of()));
            return 0;
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw new Refused("booking.error.reason-needed");
        }
        List<Ledger.Row> rows = found.get().seriesId() == null
                ? List.of(found.get())
                : ledger.query(
                        "series_id = :series AND status = 'PENDING'",
                        Map.of("series", found.get().seriesId()));
        Instant now = clock.instant();
        int decided = 0;
        for (Ledger.Row row : rows) {
            boolean done = approve
                    ? ledger.move(row.id(), "PENDING", "CONFIRMED")
                    : ledger.end(row.id(), List.of("PENDING"), "REJECTED", now);
            if (!done) {
                continue;
            }
            jdbc.sql(
                            "UPDATE booking.booking SET decided_by = :by, decided_at = :now, decision_reason = :reason WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("by", staff.auditId())
                    .param("now", Timestamp.from(now))
                    .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
                    .param("id", row.id())
                    .update();
            decided++;
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                approve ? "BOOKING_APPROVED" : "BOOKING_REJECTED",
                "booking",
                id.toString(),
                Map.of("bookings", String.valueOf(decided))));
        List<Ledger.Row> after =
                rows.stream().map(r -> ledger.find(r.id()).orElseThrow()).toList();
        if (approve) {
            followUp.approved(
                    after.stream().filter(r -> r.status().equals("CONFIRMED")).toList());
        } else {
            followUp.rejected(
                    after.stream().filter(r -> r.status().equals("REJECTED")).toList(), reason.strip());
        }
        return decided;
    }

    /** Which of the day's resources have a free time, for the search across resources: one look at the database. */
    @Transactional(readOnly = true)
    Set<String> withFreeTime(List<Resource> candidates, LocalDate day, LocalTime from, LocalTime to) {
        var taken = taken(
                candidates.stream().flatMap(r -> resources.occupies(r).stream()).collect(Collectors.toSet()),
                day.atStartOfDay(SwedishTime.ZONE).toInstant(),
                day.plusDays(1).atStartOfDay(SwedishTime.ZONE).plusHours(1).toInstant());
        return candidates.stream()
                .filter(r -> times(r, Slots.of(day, r.hoursOn(day), r.slotMinutes()), taken).stream()
                        .anyMatch(t -> t.free() && within(t.slot(), from, to)))
                .map(Resource::code)
                .collect(Collectors.toSet());
    }

    private static boolean within(Slots.Slot slot, LocalTime from, LocalTime to) {
        LocalTime start = slot.start().atZone(SwedishTime.ZONE).toLocalTime();
        return (from == null || !start.isBefore(from)) && (to == null || start.isBefore(to));
    }

    Optional<Resource> resource(String code) {
        return resources.of(CurrentTenant.require(), code);
    }

    List<Resource> resources() {
        return resources.of(CurrentTenant.require());
    }

    static Ledger.Booker booker(SignedInUser.Resident resident, Principal principal) {
        return new Ledger.Booker(
                resident.personId(),
                resident.displayName(),
                resident.identityNumber().digits(),
                principal.kind().name(),
                principal.isSelf() ? null : principal.identifier(),
                principal.isSelf() ? null : principal.name());
    }

    private static Principal principalOf(Ledger.Row row) {
        return new Principal(
                Principal.Kind.valueOf(row.principalKind()),
                row.principalIdentifier() == null ? "" : row.principalIdentifier(),
                row.principalName(),
                null,
                null);
    }
}
