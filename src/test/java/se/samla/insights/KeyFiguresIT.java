package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.shared.SwedishTime;

/** The key figures for Kolada: a year's values in Kolada's terms, agreeing with the cases' own tables. */
class KeyFiguresIT extends SamlaIntegrationTest {

    /** Moves the case into February 2017, a year of this test's own: submitted on the day, decided days later. */
    void inFebruary2017(UUID caseId, int day, int decidedAfterDays) {
        transactions.run(vanersborg.id(), () -> {
            var submitted = java.time.LocalDate.of(2017, 2, day).atTime(10, 0).atZone(SwedishTime.ZONE);
            jdbc.sql("""
                    UPDATE cases."case" SET submitted_at = :s, planned_decision_on = :planned, latest_decision_on = :latest
                    WHERE id = :c
                    """)
                    .param("s", java.sql.Timestamp.from(submitted.toInstant()))
                    .param("planned", submitted.toLocalDate().plusDays(10))
                    .param("latest", submitted.toLocalDate().plusDays(30))
                    .param("c", caseId)
                    .update();
            jdbc.sql("UPDATE cases.decision SET decided_at = :d WHERE case_id = :c")
                    .param(
                            "d",
                            java.sql.Timestamp.from(
                                    submitted.plusDays(decidedAfterDays).toInstant()))
                    .param("c", caseId)
                    .update();
        });
    }

    @Test
    void aYearsKeyFiguresAgreeWithTheCases() throws Exception {
        var work = TestCaseWork.from(context);
        int[] decidedAfter = {4, 6, 20};
        for (int i = 0; i < 3; i++) {
            UUID caseId = work.welfareApplication(
                    vanersborg.id(),
                    UUID.randomUUID(),
                    "Nyckel Testsson",
                    se.samla.booking.TestBookings.personalIdentityNumber(740 + i)
                            .replace("-", ""));
            work.decide(vanersborg.id(), caseId, "beviljat", "Du har rätt till bistånd.", "4 kap. 1 § SoL");
            inFebruary2017(caseId, 6 + i, decidedAfter[i]);
        }
        context.getBean(CaseFactsProjection.class).catchUp(vanersborg, true);

        var manager = logins().staff(vanersborg, "maja", "Maja Chef", List.of("chef:SOC"), "konfidentiell");
        String csv = mvc.perform(atVanersborg(get("/personal/insikter/kolada.csv")
                                .param("fran", "2017")
                                .param("till", "2017"))
                        .with(manager.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // the same figures straight from the cases' tables
        Double median = transactions.read(
                vanersborg.id(), () -> jdbc.sql("""
                                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - c.submitted_at))
                                       / 86400
                                FROM cases."case" c JOIN cases.decision d ON d.tenant_id = c.tenant_id AND d.case_id = c.id
                                WHERE c.case_type = 'ekonomiskt-bistand' AND d.decided_at >= '2017-01-01T00:00:00+01'
                                  AND d.decided_at < '2018-01-01T00:00:00+01'
                                """).query(Double.class).single());
        assertThat(median).isEqualTo(6.0);
        assertThat(csv.lines().toList())
                .startsWith("kpi,municipality,period,gender,value")
                .contains(
                        "DEMO-EKB-MEDIAN,1487,2017,T,6.0",
                        // two of three decided within the ten days the norm promised
                        "DEMO-EKB-INOM-NORM,1487,2017,T,66.7",
                        "DEMO-EKB-INKOMNA,1487,2017,T,3.0");
        // a year without cases gives no figure, and a manager's clearance keeps a secret case type out
        var internal = logins().staff(vanersborg, "mats", "Mats Mellanchef", List.of("chef:SOC"), "intern");
        String withoutSecret = mvc.perform(atVanersborg(get("/personal/insikter/kolada.csv")
                                .param("fran", "2017")
                                .param("till", "2017"))
                        .with(internal.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(withoutSecret).doesNotContain("DEMO-EKB");
        var officer = logins().staff(
                        vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        mvc.perform(atVanersborg(get("/personal/insikter/kolada.csv")).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/personal/insikter/kolada.csv").param("fran", "tjugo"))
                        .with(manager.processor()))
                .andExpect(status().isBadRequest());
    }
}
