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
                            FROM cases.decision d JOIN cases."case" c ON c.id = d.case_id
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

    @Test
    void theFiguresAgreeWithTheCasesAndFollowTheirEvents() {
        var work = TestCaseWork.from(context);
        for (int i = 0; i < 3; i++) {
            UUID caseId = work.welfareApplication(
                    vanersborg.id(),
                    UUID.randomUUID(),
                    "Insikt Testsson",
                    se.samla.booking.TestBookings.personalIdentityNumber(710 + i)
                            .replace("-", ""));
            if (i < 2) {
                work.decide(vanersborg.id(), caseId, "beviljat", "Du har rätt till bistånd.", "4 kap. 1 § SoL");
            }
        }
        // read in again from the cases' API, as the projection does at its first start
        var projection = context.getBean(CaseFactsProjection.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            projection.catchUp(vanersborg, true);
            YearMonth now = YearMonth.now(SwedishTime.ZONE);
            return shown(figures(now.minusMonths(11), now)).equals(counted(now.minusMonths(11), now));
        });
        YearMonth now = YearMonth.now(SwedishTime.ZONE);
        var before = figures(now, now).months().stream()
                .filter(m -> m.caseType().equals("ekonomiskt-bistand"))
                .findFirst()
                .orElseThrow();
        assertThat(before.inflow()).isGreaterThanOrEqualTo(3);
        assertThat(before.decided()).isGreaterThanOrEqualTo(2);
        assertThat(before.medianDays()).isNotNull().isGreaterThanOrEqualTo(0.0);

        // one more, submitted and decided: it shows through the events alone
        UUID another = work.welfareApplication(
                vanersborg.id(),
                UUID.randomUUID(),
                "Insikt Testsson",
                se.samla.booking.TestBookings.personalIdentityNumber(719).replace("-", ""));
        work.decide(vanersborg.id(), another, "avslag", "Inkomsten räcker.", "4 kap. 1 § SoL");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> figures(now, now).months().stream()
                        .filter(m -> m.caseType().equals("ekonomiskt-bistand"))
                        .anyMatch(m -> m.inflow() == before.inflow() + 1 && m.decided() == before.decided() + 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> shown(figures(now, now)).equals(counted(now, now)));
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
