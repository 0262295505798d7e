package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.identity.Principal;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** A resource's rules for one time: whether it is one of its times, notice, horizon, hours a week, and the price. */
@Component
class BookingRules {

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Clock clock;

    BookingRules(JdbcClient jdbc, Resources resources, Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.clock = clock;
    }

    /** The resource's time that starts then, if it has one that day. */
    Optional<Slots.Slot> slot(Resource resource, Instant start) {
        LocalDate day = LocalDate.ofInstant(start, SwedishTime.ZONE);
        return Slots.of(day, resource.hoursOn(day), resource.slotMinutes()).stream()
                .filter(s -> s.start().equals(start))
                .findFirst();
    }

    /** Who books, for the price: a non-profit association's organisation number begins with 8, a company's not. */
    static Resource.BookerCategory category(Principal principal) {
        if (!principal.isOrganisation()) {
            return Resource.BookerCategory.RESIDENT;
        }
        return principal.identifier().startsWith("8")
                ? Resource.BookerCategory.ASSOCIATION
                : Resource.BookerCategory.COMPANY;
    }

    static int price(Resource resource, Resource.BookerCategory category, Slots.Slot slot) {
        double hours = Duration.between(slot.start(), slot.end()).toMinutes() / 60.0;
        return (int) Math.round(resource.prices().getOrDefault(category, 0) * hours);
    }

    /**
     * Checks one time against the rules for a booker.
     *
     * @param alsoThatWeek hours the booker is about to book in the same week besides this (the rest of a series)
     * @throws Bookings.Refused with the rule that is broken
     */
    void check(UUID person, Principal principal, Resource resource, Slots.Slot slot, double alsoThatWeek) {
        if (principal.kind() == Principal.Kind.CHILD || principal.kind() == Principal.Kind.POWER_OF_ATTORNEY) {
            // a facility is booked by a person for themselves or by an association or company
            throw new Bookings.Refused("booking.error.not-for-them");
        }
        Instant now = clock.instant();
        if (slot.start().isBefore(now.plus(Duration.ofHours(resource.minNoticeHours())))) {
            throw new Bookings.Refused("booking.error.too-soon");
        }
        if (slot.start().isAfter(now.plus(Duration.ofDays(resource.horizonDays())))) {
            throw new Bookings.Refused("booking.error.too-far");
        }
        double hours = Duration.between(slot.start(), slot.end()).toMinutes() / 60.0;
        if (hoursInWeek(person, resource, LocalDate.ofInstant(slot.start(), SwedishTime.ZONE)) + alsoThatWeek + hours
                > resource.maxHoursPerWeek()) {
            throw new Bookings.Refused("booking.error.week-full");
        }
    }

    /**
     * Holds the booker's other bookings back until this transaction ends, so two of their requests at once cannot both
     * pass the hours of the week.
     */
    void lockBooker(UUID person) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('booking.booker'), hashtext(:p))")
                .param("p", person.toString())
                .query()
                .listOfRows();
    }

    /** How many hours the booker holds of this resource (or what shares its units) in the week of the day. */
    double hoursInWeek(UUID person, Resource resource, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = monday.atStartOfDay(SwedishTime.ZONE).toInstant();
        Instant to = monday.plusWeeks(1).atStartOfDay(SwedishTime.ZONE).toInstant();
        Double minutes = jdbc.sql("""
                SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)) / 60, 0) FROM booking.booking
                WHERE tenant_id = :tenant AND booker_person_id = :person AND status IN (:holding) AND resource IN (:resources)
                  AND starts_at >= :from AND starts_at < :to
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("person", person)
                .param("holding", Ledger.HOLDING)
                .param("resources", resources.sharing(CurrentTenant.require(), resource))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Double.class)
                .single();
        return minutes / 60.0;
    }
}
