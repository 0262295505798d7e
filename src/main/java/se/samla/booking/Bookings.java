package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * Booking facilities: the free times of a day, a booking under the resource's rules, and its cancellation. The rules are
 * checked here; that no two bookings ever share a unit at the same time is the database's (an exclusion constraint),
 * so concurrent bookers cannot both win.
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
            String status) {}

    /** The booking was refused: the message key says why. */
    static final class Refused extends RuntimeException {
        final String messageKey;

        Refused(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }
    }

    private final JdbcClient jdbc;
    private final Resources resources;
    private final AuditLog audit;
    private final Clock clock;

    Bookings(JdbcClient jdbc, Resources resources, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.audit = audit;
        this.clock = clock;
    }

    /** The resource's bookable times of a day, each free or taken. */
    @Transactional(readOnly = true)
    List<Time> day(Resource resource, LocalDate day) {
        var slots = Slots.of(day, resource.openingHours().get(day.getDayOfWeek()), resource.slotMinutes());
        if (slots.isEmpty()) {
            return List.of();
        }
        List<Instant[]> taken = jdbc.sql("""
                SELECT lower(during) AS starts, upper(during) AS ends FROM booking.occupancy
                WHERE active AND unit IN (:units) AND during && tstzrange(:from, :to)
                """)
                .param("units", resources.occupies(resource))
                .param("from", Timestamp.from(slots.get(0).start()))
                .param("to", Timestamp.from(slots.get(slots.size() - 1).end()))
                .query((rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()
                })
                .list();
        return slots.stream()
                .map(slot -> new Time(
                        slot,
                        taken.stream()
                                .noneMatch(t -> t[0].isBefore(slot.end())
                                        && slot.start().isBefore(t[1]))))
                .toList();
    }

    /**
     * Books one time of the resource for whom the resident acts for (themselves, or an organisation as its signatory).
     *
     * @throws Refused when the time is not one of the resource's, too soon, too far ahead, over the booker's hours of
     *     the week, acting for someone who cannot book, or taken
     */
    @Transactional
    Booking book(SignedInUser.Resident resident, Principal principal, Resource resource, Instant start) {
        if (principal.kind() == Principal.Kind.CHILD || principal.kind() == Principal.Kind.POWER_OF_ATTORNEY) {
            // a facility is booked by a person for themselves or by an association or company
            throw new Refused("booking.error.not-for-them");
        }
        LocalDate day = LocalDate.ofInstant(start, SwedishTime.ZONE);
        Slots.Slot slot =
                Slots.of(day, resource.openingHours().get(day.getDayOfWeek()), resource.slotMinutes()).stream()
                        .filter(s -> s.start().equals(start))
                        .findFirst()
                        .orElseThrow(() -> new Refused("booking.error.no-such-time"));
        Instant now = clock.instant();
        if (slot.start().isBefore(now.plus(Duration.ofHours(resource.minNoticeHours())))) {
            throw new Refused("booking.error.too-soon");
        }
        if (slot.start().isAfter(now.plus(Duration.ofDays(resource.horizonDays())))) {
            throw new Refused("booking.error.too-far");
        }
        // a non-profit association's organisation number begins with 8, a company's with 5 (or another group)
        Resource.BookerCategory category = !principal.isOrganisation()
                ? Resource.BookerCategory.RESIDENT
                : principal.identifier().startsWith("8")
                        ? Resource.BookerCategory.ASSOCIATION
                        : Resource.BookerCategory.COMPANY;
        if (hoursInWeek(resident, resource, day)
                        + Duration.between(slot.start(), slot.end()).toMinutes() / 60.0
                > resource.maxHoursPerWeek()) {
            throw new Refused("booking.error.week-full");
        }
        UUID id = UUID.randomUUID();
        double hours = Duration.between(slot.start(), slot.end()).toMinutes() / 60.0;
        int price = (int) Math.round(resource.prices().getOrDefault(category, 0) * hours);
        jdbc.sql("""
                INSERT INTO booking.booking (id, tenant_id, resource, starts_at, ends_at, booker_person_id, booker_name,
                    principal_kind, principal_identifier, principal_name, category, price_sek, status, created_at)
                VALUES (:id, :tenant, :resource, :starts, :ends, :person, :name, :kind, :identifier, :principalName,
                    :category, :price, 'CONFIRMED', :now)
                """)
                .param("id", id)
                .param("tenant", CurrentTenant.require().value())
                .param("resource", resource.code())
                .param("starts", Timestamp.from(slot.start()))
                .param("ends", Timestamp.from(slot.end()))
                .param("person", resident.personId())
                .param("name", resident.displayName())
                .param("kind", principal.kind().name())
                .param("identifier", principal.isSelf() ? null : principal.identifier())
                .param("principalName", principal.isSelf() ? null : principal.name())
                .param("category", category.name())
                .param("price", price)
                .param("now", Timestamp.from(now))
                .update();
        try {
            for (String unit : resources.occupies(resource)) {
                jdbc.sql("""
                        INSERT INTO booking.occupancy (tenant_id, booking_id, unit, during)
                        VALUES (:tenant, :booking, :unit, tstzrange(:starts, :ends))
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("booking", id)
                        .param("unit", unit)
                        .param("starts", Timestamp.from(slot.start()))
                        .param("ends", Timestamp.from(slot.end()))
                        .update();
            }
        } catch (DataIntegrityViolationException e) {
            // the exclusion constraint: someone else has it, or a part of it, at that time; the transaction rolls back
            throw new Refused("booking.error.taken");
        }
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "BOOKING_MADE",
                "booking",
                id.toString(),
                Map.of(
                        "resource",
                        resource.code(),
                        "principal",
                        principal.kind().name())));
        return new Booking(
                id,
                resource.code(),
                slot.start(),
                slot.end(),
                principal.isSelf() ? null : principal.name(),
                category,
                price,
                "CONFIRMED");
    }

    /** How many hours the booker has of this resource (or what shares its units) in the week of the day. */
    private double hoursInWeek(SignedInUser.Resident resident, Resource resource, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = monday.atStartOfDay(SwedishTime.ZONE).toInstant();
        Instant to = monday.plusWeeks(1).atStartOfDay(SwedishTime.ZONE).toInstant();
        Double minutes = jdbc.sql("""
                SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)) / 60, 0) FROM booking.booking
                WHERE booker_person_id = :person AND status = 'CONFIRMED' AND resource IN (:resources)
                  AND starts_at >= :from AND starts_at < :to
                """)
                .param("person", resident.personId())
                .param("resources", resources.sharing(CurrentTenant.require(), resource))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Double.class)
                .single();
        return minutes / 60.0;
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
        return jdbc.sql("""
                SELECT * FROM booking.booking WHERE booker_person_id = :person AND ends_at > :now
                ORDER BY starts_at
                """)
                .param("person", resident.personId())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Booking(
                        rs.getObject("id", UUID.class),
                        rs.getString("resource"),
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("principal_name"),
                        Resource.BookerCategory.valueOf(rs.getString("category")),
                        rs.getInt("price_sek"),
                        rs.getString("status")))
                .list();
    }

    /**
     * Cancels one of the resident's own bookings that has not begun: its time is free again at once.
     *
     * @return whether there was such a booking to cancel
     */
    @Transactional
    boolean cancel(SignedInUser.Resident resident, UUID id) {
        int cancelled = jdbc.sql("""
                UPDATE booking.booking SET status = 'CANCELLED', cancelled_at = :now
                WHERE id = :id AND booker_person_id = :person AND status = 'CONFIRMED' AND starts_at > :now
                """)
                .param("id", id)
                .param("person", resident.personId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (cancelled == 0) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()), "ACCESS_REFUSED", "booking", id.toString(), Map.of()));
            return false;
        }
        jdbc.sql("UPDATE booking.occupancy SET active = false WHERE booking_id = :id")
                .param("id", id)
                .update();
        audit.record(
                new AuditRecord(Actor.of(resident.auditId()), "BOOKING_CANCELLED", "booking", id.toString(), Map.of()));
        return true;
    }

    /** Which of the day's resources have a free time, for the search across resources. */
    @Transactional(readOnly = true)
    Set<String> withFreeTime(List<Resource> candidates, LocalDate day) {
        return candidates.stream()
                .filter(r -> day(r, day).stream().anyMatch(Time::free))
                .map(Resource::code)
                .collect(Collectors.toSet());
    }

    Optional<Resource> resource(String code) {
        return resources.of(CurrentTenant.require(), code);
    }

    List<Resource> resources() {
        return resources.of(CurrentTenant.require());
    }
}
