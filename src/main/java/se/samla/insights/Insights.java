package se.samla.insights;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The management figures of some units over some months, from insights' own projection: inflow by the month cases
 * came in; decisions, lead times and the share decided within the service norm and the legal limit by the month they
 * were decided; the open backlog now by age; and the channels cases came through. Months and days are Swedish.
 */
@Service
public class Insights {

    /**
     * One case type's month.
     *
     * @param medianDays lead time from submission to decision, in days; null when none was decided
     * @param withinNorm decided by the day the service norm promised
     * @param withinLimit decided by the last day the law allows
     */
    public record Month(
            String caseType,
            YearMonth month,
            long inflow,
            long decided,
            Double medianDays,
            Double p90Days,
            long withinNorm,
            long withinLimit,
            long completionRequests) {}

    /** One case type's open cases now, by how long they have been open. */
    public record Backlog(
            String caseType, long open, long upTo7, long upTo30, long upTo90, long over90, long pastNorm) {}

    /** How many cases came in through each channel in a month. */
    public record Channels(YearMonth month, Map<String, Long> byChannel) {}

    public record Figures(List<Month> months, List<Backlog> backlog, List<Channels> channels) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final se.samla.tenancy.Tenants tenants;
    private final se.samla.catalog.Catalog catalog;

    private final se.samla.platform.TenantTransactions transactions;
    private final MonthFigures monthFigures;

    Insights(
            MonthFigures monthFigures,
            JdbcClient jdbc,
            Clock clock,
            se.samla.tenancy.Tenants tenants,
            se.samla.catalog.Catalog catalog,
            se.samla.platform.TenantTransactions transactions) {
        this.monthFigures = monthFigures;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tenants = tenants;
        this.catalog = catalog;
    }

    /**
     * The units whose figures the staff member sees: those they manage and their sections. Refused (403) when they
     * manage none.
     */
    public List<String> managedUnits(se.samla.identity.SignedInUser.Staff staff) {
        var managed = new java.util.HashSet<String>();
        staff.rolesByUnit().forEach((unit, roles) -> {
            if (roles.contains(se.samla.identity.StaffRole.MANAGER)) {
                managed.add(unit);
            }
        });
        if (managed.isEmpty()) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.FORBIDDEN);
        }
        return tenants.unitsReachedFrom(se.samla.shared.CurrentTenant.require(), managed);
    }

    /**
     * The manager's figures: their units, and the case types their clearance reaches (a month's count of a secret case
     * type can point to a person: a single case, its channel and its lead time).
     */
    public Figures forManager(se.samla.identity.SignedInUser.Staff staff, YearMonth from, YearMonth to) {
        List<String> units = managedUnits(staff);
        List<String> types = countedTypes(staff);
        var tenant = se.samla.shared.CurrentTenant.require();
        // managers asking for the same figures share one reading, made again in the background once it is ten seconds
        // old: no one waits for it but the first to ask (or the first after a minute unasked). Those who wait hold no
        // database connection; only the reading does, in its own transaction.
        return recent.get(new Asked(tenant, units, types, from, to));
    }

    /** What figures were asked for, as the key of the figures kept for a few seconds. */
    private record Asked(
            se.samla.shared.TenantId tenant, List<String> units, List<String> types, YearMonth from, YearMonth to) {}

    /** How old figures may be before they are read anew (in the background, while they are still shown). */
    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(10);

    /** Figures nobody asked for again within this are forgotten, and read while the next asker waits. */
    static final java.time.Duration KEPT = java.time.Duration.ofMinutes(1);

    private final com.github.benmanes.caffeine.cache.LoadingCache<Asked, Figures> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .refreshAfterWrite(FRESH)
                    .expireAfterWrite(KEPT)
                    .maximumSize(1_000)
                    .build(asked -> se.samla.shared.CurrentTenant.callAs(
                            asked.tenant(), () -> of(asked.units(), asked.types(), asked.from(), asked.to())));

    /** The case types a manager's figures count: those their clearance reaches. */
    List<String> countedTypes(se.samla.identity.SignedInUser.Staff staff) {
        return catalog.current(se.samla.shared.CurrentTenant.require()).stream()
                .filter(t -> staff.clearance()
                        .reaches(t.definition().confidentiality().level()))
                .map(t -> t.code())
                .toList();
    }

    /**
     * The figures of the current tenant's units and case types, for the months {@code from} to {@code to} inclusive:
     * the months changed since they were last counted are counted first, so the figures are those of the facts now.
     * Call outside any transaction.
     */
    public Figures of(List<String> units, List<String> caseTypes, YearMonth from, YearMonth to) {
        if (units.isEmpty() || caseTypes.isEmpty()) {
            return new Figures(List.of(), List.of(), List.of());
        }
        var tenant = se.samla.shared.CurrentTenant.require();
        monthFigures.bringUpToDate(tenant);
        return transactions.read(tenant, () -> read(units, caseTypes, from, to));
    }

    /** The figures from the months as counted, and the backlog as it is now. */
    private Figures read(List<String> units, List<String> caseTypes, YearMonth from, YearMonth to) {
        java.sql.Date first = java.sql.Date.valueOf(from.atDay(1));
        java.sql.Date last = java.sql.Date.valueOf(to.atDay(1));
        Map<String, Month> months = new TreeMap<>();
        List<String[]> spread = new ArrayList<>();
        jdbc.sql("""
                        SELECT case_type, to_char(month, 'YYYY-MM'), sum(inflow), sum(decided), sum(within_norm),
                               sum(within_limit), sum(completion_requests), count(*) FILTER (WHERE decided > 0),
                               max(median_seconds), max(p90_seconds)
                        FROM insights.month_figure
                        WHERE tenant_id = :tenant AND unit IN (:units) AND case_type IN (:types) AND month >= :first
                          AND month <= :last
                        GROUP BY 1, 2
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("types", caseTypes)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> {
                    long decided = rs.getLong(4);
                    if (rs.getLong(8) > 1) {
                        // decided in more than one of the units: their percentiles do not add up, so they are taken
                        // from the facts of that month
                        spread.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                    return months.put(
                            rs.getString(1) + "|" + rs.getString(2),
                            new Month(
                                    rs.getString(1),
                                    YearMonth.parse(rs.getString(2)),
                                    rs.getLong(3),
                                    decided,
                                    decided == 0 ? null : rs.getDouble(9) / 86400,
                                    decided == 0 ? null : rs.getDouble(10) / 86400,
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getLong(7)));
                })
                .list();
        if (!spread.isEmpty()) {
            jdbc.sql("""
                            WITH k AS (
                                SELECT k.case_type, k.month,
                                       CAST(k.month AS timestamp) AT TIME ZONE 'Europe/Stockholm' AS starts,
                                       CAST(k.month + interval '1 month' AS timestamp) AT TIME ZONE 'Europe/Stockholm'
                                           AS ends
                                FROM unnest(CAST(:types AS text[]), CAST(:months AS date[])) AS k(case_type, month)
                            )
                            SELECT k.case_type, to_char(k.month, 'YYYY-MM'),
                                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.decided_at - f.submitted_at)),
                                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM f.decided_at - f.submitted_at))
                            FROM k JOIN insights.case_fact f ON f.tenant_id = :tenant AND f.case_type = k.case_type
                                AND f.unit IN (:units)
                                AND f.decided_at >= k.starts AND f.decided_at < k.ends
                            GROUP BY 1, 2
                            """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("types", spread.stream().map(t -> t[0]).toArray(String[]::new))
                    .param("months", spread.stream().map(t -> t[1] + "-01").toArray(String[]::new))
                    .param("units", units)
                    .query((rs, n) -> {
                        String key = rs.getString(1) + "|" + rs.getString(2);
                        Month counted = months.get(key);
                        return months.put(
                                key,
                                new Month(
                                        counted.caseType(),
                                        counted.month(),
                                        counted.inflow(),
                                        counted.decided(),
                                        rs.getDouble(3) / 86400,
                                        rs.getDouble(4) / 86400,
                                        counted.withinNorm(),
                                        counted.withinLimit(),
                                        counted.completionRequests()));
                    })
                    .list();
        }
        Instant now = clock.instant();
        List<Backlog> backlog = jdbc.sql("""
                        SELECT case_type, count(*),
                               count(*) FILTER (WHERE submitted_at > CAST(:now AS timestamptz) - interval '7 days'),
                               count(*) FILTER (WHERE submitted_at <= CAST(:now AS timestamptz) - interval '7 days'
                                                  AND submitted_at > CAST(:now AS timestamptz) - interval '30 days'),
                               count(*) FILTER (WHERE submitted_at <= CAST(:now AS timestamptz) - interval '30 days'
                                                  AND submitted_at > CAST(:now AS timestamptz) - interval '90 days'),
                               count(*) FILTER (WHERE submitted_at <= CAST(:now AS timestamptz) - interval '90 days'),
                               count(*) FILTER (WHERE planned_decision_on < :today)
                        FROM insights.case_fact
                        WHERE tenant_id = :tenant AND unit IN (:units) AND case_type IN (:types) AND closed_at IS NULL
                        GROUP BY 1 ORDER BY 1
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("types", caseTypes)
                .param("now", Timestamp.from(now))
                .param("today", now.atZone(SwedishTime.ZONE).toLocalDate())
                .query((rs, n) -> new Backlog(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
        Map<YearMonth, Map<String, Long>> channels = new TreeMap<>();
        jdbc.sql("""
                        SELECT to_char(f.month, 'YYYY-MM'), c.key, sum(CAST(c.value AS bigint))
                        FROM insights.month_figure f, jsonb_each_text(f.channels) c
                        WHERE tenant_id = :tenant AND f.unit IN (:units) AND f.case_type IN (:types) AND f.month >= :first AND f.month <= :last
                        GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("types", caseTypes)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> channels.computeIfAbsent(YearMonth.parse(rs.getString(1)), m -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        List<Channels> channelRows = new ArrayList<>();
        channels.forEach((month, counts) -> channelRows.add(new Channels(month, counts)));
        return new Figures(List.copyOf(months.values()), backlog, channelRows);
    }
}
