package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/**
 * A newcomer who knows nothing of units or e-service names finds the building permit for their deck from the start
 * page in two steps, by searching or by life event, without JavaScript and with the keyboard alone; the new pages
 * pass axe-core in both languages.
 */
class GuideJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void aNewcomerFindsTheBuildingPermitForTheirDeckInTwoSteps() {
        try (Browser browser = Browser.withoutJavaScript()) {
            browser.open(at("/"));
            assertThat(browser.heading()).isEqualTo("Välkommen till Vänersborgs kommun");
            browser.assertAccessible();

            // one: say what you want to do
            browser.driver.findElement(By.id("start-q")).sendKeys("bygglov för altan");
            browser.pressEnter();
            assertThat(browser.heading()).isEqualTo("Sök");
            assertThat(browser.text()).contains("E-tjänster").contains("Ansökan om bygglov");
            browser.assertAccessible();
            // two: open it
            browser.click("Ansökan om bygglov");
            assertThat(browser.heading()).isEqualTo("Ansökan om bygglov");
            assertThat(browser.url()).endsWith("/e-tjanster/bygglov");

            // or by life event: one, the event; two, the e-service
            browser.open(at("/"));
            browser.click("Bygga och renovera");
            assertThat(browser.heading()).isEqualTo("Bygga och renovera");
            assertThat(browser.text())
                    .contains("Anmälan om attefallsåtgärd")
                    .contains("Bygglov och anmälan hos Boverket");
            browser.assertAccessible();
            browser.click("Ansökan om bygglov");
            assertThat(browser.heading()).isEqualTo("Ansökan om bygglov");
        }
    }

    @Test
    void theSearchBoxOnEveryPageWorksWithTheKeyboardAloneAndInEnglish() {
        try (Browser browser = Browser.withoutJavaScript()) {
            browser.open(at("/lokaler"));
            browser.tabToField("site-q");
            browser.type("idrottshall");
            browser.pressEnter();
            assertThat(browser.text()).contains("Boka lokal").contains("Idrottshallen Vänersborg");

            browser.open(at("/sok?q=building+permit&lang=en"));
            assertThat(browser.heading()).isEqualTo("Search");
            assertThat(browser.text()).contains("E-services").contains("Application for building permit");
            browser.assertAccessible();
            browser.open(at("/livshandelser/bli-aldre"));
            assertThat(browser.heading()).isEqualTo("Growing older");
            browser.assertAccessible();
            // the choice of language is kept from page to page
            browser.open(at("/"));
            assertThat(browser.heading()).isEqualTo("Welcome to Vänersborgs kommun");
            browser.assertAccessible();
        }
    }
}
