package se.samla.insights;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseEvents;
import se.samla.cases.CaseFacts;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseStep;
import se.samla.cases.CaseSubmitted;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.ValueRows;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Keeps insights' projection of the cases: each event of a case reads its facts through the cases module's API and
 * writes them here, so the figures need no other module's tables. The cases there before the projection are read in
 * once per municipality, in the background.
 */
@Component
class CaseFactsProjection {

    private static final Logger log = LoggerFactory.getLogger(CaseFactsProjection.class);
    private static final int PAGE = 1000;

    private final CaseHandling cases;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Forecasts forecasts;
    private final MonthFigures monthFigures;

    CaseFactsProjection(
            CaseHandling cases,
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            Forecasts forecasts,
            MonthFigures monthFigures) {
        this.forecasts = forecasts;
        this.monthFigures = monthFigures;
        this.cases = cases;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
    }

    @ApplicationModuleListener
    void on(CaseSubmitted e) {
        refresh(e.caseId());
        // the forecast made as the case came in is kept, to be held against its decision later
        cases.facts(e.caseId())
                .flatMap(f -> forecasts.forecast(f.caseId(), f.caseType(), f.unit(), f.submittedAt()))
                .ifPresent(day -> jdbc.sql("""
                                UPDATE insights.case_fact SET predicted_decision_on = :day
                                WHERE tenant_id = :tenant AND case_id = :c AND predicted_decision_on IS NULL
                                """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("day", day)
                        .param("c", e.caseId())
                        .update());
    }

    @ApplicationModuleListener
    void on(CaseEvents.StatusChanged e) {
        refresh(e.caseId());
    }

    @ApplicationModuleListener
    void on(CaseEvents.DecisionMade e) {
        refresh(e.caseId());
    }

    @ApplicationModuleListener
    void on(CaseEvents.CompletionRequested e) {
        refresh(e.caseId());
    }

    private void refresh(UUID caseId) {
        cases.facts(caseId).ifPresent(this::write);
        writeSteps(cases.steps(List.of(caseId)));
    }

    /** Reads in the cases of every municipality whose cases were never read in. */
    @Scheduled(fixedDelayString = "${samla.insights.catch-up-interval:PT10M}", initialDelayString = "PT20S")
    @SchedulerLock(name = "insights.catch-up", lockAtMostFor = "PT1H")
    void catchUpAll() {
        for (Tenant tenant : tenants.all()) {
            catchUp(tenant);
        }
    }

    /** Reads in the tenant's cases, a page a transaction, unless done before; returns how many. */
    long catchUp(Tenant tenant) {
        return catchUp(tenant, false);
    }

    /** Reads in the tenant's cases, a page a transaction; again when forced (a rebuild); returns how many. */
    long catchUp(Tenant tenant, boolean force) {
        boolean done = !force
                && transactions.read(
                        tenant.id(),
                        () -> jdbc.sql("SELECT count(*) FROM insights.catch_up WHERE tenant_id = :tenant")
                                        .param("tenant", CurrentTenant.require().value())
                                        .query(Long.class)
                                        .single()
                                > 0);
        if (done) {
            return 0;
        }
        long read = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<CaseFacts> page = transactions.call(tenant.id(), () -> {
                List<CaseFacts> facts = cases.factsAfter(from, PAGE);
                write(facts);
                List<UUID> ids = facts.stream().map(CaseFacts::caseId).toList();
                if (force && !ids.isEmpty()) {
                    // a rebuild reads the courses again too
                    jdbc.sql(
                                    "DELETE FROM insights.case_step WHERE tenant_id = :tenant AND case_id = ANY (CAST(:ids AS uuid[]))")
                            .param("tenant", CurrentTenant.require().value())
                            .param("ids", ids.toArray(UUID[]::new))
                            .update();
                }
                writeSteps(cases.steps(ids));
                return facts;
            });
            read += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).caseId();
        }
        transactions.run(
                tenant.id(),
                () -> jdbc.sql(
                                "INSERT INTO insights.catch_up (tenant_id, done_at) VALUES (:t, now()) ON CONFLICT DO NOTHING")
                        .param("t", tenant.id().value())
                        .update());
        log.info("Insights read in {} cases of {}", read, tenant.slug());
        return read;
    }

    /** A step once taken does not change: each is written once, whichever read comes first; a part in one statement. */
    private void writeSteps(List<CaseStep> steps) {
        for (List<Object[]> part : ValueRows.parts(steps, step -> new Object[] {
            CurrentTenant.require().value(), step.caseId(), step.seq(), step.status(), moment(step.at())
        })) {
            jdbc.sql("INSERT INTO insights.case_step (tenant_id, case_id, seq, status, at) VALUES :rows"
                            + " ON CONFLICT DO NOTHING")
                    .param("rows", part)
                    .update();
        }
    }

    private void write(CaseFacts f) {
        write(List.of(f));
    }

    /**
     * Writes the facts, a part in one statement, and marks the months whose figures they change (see {@link
     * MonthFigures}): for a new case the months it came in and was decided, for a known one the old months and the new
     * when something the figures count has changed.
     */
    void write(List<CaseFacts> facts) {
        if (facts.isEmpty()) {
            return;
        }
        UUID tenant = CurrentTenant.require().value();
        // the facts of a case are compared and written by one writer at a time (two events of a case may be handled
        // at once): a writer that read the facts before another changed them would mark the months it read, not the
        // months the other wrote, and those would keep counting the case. The locks are taken in the order of the ids,
        // so that two pages that share cases do not wait for each other in a circle.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('insights.case_fact'), hashtext(CAST(id AS text)))"
                        + " FROM unnest(CAST(:ids AS uuid[])) AS id")
                .param(
                        "ids",
                        facts.stream()
                                .map(CaseFacts::caseId)
                                .distinct()
                                .sorted()
                                .toArray(UUID[]::new))
                .query((rs, n) -> 1)
                .list();
        Map<UUID, Counted> before = new HashMap<>();
        jdbc.sql("""
                SELECT case_id, case_type, unit, channel, submitted_at, planned_decision_on, latest_decision_on,
                       decided_at, completion_requests
                FROM insights.case_fact WHERE tenant_id = :tenant AND case_id = ANY (CAST(:ids AS uuid[]))
                """)
                .param("tenant", tenant)
                .param("ids", facts.stream().map(CaseFacts::caseId).toArray(UUID[]::new))
                .query(rs -> {
                    before.put(
                            rs.getObject(1, UUID.class),
                            new Counted(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    instant(rs.getTimestamp(5)),
                                    rs.getObject(6, LocalDate.class),
                                    rs.getObject(7, LocalDate.class),
                                    instant(rs.getTimestamp(8)),
                                    rs.getInt(9)));
                });
        for (List<Object[]> part : ValueRows.parts(facts, f -> new Object[] {
            tenant,
            f.caseId(),
            f.caseType(),
            f.unit(),
            f.channel(),
            moment(f.submittedAt()),
            f.plannedDecisionOn(),
            f.latestDecisionOn(),
            moment(f.decidedAt()),
            moment(f.closedAt()),
            f.result(),
            f.completionRequests(),
            f.version()
        })) {
            jdbc.sql("""
                    INSERT INTO insights.case_fact (tenant_id, case_id, case_type, unit, channel, submitted_at,
                        planned_decision_on, latest_decision_on, decided_at, closed_at, result, completion_requests,
                        version)
                    VALUES :rows
                    ON CONFLICT (tenant_id, case_id) DO UPDATE SET case_type = EXCLUDED.case_type,
                        unit = EXCLUDED.unit, channel = EXCLUDED.channel, submitted_at = EXCLUDED.submitted_at,
                        planned_decision_on = EXCLUDED.planned_decision_on,
                        latest_decision_on = EXCLUDED.latest_decision_on, decided_at = EXCLUDED.decided_at,
                        closed_at = EXCLUDED.closed_at, result = EXCLUDED.result,
                        completion_requests = EXCLUDED.completion_requests, version = EXCLUDED.version
                    WHERE insights.case_fact.version <= EXCLUDED.version
                    """).param("rows", part).update();
        }
        Set<MonthFigures.Month> changed = new LinkedHashSet<>();
        for (CaseFacts f : facts) {
            Counted now = Counted.of(f);
            Counted was = before.get(f.caseId());
            if (!now.equals(was)) {
                changed.addAll(now.months());
                if (was != null) {
                    changed.addAll(was.months());
                }
            }
        }
        monthFigures.mark(changed);
    }

    /**
     * What of a case the month figures count; a change of anything else (its status, a forecast) leaves them be.
     * Moments are kept to the microsecond, as the database keeps them, so that a fact read back equals the one written.
     */
    private record Counted(
            String caseType,
            String unit,
            String channel,
            Instant submittedAt,
            LocalDate plannedDecisionOn,
            LocalDate latestDecisionOn,
            Instant decidedAt,
            int completionRequests) {

        static Counted of(CaseFacts f) {
            return new Counted(
                    f.caseType(),
                    f.unit(),
                    f.channel(),
                    micros(f.submittedAt()),
                    f.plannedDecisionOn(),
                    f.latestDecisionOn(),
                    micros(f.decidedAt()),
                    f.completionRequests());
        }

        /** The months the case counts in: the one it came in and the one it was decided. */
        List<MonthFigures.Month> months() {
            return Stream.of(submittedAt, decidedAt)
                    .filter(Objects::nonNull)
                    .map(at -> new MonthFigures.Month(unit, caseType, MonthFigures.monthOf(at)))
                    .toList();
        }
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    /** A moment as a row of parameters carries it to a timestamptz column; null stays null. */
    private static OffsetDateTime moment(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
