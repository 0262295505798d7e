package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseHandling;
import se.samla.sensors.TestSensors;

/**
 * The smart municipality end to end: the simulator raises Vänern over the high-water limit over MQTT, a case opens in
 * the water unit's queue, a resident's report of a flooded square nearby is linked to it, the water falls and the
 * case waits for staff to confirm that it is back to normal. Every new page is checked with axe-core.
 */
class SensorJourneyIT extends SamlaIntegrationTest {

    static final String LAKE = "vanern-hamnen";

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    UUID sensorCase(Instant since) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("""
                                                SELECT s.case_id FROM reports.sensor_case s
                                                JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                                                WHERE s.device = :d AND s.rule = 'hogt-vatten' AND r.reported_at >= :since
                                                """)
                                        .param("d", LAKE)
                                        .param("since", Timestamp.from(since))
                                        .query(UUID.class)
                                        .optional()
                                        .orElse(null)),
                        id -> id != null);
    }

    @Test
    void aFloodOpensACaseALocalReportJoinsItAndItClearsWhenTheWaterFalls() {
        TestSensors.atRest(transactions, jdbc, context.getBean(CaseHandling.class), vanersborg.id(), LAKE);
        TestSensors.forgetTheLastHour(transactions, jdbc, vanersborg.id(), LAKE);
        Instant started = Instant.now().minusSeconds(1);

        try (Browser ada = Browser.withJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/sensorer/simulator"));
            assertThat(ada.heading()).isEqualTo("Simulera givare (demo)");
            ada.assertAccessible();
            ada.click("Höj vattnet i Vänern");
            assertThat(ada.text()).contains("vattnet står över larmgränsen");
        }
        UUID caseId = sensorCase(started);
        String reference = transactions.read(
                vanersborg.id(),
                () -> context.getBean(CaseHandling.class)
                        .state(caseId)
                        .orElseThrow()
                        .reference());

        String residents;
        try (Browser resident = Browser.withoutJavaScript()) {
            resident.open(at("/felanmalan/ny/oversvamning"));
            resident.driver.findElement(By.id("address")).sendKeys("Plantaget");
            resident.driver.findElement(By.id("f-description")).sendKeys("Vattnet står över gångvägen vid Plantaget.");
            resident.driver.findElement(By.id("f-email")).sendKeys("plantaget@journey-sensor.example.org");
            resident.click("Skicka felanmälan");
            assertThat(resident.heading()).startsWith("Felanmälan SBF-");
            residents = resident.heading().substring("Felanmälan ".length());
        }

        try (Browser gunnel = Browser.withJavaScript()) {
            gunnel.open(at("/logga-in"));
            gunnel.click("Logga in som personal");
            gunnel.click("Gunnel Gatuchef");
            gunnel.open(at("/personal/arenden"));
            assertThat(gunnel.text()).contains(reference);
            gunnel.open(at("/personal/givare"));
            assertThat(gunnel.text()).contains("Vänern vid Vänersborgs hamn").contains("Högt vatten i Vänern");
            gunnel.assertAccessible();
            gunnel.click("Vänern vid Vänersborgs hamn");
            assertThat(gunnel.text()).contains("Larmar sedan").contains("larmgräns 2,10");
            gunnel.assertAccessible();
            gunnel.click("Visa ärendet");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                gunnel.driver.navigate().refresh();
                return gunnel.text().contains(residents);
            });
            assertThat(gunnel.text()).contains("Kopplade anmälningar").contains("Mottagen");
            gunnel.assertAccessible();
            gunnel.open(at("/personal/felanmalan/karta"));
            assertThat(gunnel.text()).contains(residents);
            gunnel.assertAccessible();
            gunnel.open(at("/personal/givare/tomning"));
            gunnel.assertAccessible();
        }

        try (Browser ada = Browser.withJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/sensorer/simulator"));
            ada.click("Sänk vattnet i Vänern");
            assertThat(ada.text()).contains("vattnet har sjunkit under 2,00 m");
        }

        try (Browser gunnel = Browser.withJavaScript()) {
            gunnel.open(at("/logga-in"));
            gunnel.click("Logga in som personal");
            gunnel.click("Gunnel Gatuchef");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                gunnel.open(at("/personal/arenden/" + caseId));
                return gunnel.text().contains("Åter normalt – bekräfta");
            });
            // the case is still open: staff confirm and close it
            assertThat(gunnel.text()).contains("Avsluta utan beslut");
        }

        try (Browser anyone = Browser.withoutJavaScript()) {
            anyone.open(at("/felanmalan/" + residents));
            assertThat(anyone.text()).contains("larmar om samma sak").contains("normala värden");
            anyone.open(at("/givare"));
            assertThat(anyone.text()).contains("Vänern vid Vänersborgs hamn").doesNotContain("Skräpkorg");
            anyone.assertAccessible();
            anyone.click("Vänern vid Vänersborgs hamn");
            assertThat(anyone.text()).contains("Vattennivå");
            anyone.assertAccessible();
        }
    }
}
