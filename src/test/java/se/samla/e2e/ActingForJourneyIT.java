package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/**
 * Acting for others in the browser: an ombud applies for the person who gave him a power of attorney, who then sees
 * it in her own Mina sidor; and a company's signatory signs and sends a registration for the company.
 */
class ActingForJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String who) {
        browser.open(at("/logga-in"));
        browser.click("Logga in med e-legitimation");
        browser.click(who);
    }

    void actFor(Browser browser, String radio) {
        browser.open(at("/mina-sidor"));
        browser.click("Byt");
        assertThat(browser.heading()).isEqualTo("Vem agerar du för?");
        browser.assertAccessible();
        browser.driver.findElement(By.id(radio)).click();
        browser.click("Välj");
    }

    @Test
    void anOmbudAppliesForAnotherWhoSeesWhatWasDoneForHer() throws Exception {
        Path drawing = Files.createTempFile("ritning", ".pdf");
        Files.writeString(drawing, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        String description =
                "Carport åt Anna " + java.util.UUID.randomUUID().toString().substring(0, 6);
        String caseLink;
        try (Browser erik = Browser.withoutJavaScript()) {
            login(erik, "Erik Provare");
            actFor(erik, "val-POWER_OF_ATTORNEY-198705212382");
            assertThat(erik.text()).contains("Du agerar för: Anna Testsson");

            erik.open(at("/e-tjanster/bygglov/formular"));
            erik.driver.findElement(By.id("f-property")).sendKeys("Vänersborg Nordstaden 3:12");
            erik.driver.findElement(By.id("f-address-street")).sendKeys("Sundsgatan 29");
            erik.driver.findElement(By.id("f-address-postalCode")).sendKeys("462 85");
            erik.driver.findElement(By.id("f-address-city")).sendKeys("Vänersborg");
            erik.driver.findElement(By.id("f-measure-nybyggnad")).click();
            erik.driver.findElement(By.id("f-description")).sendKeys(description);
            erik.driver.findElement(By.id("f-applicantIsOwner-ja")).click();
            erik.driver.findElement(By.id("f-drawings")).sendKeys(drawing.toString());
            erik.click("Skicka in utan underskrift");
            assertThat(erik.heading()).isEqualTo("Kvitto");
            erik.click("Följ ärendet på Mina sidor");
            caseLink = erik.url().substring(erik.url().indexOf("/mina-sidor/arenden/"));
            assertThat(erik.text())
                    .contains(description)
                    .contains("Inskickat av Erik Provare för Anna Testsson (med fullmakt i Mina ombud)");
            erik.assertAccessible();
        } finally {
            Files.deleteIfExists(drawing);
        }
        try (Browser anna = Browser.withoutJavaScript()) {
            login(anna, "Anna Testsson");
            anna.open(at("/mina-sidor"));
            assertThat(anna.driver.getPageSource()).contains(caseLink);
            assertThat(anna.text()).contains("Inskickat av Erik Provare för Anna Testsson");
            anna.assertAccessible();
        }
    }

    @Test
    void aSignatorySignsAndSendsForTheCompany() {
        try (Browser erik = Browser.withJavaScript()) {
            login(erik, "Erik Provare");
            erik.open(at("/e-tjanster/registrering-livsmedelsanlaggning/formular"));
            erik.driver.findElement(By.id("f-establishment")).sendKeys("Kafé Kanalen");
            erik.click("Skicka in utan underskrift");
            assertThat(erik.text()).contains("Den här e-tjänsten är för företag");

            actFor(erik, "val-ORGANISATION-5590123450");
            assertThat(erik.text()).contains("Du agerar för: Testbygg i Vänersborg AB");
            erik.open(at("/e-tjanster/registrering-livsmedelsanlaggning/formular"));
            erik.driver.findElement(By.id("f-establishment")).sendKeys("Kafé Kanalen");
            erik.driver.findElement(By.id("f-address-street")).sendKeys("Kanalgatan 2");
            erik.driver.findElement(By.id("f-address-postalCode")).sendKeys("462 32");
            erik.driver.findElement(By.id("f-address-city")).sendKeys("Vänersborg");
            erik.driver.findElement(By.id("f-activity-kafe")).click();
            erik.setDate("f-start", java.time.LocalDate.now().plusDays(30));
            erik.driver.findElement(By.id("f-email")).sendKeys("info@testbygg.example");
            erik.click("Skriv under och skicka in");
            erik.click("Erik Provare");
            assertThat(erik.text())
                    .contains("Jag skriver under registrering av livsmedelsanläggning till Vänersborgs kommun för "
                            + "Testbygg i Vänersborg AB");
            erik.click("Skriv under");
            assertThat(erik.heading()).isEqualTo("Kvitto");
            erik.click("Följ ärendet på Mina sidor");
            assertThat(erik.text())
                    .contains("Inskickat av Erik Provare för Testbygg i Vänersborg AB (som firmatecknare)")
                    .contains("Underskriften är kontrollerad och gäller");
            erik.assertAccessible();
        }
    }
}
