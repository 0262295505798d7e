package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseFacts;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The figures kept per unit, case type and month follow every change of the facts they count that the projection
 * writes, and a month decided in several units gets its lead times from the facts themselves. February 2016 and the
 * units and case type here are this test's own.
 */
class MonthFiguresIT extends SamlaIntegrationTest {

    /** Units of this run's own, so that a database kept from an earlier run does not count in. */
    static final String A = "MF-A-" + UUID.randomUUID().toString().substring(0, 8);

    static final String B = "MF-B-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<String> UNITS = List.of(A, B);
    static final YearMonth FEBRUARY = YearMonth.of(2016, 2);

    UUID fact(String unit, int submittedOn, Integer decidedAfterDays, String channel) {
        return fact(unit, FEBRUARY.atDay(submittedOn).atTime(9, 0), decidedAfterDays, channel);
    }

    UUID fact(String unit, LocalDateTime submitted, Integer decidedAfterDays, String channel) {
        UUID id = UUID.randomUUID();
        write(new CaseFacts(
                id,
                "mf-testtyp",
                unit,
                channel,
                submitted.atZone(SwedishTime.ZONE).toInstant(),
                submitted.toLocalDate().plusDays(3),
                submitted.toLocalDate().plusDays(8),
                decidedAfterDays == null
                        ? null
                        : submitted
                                .plusDays(decidedAfterDays)
                                .atZone(SwedishTime.ZONE)
                                .toInstant(),
                null,
                null,
                0,
                1));
        return id;
    }

    /** Writes the facts as the projection does on every event of a case, and remembers them as written. */
    void write(CaseFacts facts) {
        transactions.run(
                vanersborg.id(),
                () -> context.getBean(CaseFactsProjection.class).write(List.of(facts)));
        written.put(facts.caseId(), facts);
    }

    final java.util.Map<UUID, CaseFacts> written = new java.util.HashMap<>();

    /** The facts of the case as last written, changed, in its next version. */
    void change(UUID caseId, java.util.function.UnaryOperator<CaseFacts> change) {
        CaseFacts changed = change.apply(written.get(caseId));
        write(new CaseFacts(
                changed.caseId(),
                changed.caseType(),
                changed.unit(),
                changed.channel(),
                changed.submittedAt(),
                changed.plannedDecisionOn(),
                changed.latestDecisionOn(),
                changed.decidedAt(),
                changed.closedAt(),
                changed.result(),
                changed.completionRequests(),
                changed.version() + 1));
    }

    Insights.Figures figures() {
        return CurrentTenant.callAs(
                vanersborg.id(),
                () -> context.getBean(Insights.class).of(UNITS, List.of("mf-testtyp"), FEBRUARY, FEBRUARY));
    }

    long kept(String unit) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM insights.month_figure WHERE unit = :u AND case_type = 'mf-testtyp'")
                        .param("u", unit)
                        .query(Long.class)
                        .single());
    }

    long marked() {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM insights.month_stale WHERE unit IN (:units)")
                        .param("units", UNITS)
                        .query(Long.class)
                        .single());
    }

    /** Facts are never removed by Samla (they outlive the case); this run's own are, and their figures. */
    @org.junit.jupiter.api.AfterEach
    void removeThem() {
        for (String table : List.of("insights.case_fact", "insights.month_stale", "insights.month_figure")) {
            transactions.run(
                    vanersborg.id(),
                    () -> jdbc.sql("DELETE FROM " + table + " WHERE unit IN (:units)")
                            .param("units", UNITS)
                            .update());
        }
    }

    @Test
    void aMonthIsSwedish() {
        // half past midnight on the first of February in Sweden, still January in UTC
        fact(A, java.time.LocalDateTime.of(2016, 2, 1, 0, 30), 1, "E_SERVICE");
        fact(A, java.time.LocalDateTime.of(2016, 1, 31, 23, 30), null, "E_SERVICE");
        var months = CurrentTenant.callAs(
                        vanersborg.id(),
                        () -> context.getBean(Insights.class)
                                .of(UNITS, List.of("mf-testtyp"), FEBRUARY.minusMonths(1), FEBRUARY))
                .months();
        assertThat(months)
                .extracting(m -> m.month() + " " + m.inflow() + " " + m.decided())
                .containsExactly("2016-01 1 0", "2016-02 1 1");
    }

    @Test
    void theKeptFiguresFollowTheFactsAndLeadTimesOverUnitsComeFromTheFacts() {
        fact(A, 1, 2, "E_SERVICE");
        fact(A, 2, 4, "E_SERVICE");
        fact(A, 3, null, "PAPER");
        UUID movedLater = fact(B, 4, 10, "API");

        var february = figures().months().get(0);
        assertThat(marked()).isZero();
        assertThat(february.inflow()).isEqualTo(4);
        assertThat(february.decided()).isEqualTo(3);
        // decided after 2, 4 and 10 days, in two units: the median of all three, not of each unit's
        assertThat(february.medianDays()).isCloseTo(4.0, offset(0.0001));
        assertThat(february.p90Days()).isCloseTo(4 + 0.8 * 6, offset(0.0001));
        assertThat(february.withinNorm()).isOne();
        assertThat(february.withinLimit()).isEqualTo(2);
        assertThat(figures().channels().get(0).byChannel())
                .containsEntry("E_SERVICE", 2L)
                .containsEntry("PAPER", 1L)
                .containsEntry("API", 1L);
        assertThat(kept(B)).isOne();

        // the case moves to the other unit: the month it left is counted again, to nothing, and goes
        change(
                movedLater,
                f -> new CaseFacts(
                        f.caseId(),
                        f.caseType(),
                        A,
                        f.channel(),
                        f.submittedAt(),
                        f.plannedDecisionOn(),
                        f.latestDecisionOn(),
                        f.decidedAt(),
                        f.closedAt(),
                        f.result(),
                        f.completionRequests(),
                        f.version()));
        february = figures().months().get(0);
        assertThat(kept(B)).isZero();
        assertThat(february.inflow()).isEqualTo(4);
        assertThat(february.medianDays()).isCloseTo(4.0, offset(0.0001));

        // what the figures do not count marks nothing
        for (UUID caseId : List.copyOf(written.keySet())) {
            change(
                    caseId,
                    f -> new CaseFacts(
                            f.caseId(),
                            f.caseType(),
                            f.unit(),
                            f.channel(),
                            f.submittedAt(),
                            f.plannedDecisionOn(),
                            f.latestDecisionOn(),
                            f.decidedAt(),
                            f.decidedAt(),
                            f.decidedAt() == null ? null : "beviljat",
                            f.completionRequests(),
                            f.version()));
        }
        assertThat(marked()).isZero();

        // a decision taken away is counted out of its month
        change(
                movedLater,
                f -> new CaseFacts(
                        f.caseId(),
                        f.caseType(),
                        f.unit(),
                        f.channel(),
                        f.submittedAt(),
                        f.plannedDecisionOn(),
                        f.latestDecisionOn(),
                        null,
                        null,
                        null,
                        f.completionRequests(),
                        f.version()));
        february = figures().months().get(0);
        assertThat(february.decided()).isEqualTo(2);
        assertThat(february.medianDays()).isCloseTo(3.0, offset(0.0001));
    }
}
