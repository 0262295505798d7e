package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/**
 * Vänern's level over 2.10 m for ten minutes fires the high-water rule once, however often the readings come; it
 * clears only below 2.00 m. A device silent for two hours fires its silence rule, and speaking again clears it.
 */
class RuleEvaluationIT extends SamlaIntegrationTest {

    static final String DEVICE = "vanern-hamnen";

    /** Each test starts with the device's rules at rest: readings older than the last seen are ignored by design. */
    @org.junit.jupiter.api.BeforeEach
    void rulesAtRest() {
        TestSensors.atRest(
                transactions, jdbc, context.getBean(se.samla.cases.CaseHandling.class), vanersborg.id(), DEVICE);
    }

    void send(Instant base, double... levels) throws Exception {
        TestSensors.send(mvc, DEVICE, "level", "m", base, levels);
    }

    List<String> events(String rule, Instant since) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT kind FROM sensors.rule_event WHERE device = :d AND rule = :r AND at >= :s ORDER BY at")
                        .param("d", DEVICE)
                        .param("r", rule)
                        .param("s", Timestamp.from(since))
                        .query(String.class)
                        .list());
    }

    @Test
    void highWaterFiresOnceAndClearsBelowTheClearingLevel() throws Exception {
        Instant base = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
        send(base, 2.0, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2);
        assertThat(events("hogt-vatten", base)).isEmpty();
        send(base.plusSeconds(8 * 60), 2.2, 2.2, 2.3, 2.3);
        assertThat(events("hogt-vatten", base)).containsExactly("FIRED");
        // the same readings again (a retry), and more high water: no second firing
        send(base.plusSeconds(8 * 60), 2.2, 2.2, 2.3, 2.3);
        send(base.plusSeconds(12 * 60), 2.25, 2.05, 2.08);
        assertThat(events("hogt-vatten", base)).containsExactly("FIRED");
        send(base.plusSeconds(15 * 60), 1.98);
        assertThat(events("hogt-vatten", base)).containsExactly("FIRED", "CLEARED");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'SENSOR_RULE_FIRED' AND object_id = :d")
                                .param("d", DEVICE)
                                .query(Integer.class)
                                .single()))
                .isPositive();
    }

    /** The open sensor case's id, once the listener has opened it. */
    java.util.UUID sensorCase(Instant since) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var found = transactions.read(
                    vanersborg.id(),
                    () -> jdbc.sql("""
                            SELECT case_id FROM reports.sensor_case
                            WHERE device = :d AND rule = 'hogt-vatten' AND fired_at >= :since
                            """)
                            .param("d", DEVICE)
                            .param("since", Timestamp.from(since))
                            .query(java.util.UUID.class)
                            .list());
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no case was opened for the high water");
    }

    long updates(java.util.UUID caseId, String like) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM reports.report_update WHERE case_id = :c AND description LIKE :l")
                        .param("c", caseId)
                        .param("l", like)
                        .query(Long.class)
                        .single());
    }

    @Test
    void highWaterOpensOneCaseInTheRightUnitAndItsClearingAndReturnAreWrittenInIt() throws Exception {
        Instant base = Instant.now().minus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
        send(base, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2);
        var caseId = sensorCase(base);
        var report = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT category, unit, latitude, longitude FROM reports.report WHERE case_id = :c")
                        .param("c", caseId)
                        .query()
                        .singleRow());
        assertThat(report.get("category")).isEqualTo("oversvamning");
        assertThat(report.get("unit")).isEqualTo("SBF-KOV");
        assertThat(((Number) report.get("latitude")).doubleValue()).isEqualTo(58.3812);

        send(base.plusSeconds(12 * 60), 1.95);
        LocksAwait.until(() -> {
            try {
                return updates(caseId, "%normala värden%") == 1;
            } catch (RuntimeException e) {
                return false;
            }
        });
        // high again for ten minutes: the same case hears of it, no second case
        send(base.plusSeconds(13 * 60), 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3);
        LocksAwait.until(() -> updates(caseId, "%larmar igen%") == 1);
        assertThat(sensorCase(base)).isEqualTo(caseId);
    }

    /** Waits up to twenty seconds. */
    static final class LocksAwait {
        static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
            Instant until = Instant.now().plusSeconds(20);
            while (!condition.getAsBoolean()) {
                if (Instant.now().isAfter(until)) {
                    throw new AssertionError("waited in vain");
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aSilentDeviceFiresItsSilenceRuleAndSpeakingAgainClearsIt() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        send(Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES), 1.9);
        // as if the last reading was three hours ago
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE sensors.rule_state SET last_at = now() - interval '3 hours' WHERE device = :d AND rule = 'tyst-vattenniva'")
                        .param("d", DEVICE)
                        .update());
        RuleEvaluation rules = context.getBean(RuleEvaluation.class);
        assertThat(transactions.call(vanersborg.id(), rules::silence)).isEqualTo(1);
        assertThat(transactions.call(vanersborg.id(), rules::silence)).isZero();
        send(Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS), 1.91);
        assertThat(events("tyst-vattenniva", started.minusSeconds(120))).containsExactlyInAnyOrder("FIRED", "CLEARED");
    }
}
