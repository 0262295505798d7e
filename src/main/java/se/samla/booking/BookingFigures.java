package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * What booking tells the public and management, without anyone's name: the facilities' free times, and how much of
 * their open time was booked per month.
 */
@Service
public class BookingFigures {

    /** A free time of a facility. */
    public record FreeTime(Resource resource, Instant start, Instant end) {}

    /**
     * How much of a facility's open hours in a month were booked (confirmed, not cancelled or released).
     *
     * @param month yyyy-MM
     */
    public record Utilisation(Resource resource, String month, double bookedHours, double openHours) {

        public double share() {
            return openHours == 0 ? 0 : Math.min(1, bookedHours / openHours);
        }
    }

    /** A version that changes whenever a booking does (made, moved, decided, taken up, ended), and when it last did. */
    public record Version(String version, Instant lastChange) {}

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Bookings bookings;
    private final Clock clock;

    BookingFigures(JdbcClient jdbc, Resources resources, Bookings bookings, Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** The current tenant's resources. */
    public List<Resource> resources() {
        return resources.of(CurrentTenant.require());
    }

    /** Every free time of every facility from today for the given number of days. */
    @Transactional(readOnly = true)
    public List<FreeTime> freeTimes(int days) {
        LocalDate today = LocalDate.now(clock.withZone(SwedishTime.ZONE));
        Instant now = clock.instant();
        List<FreeTime> free = new ArrayList<>();
        for (Resource resource : resources()) {
            // one look at the database per facility for the whole period
            for (List<Bookings.Time> day : bookings.days(resource, today, days).values()) {
                for (Bookings.Time time : day) {
                    if (time.free() && time.slot().start().isAfter(now)) {
                        free.add(new FreeTime(
                                resource, time.slot().start(), time.slot().end()));
                    }
                }
            }
        }
        return free;
    }

    /** Each facility's booked and open hours per month, from a year back to the next month (booked ahead). */
    @Transactional(readOnly = true)
    public List<Utilisation> utilisation() {
        YearMonth current = YearMonth.now(clock.withZone(SwedishTime.ZONE)).plusMonths(1);
        YearMonth first = current.minusMonths(12);
        Instant from = first.atDay(1).atStartOfDay(SwedishTime.ZONE).toInstant();
        Instant to =
                current.plusMonths(1).atDay(1).atStartOfDay(SwedishTime.ZONE).toInstant();
        Map<String, Double> booked = new HashMap<>();
        jdbc.sql("""
                SELECT resource, to_char(starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month,
                    sum(extract(epoch FROM ends_at - starts_at)) / 3600 AS hours
                FROM booking.booking
                WHERE tenant_id = :tenant AND status = 'CONFIRMED' AND starts_at >= :from AND starts_at < :to
                GROUP BY resource, month
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(rs -> {
                    booked.put(rs.getString("resource") + "|" + rs.getString("month"), rs.getDouble("hours"));
                });
        List<Utilisation> rows = new ArrayList<>();
        for (Resource resource : resources()) {
            for (YearMonth month = first; !month.isAfter(current); month = month.plusMonths(1)) {
                double open = 0;
                for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                    for (Slots.Slot slot : Slots.of(day, resource.hoursOn(day), resource.slotMinutes())) {
                        open += Duration.between(slot.start(), slot.end()).toMinutes() / 60.0;
                    }
                }
                rows.add(new Utilisation(
                        resource, month.toString(), booked.getOrDefault(resource.code() + "|" + month, 0.0), open));
            }
        }
        return rows;
    }

    /** Changes whenever a booking is made or ends. */
    @Transactional(readOnly = true)
    public Version version() {
        return jdbc.sql("""
                SELECT count(*) || '.' || coalesce(sum(sequence), 0) || '.' || coalesce(sum(hashtext(status)), 0)
                        || '.' || coalesce(sum(hashtext(starts_at::text)), 0) AS version,
                    greatest(max(created_at), max(cancelled_at), max(decided_at), max(accepted_at)) AS last
                FROM booking.booking WHERE tenant_id = :tenant
                """)
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new Version(
                        rs.getString("version"),
                        rs.getTimestamp("last") == null
                                ? Instant.EPOCH
                                : rs.getTimestamp("last").toInstant()))
                .single();
    }
}
