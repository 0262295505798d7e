package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/** A resident finds an e-service, makes mistakes, corrects them, submits with a file and follows the case. */
class EServiceJourneyIT extends SamlaIntegrationTest {

    String vanersborg(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void aResidentAppliesForABuildingPermitAndFollowsIt() throws Exception {
        Path drawing = Files.createTempFile("ritning", ".pdf");
        Files.writeString(drawing, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/logga-in"));
            browser.click("Logga in med e-legitimation");
            browser.click("Tolvan Tolvansson");

            browser.open(vanersborg("/e-tjanster"));
            assertThat(browser.heading()).isEqualTo("E-tjänster");
            browser.assertAccessible();
            browser.driver.findElement(By.id("q")).sendKeys("altan");
            // submitted from its own box (the header's search box has a button of the same name)
            browser.pressEnter();
            assertThat(browser.text()).contains("Ansökan om bygglov").doesNotContain("ekonomiskt bistånd");

            browser.click("Ansökan om bygglov");
            assertThat(browser.text()).contains("Normalt 35 dagar");
            browser.assertAccessible();
            browser.click("Starta e-tjänsten");
            browser.assertAccessible();

            browser.driver.findElement(By.id("f-property")).sendKeys("Vänersborg Nordstaden 3:12");
            browser.driver.findElement(By.id("f-address-postalCode")).sendKeys("46");
            browser.click("Skicka in");
            assertThat(browser.text())
                    .contains("fel i formuläret")
                    .contains("Skriv postnumret med fem siffror")
                    .contains("Bifoga minst en fil");
            assertThat(browser.driver.findElement(By.id("f-property")).getAttribute("value"))
                    .isEqualTo("Vänersborg Nordstaden 3:12");
            browser.assertAccessible();

            browser.driver.findElement(By.id("f-address-street")).sendKeys("Sundsgatan 29");
            var postal = browser.driver.findElement(By.id("f-address-postalCode"));
            postal.clear();
            postal.sendKeys("462 85");
            browser.driver.findElement(By.id("f-address-city")).sendKeys("Vänersborg");
            browser.driver.findElement(By.id("f-measure-tillbyggnad")).click();
            browser.driver.findElement(By.id("f-description")).sendKeys("Inglasad altan mot trädgården");
            browser.driver.findElement(By.id("f-applicantIsOwner-ja")).click();
            browser.driver.findElement(By.id("f-drawings")).sendKeys(drawing.toString());
            browser.click("Skriv under och skicka in");

            // the e-ID asks for a fresh login, then shows what is signed
            assertThat(browser.text()).contains("Du har ombetts att skriva under");
            browser.click("Tolvan Tolvansson");
            assertThat(browser.heading()).isEqualTo("Skriv under");
            assertThat(browser.text())
                    .contains("Jag skriver under min ansökan om bygglov till Vänersborgs kommun")
                    .containsPattern("SHA-256\\): [0-9a-f]{8} [0-9a-f]{8}");
            browser.assertAccessible();
            browser.click("Skriv under");

            assertThat(browser.heading()).isEqualTo("Kvitto");
            assertThat(browser.text()).containsPattern("SBF \\d{4}/\\d{6}");
            browser.assertAccessible();

            browser.click("Följ ärendet på Mina sidor");
            assertThat(browser.text())
                    .contains("Vi har tagit emot din ansökan")
                    .contains("Inglasad altan mot trädgården")
                    .contains(drawing.getFileName().toString());
            browser.assertAccessible();

            browser.open(vanersborg("/mina-sidor"));
            assertThat(browser.text()).contains("Ansökan om bygglov");
            browser.assertAccessible();
        } finally {
            Files.deleteIfExists(drawing);
        }
    }
}
