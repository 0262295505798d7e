package se.samla.sensors;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;

/**
 * A device's measurement over the last day, week or year, as a chart draws it: the day as 5-minute means of the
 * readings, the week from the hourly aggregates and the year from the daily ones, so each costs a few hundred rows
 * whatever the readings' rate.
 */
@Service
public class Series {

    /** How far back, and how wide each point is. */
    public enum Period {
        DAY(Duration.ofDays(1), Duration.ofMinutes(5)),
        WEEK(Duration.ofDays(7), Duration.ofHours(1)),
        YEAR(Duration.ofDays(365), Duration.ofDays(1));

        final Duration span;
        final Duration step;

        Period(Duration span, Duration step) {
            this.span = span;
            this.step = step;
        }
    }

    /** One point: the start of its interval, the mean, least and greatest value in it, and how many readings. */
    public record Point(Instant at, double mean, double min, double max, int n) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    Series(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A point whose interval starts at a moment: the columns start, mean, min, max and count. */
    private static Point timed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Point(
                rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5));
    }

    /** The points of the period that ends now, oldest first. */
    public List<Point> of(TenantId tenant, String device, String name, Period period, Instant now) {
        Instant from = now.minus(period.span);
        return transactions.read(tenant, () -> switch (period) {
            case DAY ->
                jdbc.sql("""
                            SELECT date_bin(interval '5 minutes', measured_at, timestamptz '2000-01-01') AS at,
                                   avg(value), min(value), max(value), count(*)
                            FROM sensors.reading
                            WHERE tenant_id = :tenant AND device = :d AND name = :n AND measured_at > :from AND measured_at <= :to
                              AND value IS NOT NULL
                            GROUP BY 1 ORDER BY 1
                            """)
                        .param("tenant", tenant.value())
                        .param("d", device)
                        .param("n", name)
                        .param("from", Timestamp.from(from))
                        .param("to", Timestamp.from(now))
                        .query(Series::timed)
                        .list();
            case WEEK ->
                jdbc.sql("""
                            SELECT hour, mean, min, max, n FROM sensors.reading_hour
                            WHERE tenant_id = :tenant AND device = :d AND name = :n AND hour > :from AND hour <= :to ORDER BY hour
                            """)
                        .param("tenant", tenant.value())
                        .param("d", device)
                        .param("n", name)
                        .param("from", Timestamp.from(from.minus(Duration.ofHours(1))))
                        .param("to", Timestamp.from(now))
                        .query(Series::timed)
                        .list();
            case YEAR ->
                jdbc.sql("""
                            SELECT day, mean, min, max, n FROM sensors.reading_day
                            WHERE tenant_id = :tenant AND device = :d AND name = :n AND day > :from AND day <= :to ORDER BY day
                            """)
                        .param("tenant", tenant.value())
                        .param("d", device)
                        .param("n", name)
                        .param("from", LocalDate.ofInstant(from, SwedishTime.ZONE))
                        .param("to", LocalDate.ofInstant(now, SwedishTime.ZONE))
                        .query((rs, i) -> new Point(
                                rs.getObject(1, LocalDate.class)
                                        .atStartOfDay(SwedishTime.ZONE)
                                        .toInstant(),
                                rs.getDouble(2),
                                rs.getDouble(3),
                                rs.getDouble(4),
                                rs.getInt(5)))
                        .list();
        });
    }
}
