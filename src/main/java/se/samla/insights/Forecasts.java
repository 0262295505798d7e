package se.samla.insights;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.cases.DecisionForecasts;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * A case's expected decision date from the queue it stands in (Little's law): the open cases of its kind and unit
 * that came in before it, worked off at the pace the unit decided such cases over the last 90 days. A unit that
 * decided fewer than {@link #MIN_DECISIONS} lately gives no forecast. Each case's first forecast, made when it came in,
 * is kept, so that managers see how far the forecasts were from the decisions over the last year.
 */
@Service
class Forecasts implements DecisionForecasts {

    static final Duration PACE_WINDOW = Duration.ofDays(90);
    static final int MIN_DECISIONS = 3;

    /** How far the kept forecasts were from the decisions, for one case type. */
    record Accuracy(String caseType, long decided, double meanAbsoluteErrorDays, long withinAWeek) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Insights insights;
    private final se.samla.platform.TenantTransactions transactions;

    Forecasts(JdbcClient jdbc, Clock clock, Insights insights, se.samla.platform.TenantTransactions transactions) {
        this.transactions = transactions;
        this.recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .refreshAfterWrite(Insights.FRESH)
                .expireAfterWrite(Insights.KEPT)
                .maximumSize(1_000)
                .build(asked -> transactions.read(asked.tenant(), () -> accuracy(asked.units(), asked.types())));
        this.jdbc = jdbc;
        this.clock = clock;
        this.insights = insights;
    }

    /**
     * The accuracy of the forecasts for a manager's units and the case types their clearance reaches, over the last
     * year: shared and read again like the rest of the managers' page (see {@link Insights#FRESH}), in a transaction
     * of its own.
     */
    List<Accuracy> forManager(se.samla.identity.SignedInUser.Staff staff) {
        return recent.get(new Asked(
                se.samla.shared.CurrentTenant.require(), insights.managedUnits(staff), insights.countedTypes(staff)));
    }

    private record Asked(se.samla.shared.TenantId tenant, List<String> units, List<String> types) {}

    private final com.github.benmanes.caffeine.cache.LoadingCache<Asked, List<Accuracy>> recent;

    @Override
    @Transactional(readOnly = true)
    public Optional<LocalDate> forecast(UUID caseId, String caseType, String unit, Instant submittedAt) {
        Instant now = clock.instant();
        long decided = jdbc.sql("""
                        SELECT count(*) FROM insights.case_fact
                        WHERE tenant_id = :tenant AND case_type = :type AND unit = :unit AND decided_at >= :since AND decided_at < :now
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("type", caseType)
                .param("unit", unit)
                .param("since", Timestamp.from(now.minus(PACE_WINDOW)))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        if (decided < MIN_DECISIONS) {
            return Optional.empty();
        }
        long ahead = jdbc.sql("""
                        SELECT count(*) FROM insights.case_fact
                        WHERE tenant_id = :tenant AND case_type = :type AND unit = :unit AND closed_at IS NULL AND submitted_at < :submitted
                          AND case_id <> :id
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("type", caseType)
                .param("unit", unit)
                .param("submitted", Timestamp.from(submittedAt))
                .param("id", caseId)
                .query(Long.class)
                .single();
        double perDay = decided / (double) PACE_WINDOW.toDays();
        // the cases ahead, then this one
        long days = Math.max(1, (long) Math.ceil((ahead + 1) / perDay));
        return Optional.of(LocalDate.now(clock.withZone(SwedishTime.ZONE)).plusDays(days));
    }

    /** Per case type, the kept forecasts of the cases decided in the last year, against their decisions. */
    @Transactional(readOnly = true)
    List<Accuracy> accuracy(List<String> units, List<String> caseTypes) {
        if (units.isEmpty() || caseTypes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT case_type, count(*),
                               avg(abs((decided_at AT TIME ZONE 'Europe/Stockholm')::date - predicted_decision_on)),
                               count(*) FILTER (WHERE abs((decided_at AT TIME ZONE 'Europe/Stockholm')::date
                                                          - predicted_decision_on) <= 7)
                        FROM insights.case_fact
                        WHERE tenant_id = :tenant AND unit IN (:units) AND case_type IN (:types) AND predicted_decision_on IS NOT NULL
                          AND decided_at >= :since
                        GROUP BY case_type ORDER BY case_type
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("types", caseTypes)
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(365))))
                .query((rs, n) -> new Accuracy(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4)))
                .list();
    }
}
