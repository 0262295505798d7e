package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;

/** The case statistics dataset: counts and lead times per type and month, with small groups left out. */
class CaseStatisticsIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CaseSubmissions submissions;

    @Autowired
    CaseWork work;

    @Autowired
    CaseQueries queries;

    /** A case of the type, submitted on the day and closed after that many days (or left open). */
    private void caseIn(String typeCode, String submitted, Integer closedAfterDays) {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var type = catalog.current(vanersborg.id(), typeCode).orElseThrow();
        var made = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        type,
                        Applicant.anonymous(),
                        UUID.randomUUID(),
                        Map.of("note", "statistik"),
                        CaseSubmissions.Channel.E_SERVICE));
        if (closedAfterDays != null) {
            CurrentTenant.callAs(vanersborg.id(), () -> {
                var c = queries.byId(made.caseId()).orElseThrow();
                work.closeWithoutDecision(
                        c,
                        c.version(),
                        type.definition().results().get(0).code(),
                        new CaseWork.Worker("staff:test", "Test"));
                return null;
            });
        }
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("""
                UPDATE cases."case" SET submitted_at = CAST(:s AS timestamptz),
                    closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE CAST(:s AS timestamptz) + make_interval(days => :d) END,
                    planned_decision_on = CAST(:s AS date) + 10
                WHERE id = :id
                """)
                        .param("s", submitted + "T10:00:00+01:00")
                        .param("d", closedAfterDays == null ? 0 : closedAfterDays)
                        .param("id", made.caseId())
                        .update());
    }

    @Test
    void figuresPerTypeAndMonthWithSmallGroupsSuppressed() throws Exception {
        // six heat-pump notifications in March 2019: decided after 2, 4, 6, 8, 12 and 20 days (two beyond the norm of
        // 10)
        for (int days : List.of(2, 4, 6, 8, 12, 20)) {
            caseIn("anmalan-varmepump", "2019-03-0" + (1 + days % 9), days);
        }
        // only two school transport applications in April 2019: too few to show
        caseIn("skolskjuts", "2019-04-02", 3);
        caseIn("skolskjuts", "2019-04-03", null);

        String csv = mvc.perform(get("/datasets/arendestatistik.csv").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        CSVRecord heatPumps = rows.stream()
                .filter(r -> r.get("arendetyp").equals("anmalan-varmepump")
                        && r.get("manad").equals("2019-03"))
                .findFirst()
                .orElseThrow();
        assertThat(heatPumps.get("inkomna")).isEqualTo("6");
        assertThat(heatPumps.get("avslutade")).isEqualTo("6");
        assertThat(heatPumps.get("median_dagar")).isEqualTo("7.0");
        assertThat(Double.parseDouble(heatPumps.get("p90_dagar"))).isBetween(12.0, 20.0);
        assertThat(heatPumps.get("andel_inom_handlaggningstid")).isEqualTo("0.7");
        CSVRecord school = rows.stream()
                .filter(r -> r.get("arendetyp").equals("skolskjuts")
                        && r.get("manad").equals("2019-04"))
                .findFirst()
                .orElseThrow();
        assertThat(school.get("inkomna")).as("two cases are too few").isEmpty();
        assertThat(school.get("avslutade")).isEmpty();
        assertThat(school.get("median_dagar")).isEmpty();
        // no figure anywhere comes from fewer than five cases
        assertThat(rows).allSatisfy(r -> {
            if (!r.get("inkomna").isEmpty()) {
                assertThat(Long.parseLong(r.get("inkomna"))).isGreaterThanOrEqualTo(5);
            }
            if (!r.get("avslutade").isEmpty()) {
                assertThat(Long.parseLong(r.get("avslutade"))).isGreaterThanOrEqualTo(5);
            } else {
                assertThat(r.get("median_dagar")).isEmpty();
            }
        });
        mvc.perform(get("/datasets/arendestatistik.geojson").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
    }
}
