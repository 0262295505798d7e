package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The figures kept per unit, case type and month follow every change of the facts they count, whichever way it is
 * made, and a month decided in several units gets its lead times from the facts themselves. February 2016 and the
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
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("""
                        INSERT INTO insights.case_fact (tenant_id, case_id, case_type, unit, channel, submitted_at,
                            planned_decision_on, latest_decision_on, decided_at, version)
                        VALUES (:t, :id, 'mf-testtyp', :unit, :channel, :submitted, :planned, :latest, :decided, 1)
                        """)
                        .param("t", vanersborg.id().value())
                        .param("id", id)
                        .param("unit", unit)
                        .param("channel", channel)
                        .param(
                                "submitted",
                                java.sql.Timestamp.from(
                                        submitted.atZone(SwedishTime.ZONE).toInstant()))
                        .param("planned", submitted.toLocalDate().plusDays(3))
                        .param("latest", submitted.toLocalDate().plusDays(8))
                        .param(
                                "decided",
                                decidedAfterDays == null
                                        ? null
                                        : java.sql.Timestamp.from(submitted
                                                .plusDays(decidedAfterDays)
                                                .atZone(SwedishTime.ZONE)
                                                .toInstant()))
                        .update());
        return id;
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

    /** Removing the facts counts their months out too: nothing of this run is left. */
    @org.junit.jupiter.api.AfterEach
    void removeThem() {
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("DELETE FROM insights.case_fact WHERE unit IN (:units)")
                        .param("units", UNITS)
                        .update());
        figures();
        assertThat(kept(A) + kept(B)).isZero();
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
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE insights.case_fact SET unit = :a, version = 2 WHERE case_id = :c")
                        .param("a", A)
                        .param("c", movedLater)
                        .update());
        february = figures().months().get(0);
        assertThat(kept(B)).isZero();
        assertThat(february.inflow()).isEqualTo(4);
        assertThat(february.medianDays()).isCloseTo(4.0, offset(0.0001));

        // what the figures do not count marks nothing
        transactions.run(vanersborg.id(), () -> jdbc.sql("""
                        UPDATE insights.case_fact SET version = version + 1, result = 'beviljat'
                        WHERE case_type = 'mf-testtyp'
                        """).update());
        assertThat(marked()).isZero();

        // a decision taken away is counted out of its month
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE insights.case_fact SET decided_at = NULL WHERE case_id = :c")
                        .param("c", movedLater)
                        .update());
        february = figures().months().get(0);
        assertThat(february.decided()).isEqualTo(2);
        assertThat(february.medianDays()).isCloseTo(3.0, offset(0.0001));
    }
}
