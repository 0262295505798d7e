package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The expected decision date from the queue: the cases ahead worked off at the last 90 days' pace; none from a unit
 * that decided too little lately; and how far the kept forecasts were from the decisions.
 */
class ForecastIT extends SamlaIntegrationTest {

    /** A fact of a case of the test's own kind (no such case type exists, so nothing else counts it). */
    void fact(String type, Instant submitted, Instant decided, LocalDate predicted) {
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("""
                        INSERT INTO insights.case_fact (tenant_id, case_id, case_type, unit, channel, submitted_at,
                            planned_decision_on, latest_decision_on, decided_at, closed_at, version, predicted_decision_on)
                        VALUES (:t, :c, :type, 'BUF-SKJUTS', 'E_SERVICE', :s, current_date, current_date, :d, :d, 1, :p)
                        """)
                        .param("t", vanersborg.id().value())
                        .param("c", UUID.randomUUID())
                        .param("type", type)
                        .param("s", Timestamp.from(submitted))
                        .param("d", decided == null ? null : Timestamp.from(decided))
                        .param("p", predicted)
                        .update());
    }

    @Test
    void theQueueAheadAtTheRecentPaceGivesTheDate() {
        String type = "prognos-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        Forecasts forecasts = context.getBean(Forecasts.class);
        LocalDate today = LocalDate.now(SwedishTime.ZONE);
        // two decided in the last 90 days: too few to say
        fact(type, now.minus(60, ChronoUnit.DAYS), now.minus(50, ChronoUnit.DAYS), null);
        fact(type, now.minus(40, ChronoUnit.DAYS), now.minus(30, ChronoUnit.DAYS), null);
        // and one decided long before the window, which does not count
        fact(type, now.minus(400, ChronoUnit.DAYS), now.minus(300, ChronoUnit.DAYS), null);
        UUID mine = UUID.randomUUID();
        Instant submitted = now.minus(1, ChronoUnit.DAYS);
        assertThat(CurrentTenant.callAs(vanersborg.id(), () -> forecasts.forecast(mine, type, "BUF-SKJUTS", submitted)))
                .isEmpty();
        // a third: nine decisions in 90 days would be 0.1 a day; three are 1/30 a day
        fact(type, now.minus(20, ChronoUnit.DAYS), now.minus(10, ChronoUnit.DAYS), null);
        // two open cases came in before, one after
        fact(type, now.minus(5, ChronoUnit.DAYS), null, null);
        fact(type, now.minus(3, ChronoUnit.DAYS), null, null);
        fact(type, now, null, null);
        // (2 ahead + this one) at 1/30 a day: 90 days
        assertThat(CurrentTenant.callAs(vanersborg.id(), () -> forecasts.forecast(mine, type, "BUF-SKJUTS", submitted)))
                .contains(today.plusDays(90));
    }

    @Test
    void managersSeeHowFarTheForecastsWereFromTheDecisions() throws Exception {
        String type = "prognos-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        // decided 2, 10 and 3 days from what was forecast; one decided more than a year ago does not count
        LocalDate decidedOn = LocalDate.now(SwedishTime.ZONE).minusDays(20);
        Instant decided = decidedOn.atTime(12, 0).atZone(SwedishTime.ZONE).toInstant();
        fact(type, now.minus(40, ChronoUnit.DAYS), decided, decidedOn.minusDays(2));
        fact(type, now.minus(40, ChronoUnit.DAYS), decided, decidedOn.plusDays(10));
        fact(type, now.minus(40, ChronoUnit.DAYS), decided, decidedOn.plusDays(3));
        fact(type, now.minus(500, ChronoUnit.DAYS), now.minus(400, ChronoUnit.DAYS), decidedOn);
        var accuracy = CurrentTenant.callAs(
                vanersborg.id(), () -> context.getBean(Forecasts.class).accuracy(List.of("BUF-SKJUTS"), List.of(type)));
        assertThat(accuracy).singleElement().satisfies(a -> {
            assertThat(a.decided()).isEqualTo(3);
            assertThat(a.meanAbsoluteErrorDays()).isEqualTo(5.0);
            assertThat(a.withinAWeek()).isEqualTo(2);
        });
        var manager = logins().staff(vanersborg, "maja", "Maja Chef", List.of("chef:BUF"), "intern");
        mvc.perform(atVanersborg(get("/personal/insikter")).with(manager.processor()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Prognosernas träffsäkerhet det senaste året")));
    }

    @Test
    void theResidentSeesTheForecastBesideTheServiceNorm() throws Exception {
        // enough recent decisions of economic assistance in the unit that a forecast can be made
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            transactions.run(
                    vanersborg.id(),
                    () -> jdbc.sql("""
                            INSERT INTO insights.case_fact (tenant_id, case_id, case_type, unit, channel, submitted_at,
                                planned_decision_on, latest_decision_on, decided_at, closed_at, version)
                            VALUES (:t, :c, 'ekonomiskt-bistand', 'SOC-EKB', 'E_SERVICE', :s, current_date, current_date,
                                :d, :d, 1)
                            """)
                            .param("t", vanersborg.id().value())
                            .param("c", UUID.randomUUID())
                            .param("s", Timestamp.from(now.minus(30, ChronoUnit.DAYS)))
                            .param("d", Timestamp.from(now.minus(20, ChronoUnit.DAYS)))
                            .update());
        }
        String number =
                se.samla.booking.TestBookings.personalIdentityNumber(750).replace("-", "");
        var resident = logins().resident(vanersborg, "Prognos Testsson", number);
        UUID caseId = TestCaseWork.from(context)
                .welfareApplication(
                        vanersborg.id(),
                        ((se.samla.identity.SignedInUser.Resident) resident.user()).personId(),
                        "Prognos Testsson",
                        number);
        var c = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT submitted_at, planned_decision_on FROM cases.\"case\" WHERE id = :id")
                        .param("id", caseId)
                        .query((rs, n) ->
                                new Object[] {rs.getTimestamp(1).toInstant(), rs.getObject(2, LocalDate.class)})
                        .single());
        var expected = CurrentTenant.callAs(
                        vanersborg.id(),
                        () -> context.getBean(Forecasts.class)
                                .forecast(caseId, "ekonomiskt-bistand", "SOC-EKB", (Instant) c[0]))
                .orElseThrow();
        String page = mvc.perform(
                        atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(resident.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        if (expected.equals(c[1])) {
            assertThat(page).doesNotContain("Beräknat beslut utifrån kön just nu");
        } else {
            assertThat(page).contains("Beräknat beslut utifrån kön just nu").contains(expected.toString());
        }
    }
}
