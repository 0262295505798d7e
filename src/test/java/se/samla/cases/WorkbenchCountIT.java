package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.platform.TestDatabase;

/**
 * A busy queue's count (a thousand cases or more) is kept for a few seconds; a small queue's is counted at every look.
 * The cases here are of a unit no one works in, submitted in 2015, and removed afterwards.
 */
class WorkbenchCountIT extends SamlaIntegrationTest {

    void cases(String unit, int count) throws Exception {
        try (var db = TestDatabase.superuser(context);
                var statement = db.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status,
                        confidentiality, applicant_name, submission_id, channel, answers, submitted_at,
                        planned_decision_on, latest_decision_on)
                    SELECT gen_random_uuid(), '%s', 'WCOUNT ' || gen_random_uuid(), 'bygglov', 1, '%s', 'handlaggs',
                        'PUBLIC', 'Räkna Testsson', gen_random_uuid(), 'API', '{}', timestamptz '2015-06-01 10:00+02',
                        current_date + 3650, current_date + 3650
                    FROM generate_series(1, %d)
                    """.formatted(vanersborg.id().value(), unit, count));
        }
    }

    @AfterEach
    void removeThem() throws Exception {
        try (var db = TestDatabase.superuser(context);
                var statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM cases.\"case\" WHERE reference LIKE 'WCOUNT %'");
            // and what insights may have read in of them meanwhile
            statement.executeUpdate("DELETE FROM insights.case_fact WHERE unit IN ('WC-SMALL', 'WC-BUSY')");
            statement.executeUpdate("DELETE FROM insights.month_stale WHERE unit IN ('WC-SMALL', 'WC-BUSY')");
            statement.executeUpdate("DELETE FROM insights.month_figure WHERE unit IN ('WC-SMALL', 'WC-BUSY')");
        }
    }

    long counted(String unit) {
        var filter = new Workbench.Filter(
                Workbench.Queue.NEW, List.of(unit), List.of("PUBLIC"), null, null, null, null, null, null, 0);
        return transactions.read(
                vanersborg.id(),
                () -> context.getBean(Workbench.class).find(filter).total());
    }

    @Test
    void aBusyQueuesCountIsKeptForSecondsAndASmallOnesIsNot() throws Exception {
        cases("WC-SMALL", 3);
        assertThat(counted("WC-SMALL")).isEqualTo(3);
        cases("WC-SMALL", 1);
        assertThat(counted("WC-SMALL")).isEqualTo(4);

        cases("WC-BUSY", (int) Workbench.LARGE_COUNT);
        assertThat(counted("WC-BUSY")).isEqualTo(Workbench.LARGE_COUNT);
        cases("WC-BUSY", 1);
        // within the seconds it is kept, the count stays; then the new case shows
        assertThat(counted("WC-BUSY")).isEqualTo(Workbench.LARGE_COUNT);
        await().atMost(Workbench.LARGE_COUNT_KEPT.plus(Duration.ofSeconds(10)))
                .until(() -> counted("WC-BUSY") == Workbench.LARGE_COUNT + 1);
        // a count kept for one municipality is not another's, though the filter is the same
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var filter = new Workbench.Filter(
                Workbench.Queue.NEW, List.of("WC-BUSY"), List.of("PUBLIC"), null, null, null, null, null, null, 0);
        assertThat(transactions.read(
                        trollhattan.id(),
                        () -> context.getBean(Workbench.class).find(filter).total()))
                .isZero();
    }
}
