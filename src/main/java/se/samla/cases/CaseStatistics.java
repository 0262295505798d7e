package se.samla.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/**
 * Case statistics per case type and month: received, decided, median and 90th percentile lead time in
 * days, and the share decided within the service norm. A count below the smallest group size, and every
 * figure derived from it, is left out, so no one can be singled out.
 */
@Service
public class CaseStatistics {

    /** One case type in one month; a null figure is suppressed (too few cases). */
    public record Row(
            String caseType,
            String month,
            Long received,
            Long decided,
            Double medianDays,
            Double p90Days,
            Double withinNorm) {}

    public record Version(long cases, Instant lastChange, Instant first) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CaseStatistics(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Version version() {
        return jdbc.queryForObject(
                "SELECT count(*), greatest(max(submitted_at), max(closed_at)), min(submitted_at) FROM cases.\"case\""
                        + " WHERE tenant_id = ?",
                (rs, n) -> new Version(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null
                                ? clock.instant()
                                : rs.getTimestamp(3).toInstant()),
                CurrentTenant.require().value());
    }

    /** Every case type and month with cases, oldest month first, with groups under {@code smallest} suppressed. */
    @Transactional(readOnly = true)
    public void forEach(int smallest, Consumer<Row> each) {
        // months are counted in SwedishTime.ZONE, which PostgreSQL knows by the same name
        jdbc.query(
                """
                WITH received AS (
                    SELECT case_type, to_char(submitted_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*) AS n
                    FROM cases."case" WHERE tenant_id = ? GROUP BY 1, 2),
                decided AS (
                    SELECT case_type, to_char(closed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - submitted_at) / 86400) AS median,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - submitted_at) / 86400) AS p90,
                           avg(CASE WHEN (closed_at AT TIME ZONE 'Europe/Stockholm')::date <= planned_decision_on THEN 1.0 ELSE 0.0 END) AS within
                    FROM cases."case" WHERE tenant_id = ? AND closed_at IS NOT NULL GROUP BY 1, 2)
                SELECT coalesce(r.case_type, d.case_type), coalesce(r.month, d.month), r.n, d.n, d.median, d.p90, d.within
                FROM received r FULL JOIN decided d ON d.case_type = r.case_type AND d.month = r.month
                ORDER BY 2, 1
                """,
                rs -> {
                    long received = rs.getLong(3);
                    long decided = rs.getLong(4);
                    boolean showDecided = decided >= smallest;
                    each.accept(new Row(
                            rs.getString(1),
                            rs.getString(2),
                            received >= smallest ? received : null,
                            showDecided ? decided : null,
                            showDecided ? round(rs.getDouble(5)) : null,
                            showDecided ? round(rs.getDouble(6)) : null,
                            showDecided ? round(rs.getDouble(7)) : null));
                },
                CurrentTenant.require().value(),
                CurrentTenant.require().value());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
