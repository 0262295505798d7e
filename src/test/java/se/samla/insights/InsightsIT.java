package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The managers' figures come from insights' own projection of the cases, and agree with a count straight from the
 * cases' tables; a case submitted and decided shows in them through the events; only managers see them, and only of
 * the units they manage.
 */
class InsightsIT extends SamlaIntegrationTest {

    static final List<String> SOCIAL = List.of("SOC", "SOC-EKB");

    Insights.Figures figures(YearMonth from, YearMonth to) {
        List<String> types = context.getBean(se.samla.catalog.Catalog.class).current(vanersborg.id()).stream()
                .map(t -> t.code())
                .toList();
        return CurrentTenant.callAs(
                vanersborg.id(), () -> context.getBean(Insights.class).of(SOCIAL, types, from, to));
    }

    /** Per case type and month: received, decided, decided within the service norm and the legal limit, from the cases' own tables. */
    Map<String, List<Long>> counted(YearMonth from, YearMonth to) {
        var start = java.sql.Timestamp.from(
                from.atDay(1).atStartOfDay(SwedishTime.ZONE).toInstant());
        var end = java.sql.Timestamp.from(
                to.plusMonths(1).atDay(1).atStartOfDay(SwedishTime.ZONE).toInstant());
        Map<String, List<Long>> counts = new java.util.TreeMap<>();
        transactions.read(vanersborg.id(), () -> {
            jdbc.sql("""
                            SELECT case_type, to_char(submitted_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM'), count(*)
                            FROM cases."case" WHERE unit IN (:units) AND submitted_at >= :s AND submitted_at < :e
                            GROUP BY 1, 2
                            """)
                    .param("units", SOCIAL)
                    .param("s", start)
                    .param("e", end)
                    .query((rs, n) -> counts.computeIfAbsent(
                                    rs.getString(1) + " " + rs.getString(2),
                                    k -> new java.util.ArrayList<>(List.of(0L, 0L, 0L, 0L)))
                            .set(0, rs.getLong(3)))
                    .list();
            jdbc.sql("""
                            SELECT c.case_type, to_char(d.decided_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM'), count(*),
                                   count(*) FILTER (WHERE CAST(d.decided_at AT TIME ZONE 'Europe/Stockholm' AS date)
                                                          <= c.planned_decision_on),
                                   count(*) FILTER (WHERE CAST(d.decided_at AT TIME ZONE 'Europe/Stockholm' AS date)
                                                          <= c.latest_decision_on)
                            FROM cases.decision d JOIN cases."case" c ON c.tenant_id = d.tenant_id AND c.id = d.case_id
                            WHERE c.unit IN (:units) AND d.decided_at >= :s AND d.decided_at < :e
                            GROUP BY 1, 2
                            """)
                    .param("units", SOCIAL)
                    .param("s", start)
                    .param("e", end)
                    .query((rs, n) -> {
                        var row = counts.computeIfAbsent(
                                rs.getString(1) + " " + rs.getString(2),
                                k -> new java.util.ArrayList<>(List.of(0L, 0L, 0L, 0L)));
                        row.set(1, rs.getLong(3));
                        row.set(2, rs.getLong(4));
                        row.set(3, rs.getLong(5));
                        return row;
                    })
                    .list();
            return null;
        });
        return counts;
    }

    static Map<String, List<Long>> shown(Insights.Figures figures) {
        Map<String, List<Long>> shown = new java.util.TreeMap<>();
        for (var m : figures.months()) {
            shown.put(
                    m.caseType() + " " + m.month(), List.of(m.inflow(), m.decided(), m.withinNorm(), m.withinLimit()));
        }
        return shown;
    }

    /** Moves the case into March 2019, a month of this test's own: submitted on the day, decided that many days later. */
    void inMarch2019(UUID caseId, int day, Integer decidedAfterDays) {
        transactions.run(vanersborg.id(), () -> {
            var submitted = java.time.LocalDate.of(2019, 3, day).atTime(10, 0).atZone(SwedishTime.ZONE);
            jdbc.sql("""
                    UPDATE cases."case" SET submitted_at = :s, planned_decision_on = :planned, latest_decision_on = :latest
                    WHERE id = :c
                    """)
                    .param("s", java.sql.Timestamp.from(submitted.toInstant()))
                    .param("planned", submitted.toLocalDate().plusDays(10))
                    .param("latest", submitted.toLocalDate().plusDays(30))
                    .param("c", caseId)
                    .update();
            if (decidedAfterDays != null) {
                jdbc.sql("UPDATE cases.decision SET decided_at = :d WHERE case_id = :c")
                        .param(
                                "d",
                                java.sql.Timestamp.from(
                                        submitted.plusDays(decidedAfterDays).toInstant()))
                        .param("c", caseId)
                        .update();
            }
        });
    }

    @Test
    void theFiguresAgreeWithTheCasesAndFollowTheirEvents() {
        var work = TestCaseWork.from(context);
        // three applications in March 2019: decided after 5 days (within the norm of 10), after 40 (past the legal 30),
        // and one still open
        Integer[] decidedAfter = {5, 40, null};
        for (int i = 0; i < 3; i++) {
            UUID caseId = work.welfareApplication(
                    vanersborg.id(),
                    UUID.randomUUID(),
                    "Insikt Testsson",
                    se.samla.booking.TestBookings.personalIdentityNumber(710 + i)
                            .replace("-", ""));
            if (decidedAfter[i] != null) {
                work.decide(vanersborg.id(), caseId, "beviljat", "Du har rätt till bistånd.", "4 kap. 1 § SoL");
            }
            inMarch2019(caseId, 4 + i, decidedAfter[i]);
        }
        YearMonth march = YearMonth.of(2019, 3);
        YearMonth april = YearMonth.of(2019, 4);
        // read in again from the cases' API, as the projection does at its first start (the dates were changed behind
        // its back)
        var projection = context.getBean(CaseFactsProjection.class);
        projection.catchUp(vanersborg, true);
        assertThat(shown(figures(march, april))).isEqualTo(counted(march, april));
        var marchFigures = figures(march, april).months().stream()
                .filter(m ->
                        m.caseType().equals("ekonomiskt-bistand") && m.month().equals(march))
                .findFirst()
                .orElseThrow();
        assertThat(marchFigures.inflow()).isEqualTo(3);
        // the one decided after 40 days was decided in April
        assertThat(marchFigures.decided()).isEqualTo(1);
        assertThat(marchFigures.withinNorm()).isEqualTo(1);
        assertThat(marchFigures.medianDays()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        var aprilFigures = figures(march, april).months().stream()
                .filter(m ->
                        m.caseType().equals("ekonomiskt-bistand") && m.month().equals(april))
                .findFirst()
                .orElseThrow();
        assertThat(aprilFigures.decided()).isEqualTo(1);
        assertThat(aprilFigures.withinNorm()).isZero();
        assertThat(aprilFigures.withinLimit()).isZero();
        // forty calendar days across the change to summer time (31 March) are forty days less an hour
        assertThat(aprilFigures.medianDays()).isCloseTo(40.0 - 1.0 / 24, org.assertj.core.data.Offset.offset(0.001));

        // one more, submitted and decided now: it shows through the events alone
        YearMonth now = YearMonth.now(SwedishTime.ZONE);
        var before = figures(now, now).months().stream()
                .filter(m -> m.caseType().equals("ekonomiskt-bistand"))
                .findFirst()
                .map(m -> new long[] {m.inflow(), m.decided()})
                .orElse(new long[] {0, 0});
        UUID another = work.welfareApplication(
                vanersborg.id(),
                UUID.randomUUID(),
                "Insikt Testsson",
                se.samla.booking.TestBookings.personalIdentityNumber(719).replace("-", ""));
        work.decide(vanersborg.id(), another, "avslag", "Inkomsten räcker.", "4 kap. 1 § SoL");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> figures(now, now).months().stream()
                        .filter(m -> m.caseType().equals("ekonomiskt-bistand"))
                        .anyMatch(m -> m.inflow() >= before[0] + 1 && m.decided() >= before[1] + 1));
    }

    @Test
    void onlyManagersSeeTheFiguresAndOnlyOfTheirUnits() throws Exception {
        UUID welfare = TestCaseWork.from(context)
                .welfareApplication(
                        vanersborg.id(),
                        UUID.randomUUID(),
                        "Insikt Testsson",
                        se.samla.booking.TestBookings.personalIdentityNumber(720)
                                .replace("-", ""));
        var manager = logins().staff(vanersborg, "maja", "Maja Chef", List.of("chef:SOC"), "konfidentiell");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mvc.perform(atVanersborg(get("/personal/insikter")).with(manager.processor()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .contains("Ansökan om ekonomiskt bistånd"));
        mvc.perform(atVanersborg(get("/personal/insikter")).with(manager.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Verksamhetens siffror")))
                .andExpect(content().string(containsString("Socialförvaltningen")));
        // a manager sees figures, not the cases: the case itself is not found for them
        mvc.perform(atVanersborg(get("/personal/arenden/" + welfare)).with(manager.processor()))
                .andExpect(status().isNotFound());
        // a secret case type is counted only for a manager whose clearance reaches it
        var internal = logins().staff(vanersborg, "mats", "Mats Mellanchef", List.of("chef:SOC"), "intern");
        mvc.perform(atVanersborg(get("/personal/insikter")).with(internal.processor()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(org.hamcrest.Matchers.not(containsString("Ansökan om ekonomiskt bistånd"))));
        mvc.perform(atVanersborg(get("/personal/insikter")
                                .param("fran", "2020-01")
                                .param("till", "2025-01"))
                        .with(manager.processor()))
                .andExpect(status().isBadRequest());
        mvc.perform(atVanersborg(get("/personal/insikter.csv")).with(manager.processor()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "arendetyp,manad,inkomna,beslutade,median_dagar,p90_dagar,inom_servicenorm,inom_lagkrav")));
        mvc.perform(atVanersborg(get("/personal/insikter").param("fran", "2026-13"))
                        .with(manager.processor()))
                .andExpect(status().isBadRequest());
        mvc.perform(atVanersborg(get("/personal/insikter")
                                .param("fran", "2026-10")
                                .param("till", "2026-01"))
                        .with(manager.processor()))
                .andExpect(status().isBadRequest());
        // a case officer is not a manager
        var officer =
                logins().staff(vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "intern");
        mvc.perform(atVanersborg(get("/personal/insikter")).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/personal/insikter.csv")).with(officer.processor()))
                .andExpect(status().isForbidden());
        // a manager of buildings sees none of the social services' case types
        var builder = logins().staff(vanersborg, "bo", "Bo Byggchef", List.of("chef:SBF-BYGG"), "intern");
        mvc.perform(atVanersborg(get("/personal/insikter")).with(builder.processor()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(org.hamcrest.Matchers.not(containsString("Ansökan om ekonomiskt bistånd"))));
        mvc.perform(atVanersborg(get("/personal/insikter"))).andExpect(status().is3xxRedirection());
    }
}
