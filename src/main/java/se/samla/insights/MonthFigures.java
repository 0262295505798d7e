package se.samla.insights;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.shared.ValueRows;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Keeps the figures per unit, case type and month ({@code insights.month_figure}) in step with the facts. The one
 * writer of the facts ({@link CaseFactsProjection}) marks the months a change touches, in the transaction of the
 * change; this counts the marked months anew from the facts, before the figures are read and every minute in the
 * background.
 */
@Component
class MonthFigures {

    private static final Logger log = LoggerFactory.getLogger(MonthFigures.class);

    /** The months counted in one statement, so that a first count over years of cases is made in parts. */
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;

    MonthFigures(JdbcClient jdbc, TenantTransactions transactions, Tenants tenants) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
    }

    @Scheduled(fixedDelayString = "${samla.insights.figures-interval:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "insights.month-figures", lockAtMostFor = "PT30M")
    void refreshAll() {
        for (Tenant tenant : tenants.all()) {
            try {
                bringUpToDate(tenant.id());
            } catch (RuntimeException e) {
                // the next run tries again; the other municipalities' figures need not wait for it
                log.warn("Could not count the month figures of {}: {}", tenant.slug(), e.toString());
            }
        }
    }

    /** Counts anew every marked month of the tenant; returns how many months. Call outside any transaction. */
    int bringUpToDate(TenantId tenant) {
        return transactions.call(tenant, this::countMarkedMonths);
    }

    /** A month of a unit's case type, as the figures are kept by. */
    record Month(String unit, String caseType, LocalDate month) {}

    /** The Swedish month a moment falls in, as its first day. */
    static LocalDate monthOf(Instant at) {
        return at.atZone(SwedishTime.ZONE).toLocalDate().withDayOfMonth(1);
    }

    /**
     * Marks the months as no longer agreeing with the facts, in the caller's transaction: the mark is committed with
     * the change that made it, or not at all.
     */
    void mark(Collection<Month> months) {
        UUID tenant = CurrentTenant.require().value();
        for (List<Object[]> part :
                ValueRows.parts(months, m -> new Object[] {tenant, m.unit(), m.caseType(), m.month()})) {
            jdbc.sql("INSERT INTO insights.month_stale (tenant_id, unit, case_type, month) VALUES :rows")
                    .param("rows", part)
                    .update();
        }
    }

    /**
     * Takes every committed mark (a month is often marked many times over: once by every change in it), and counts
     * each month marked once, from the facts as they are now. A mark is committed with the change that made it, so the
     * count sees that change; a mark not yet committed is not taken, and is counted next time. Should the count fail,
     * the marks come back with the rollback. One refresh of a municipality at a time (an advisory lock, for the
     * transaction): a second waits for the first and then finds the marks gone.
     */
    private int countMarkedMonths() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('insights.month_figure'), hashtext(:tenant))")
                .param("tenant", CurrentTenant.require().toString())
                .query((rs, n) -> 1)
                .list();
        List<Month> marked = jdbc.sql("""
                WITH taken AS (DELETE FROM insights.month_stale WHERE tenant_id = :tenant RETURNING unit, case_type, month)
                SELECT DISTINCT unit, case_type, month FROM taken ORDER BY 1, 2, 3
                """)
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new Month(
                        rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()))
                .list();
        for (int from = 0; from < marked.size(); from += BATCH) {
            count(marked.subList(from, Math.min(marked.size(), from + BATCH)));
        }
        return marked.size();
    }

    /** A month's figures as counted from the facts. */
    private record Figures(
            Month month,
            long inflow,
            long completionRequests,
            String channels,
            long decided,
            long withinNorm,
            long withinLimit,
            Double medianSeconds,
            Double p90Seconds) {

        boolean empty() {
            return inflow == 0 && decided == 0;
        }
    }

    /**
     * Counts the months from the facts in one reading, then writes the figures of those with cases and removes those
     * left without: reading and writing apart, so that each is a statement a Citus cluster routes to the one shard of
     * the municipality.
     */
    private void count(List<Month> marked) {
        UUID tenant = CurrentTenant.require().value();
        String[] units = marked.stream().map(Month::unit).toArray(String[]::new);
        String[] types = marked.stream().map(Month::caseType).toArray(String[]::new);
        String[] months = marked.stream().map(m -> m.month().toString()).toArray(String[]::new);
        List<Figures> counted = jdbc.sql("""
                WITH k AS (
                    SELECT k.unit, k.case_type, k.month,
                           CAST(k.month AS timestamp) AT TIME ZONE 'Europe/Stockholm' AS starts,
                           CAST(k.month + interval '1 month' AS timestamp) AT TIME ZONE 'Europe/Stockholm' AS ends
                    FROM unnest(CAST(:units AS text[]), CAST(:types AS text[]), CAST(:months AS date[]))
                        AS k(unit, case_type, month)
                ), came_in AS (
                    SELECT k.unit, k.case_type, k.month, f.channel, count(*) AS n,
                           sum(f.completion_requests) AS requests
                    FROM k JOIN insights.case_fact f ON f.tenant_id = :tenant AND f.unit = k.unit
                        AND f.case_type = k.case_type AND f.submitted_at >= k.starts AND f.submitted_at < k.ends
                    GROUP BY 1, 2, 3, 4
                ), inflow AS (
                    SELECT unit, case_type, month, sum(n) AS inflow, sum(requests) AS requests,
                           jsonb_object_agg(channel, n) AS channels
                    FROM came_in GROUP BY 1, 2, 3
                ), decided AS (
                    SELECT k.unit, k.case_type, k.month, count(*) AS decided,
                           count(*) FILTER (WHERE CAST(f.decided_at AT TIME ZONE 'Europe/Stockholm' AS date)
                                                  <= f.planned_decision_on) AS within_norm,
                           count(*) FILTER (WHERE CAST(f.decided_at AT TIME ZONE 'Europe/Stockholm' AS date)
                                                  <= f.latest_decision_on) AS within_limit,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.decided_at - f.submitted_at))
                               AS median_seconds,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM f.decided_at - f.submitted_at))
                               AS p90_seconds
                    FROM k JOIN insights.case_fact f ON f.tenant_id = :tenant AND f.unit = k.unit
                        AND f.case_type = k.case_type AND f.decided_at >= k.starts AND f.decided_at < k.ends
                    GROUP BY 1, 2, 3
                )
                SELECT k.unit, k.case_type, k.month, coalesce(i.inflow, 0), coalesce(i.requests, 0),
                       CAST(coalesce(i.channels, '{}') AS text), coalesce(d.decided, 0), coalesce(d.within_norm, 0),
                       coalesce(d.within_limit, 0), d.median_seconds, d.p90_seconds
                FROM k LEFT JOIN inflow i USING (unit, case_type, month)
                    LEFT JOIN decided d USING (unit, case_type, month)
                """)
                .param("units", units)
                .param("types", types)
                .param("months", months)
                .param("tenant", tenant)
                .query((rs, n) -> new Figures(
                        new Month(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getObject(10, Double.class),
                        rs.getObject(11, Double.class)))
                .list();
        List<Figures> emptied = counted.stream().filter(Figures::empty).toList();
        if (!emptied.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM insights.month_figure
                    WHERE tenant_id = :tenant AND (unit, case_type, month) IN (:months)
                    """)
                    .param("tenant", tenant)
                    .param(
                            "months",
                            emptied.stream()
                                    .map(f -> new Object[] {
                                        f.month().unit(),
                                        f.month().caseType(),
                                        f.month().month()
                                    })
                                    .toList())
                    .update();
        }
        for (List<Object[]> part :
                ValueRows.parts(counted.stream().filter(f -> !f.empty()).toList(), f -> new Object[] {
                    tenant,
                    f.month().unit(),
                    f.month().caseType(),
                    f.month().month(),
                    f.inflow(),
                    f.completionRequests(),
                    jsonb(f.channels()),
                    f.decided(),
                    f.withinNorm(),
                    f.withinLimit(),
                    f.medianSeconds(),
                    f.p90Seconds()
                })) {
            jdbc.sql("""
                    INSERT INTO insights.month_figure (tenant_id, unit, case_type, month, inflow, completion_requests,
                        channels, decided, within_norm, within_limit, median_seconds, p90_seconds)
                    VALUES :rows
                    ON CONFLICT (tenant_id, unit, case_type, month) DO UPDATE SET inflow = EXCLUDED.inflow,
                        completion_requests = EXCLUDED.completion_requests, channels = EXCLUDED.channels,
                        decided = EXCLUDED.decided, within_norm = EXCLUDED.within_norm,
                        within_limit = EXCLUDED.within_limit, median_seconds = EXCLUDED.median_seconds,
                        p90_seconds = EXCLUDED.p90_seconds
                    """).param("rows", part).update();
        }
    }

    /** A JSON text as a parameter whose type the server takes from the column (jsonb). */
    private static SqlParameterValue jsonb(String json) {
        return new SqlParameterValue(Types.OTHER, json);
    }
}
