package se.samla.insights;

import java.util.List;
import java.util.UUID;
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

    CaseFactsProjection(
            CaseHandling cases,
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            Forecasts forecasts) {
        this.forecasts = forecasts;
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

    /** A step once taken does not change: each is written once, whichever read comes first; a page in one statement. */
    private void writeSteps(List<CaseStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO insights.case_step (tenant_id, case_id, seq, status, at)
                SELECT :t, s.* FROM unnest(CAST(:ids AS uuid[]), CAST(:seqs AS int[]), CAST(:statuses AS text[]),
                    CAST(:ats AS timestamptz[])) AS s
                ON CONFLICT DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("ids", steps.stream().map(CaseStep::caseId).toArray(UUID[]::new))
                .param("seqs", steps.stream().map(CaseStep::seq).toArray(Integer[]::new))
                .param("statuses", steps.stream().map(CaseStep::status).toArray(String[]::new))
                .param("ats", steps.stream().map(step -> step.at().toString()).toArray(String[]::new))
                .update();
    }

    private void write(CaseFacts f) {
        write(List.of(f));
    }

    /**
     * Writes the facts in one statement, which also marks the months they count in (a trigger; see {@link
     * MonthFigures}).
     */
    private void write(List<CaseFacts> facts) {
        if (facts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO insights.case_fact (tenant_id, case_id, case_type, unit, channel, submitted_at,
                    planned_decision_on, latest_decision_on, decided_at, closed_at, result, completion_requests, version)
                SELECT :t, f.* FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS text[]), CAST(:units AS text[]),
                    CAST(:channels AS text[]), CAST(:submitted AS timestamptz[]), CAST(:planned AS date[]),
                    CAST(:latest AS date[]), CAST(:decided AS timestamptz[]), CAST(:closed AS timestamptz[]),
                    CAST(:results AS text[]), CAST(:requests AS int[]), CAST(:versions AS int[])) AS f
                ON CONFLICT (tenant_id, case_id) DO UPDATE SET case_type = EXCLUDED.case_type, unit = EXCLUDED.unit,
                    channel = EXCLUDED.channel, submitted_at = EXCLUDED.submitted_at,
                    planned_decision_on = EXCLUDED.planned_decision_on,
                    latest_decision_on = EXCLUDED.latest_decision_on, decided_at = EXCLUDED.decided_at,
                    closed_at = EXCLUDED.closed_at, result = EXCLUDED.result,
                    completion_requests = EXCLUDED.completion_requests, version = EXCLUDED.version
                WHERE insights.case_fact.version <= EXCLUDED.version
                """)
                .param("t", CurrentTenant.require().value())
                .param("ids", facts.stream().map(CaseFacts::caseId).toArray(UUID[]::new))
                .param("types", facts.stream().map(CaseFacts::caseType).toArray(String[]::new))
                .param("units", facts.stream().map(CaseFacts::unit).toArray(String[]::new))
                .param("channels", facts.stream().map(CaseFacts::channel).toArray(String[]::new))
                .param("submitted", texts(facts, CaseFacts::submittedAt))
                .param("planned", texts(facts, CaseFacts::plannedDecisionOn))
                .param("latest", texts(facts, CaseFacts::latestDecisionOn))
                .param("decided", texts(facts, CaseFacts::decidedAt))
                .param("closed", texts(facts, CaseFacts::closedAt))
                .param("results", facts.stream().map(CaseFacts::result).toArray(String[]::new))
                .param(
                        "requests",
                        facts.stream().map(CaseFacts::completionRequests).toArray(Integer[]::new))
                .param("versions", facts.stream().map(CaseFacts::version).toArray(Integer[]::new))
                .update();
    }

    /** Instants and dates as PostgreSQL reads them in an array of text; null stays null. */
    private static String[] texts(List<CaseFacts> facts, java.util.function.Function<CaseFacts, Object> value) {
        return facts.stream()
                .map(value)
                .map(v -> v == null ? null : v.toString())
                .toArray(String[]::new);
    }
}
