package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import se.samla.SamlaIntegrationTest;

/**
 * Records end to end: a resident applies for financial assistance; the public register shows the case's
 * documents with what is secret left out; a member of the public asks for the application; the registrar
 * releases a masked copy, which the requester reads.
 */
class RecordsJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void fromApplicationToAMaskedCopy() {
        String reference;
        try (Browser resident = Browser.withJavaScript()) {
            resident.open(at("/logga-in"));
            resident.click("Logga in med e-legitimation");
            resident.click("Tolvan Tolvansson");
            resident.open(at("/e-tjanster/ekonomiskt-bistand/formular"));
            resident.driver.findElement(By.id("f-household-ensam")).click();
            resident.driver.findElement(By.id("f-applyingFor-hyra")).click();
            resident.setDate("f-month", java.time.LocalDate.now());
            resident.driver.findElement(By.id("f-monthlyIncome")).sendKeys("4500");
            resident.driver.findElement(By.id("f-housingCost")).sendKeys("6200");
            resident.driver
                    .findElement(By.id("f-situation"))
                    .sendKeys("Min sambo har flyttat och jag klarar inte hyran.");
            resident.driver.findElement(By.id("f-phone")).sendKeys("0521-654321");
            resident.driver.findElement(By.id("f-email")).sendKeys("tolvan@example.org");
            resident.click("Skicka in");
            reference = resident.driver
                    .findElement(By.cssSelector(".receipt strong"))
                    .getText();
        }

        String follow;
        try (Browser anyone = Browser.withJavaScript()) {
            anyone.open(at("/diarium?q=" + reference.replace(" ", "+").replace("/", "%2F")));
            assertThat(anyone.text())
                    .contains(reference + "-1")
                    .contains("Ansökan om ekonomiskt bistånd")
                    .contains("(sekretess)")
                    .contains("26 kap. 1 § OSL")
                    .doesNotContain("Tolvan")
                    .doesNotContain("19121212");
            anyone.assertAccessible();
            WebElement ask =
                    anyone.driver.findElement(By.cssSelector("a[aria-label='Begär handling " + reference + "-1']"));
            ask.click();
            new org.openqa.selenium.support.ui.WebDriverWait(anyone.driver, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("/diarium/begar/"));
            assertThat(anyone.heading()).isEqualTo("Begär att få ta del av en allmän handling");
            anyone.assertAccessible();
            anyone.driver.findElement(By.id("message")).sendKeys("Jag granskar kommunens handläggning.");
            anyone.click("Skicka begäran");
            assertThat(anyone.text()).contains("Vi har tagit emot din begäran").contains("Under prövning");
            anyone.assertAccessible();
            follow = anyone.url().replace("?ny=1", "");
        }

        try (Browser registrar = Browser.withJavaScript()) {
            registrar.open(at("/logga-in"));
            registrar.click("Logga in som personal");
            registrar.click("Rune Registrator");
            registrar.open(at("/personal"));
            registrar.click("Begäranden");
            assertThat(registrar.text()).contains(reference + "-1").contains("i dag");
            registrar.assertAccessible();
            registrar.click(reference + "-1");
            assertThat(registrar.text())
                    .contains("Tolvan Tolvansson, 19121212-1212")
                    .contains("Anonym");
            registrar.assertAccessible();
            registrar
                    .driver
                    .findElement(By.cssSelector("input[name=outcome][value=RELEASED_MASKED]"))
                    .click();
            registrar
                    .driver
                    .findElement(By.id("reasons"))
                    .sendKeys("Uppgifter om den enskildes personliga förhållanden.");
            WebElement text = registrar.driver.findElement(By.id("releasedText"));
            String masked = text.getAttribute("value")
                    .replace("Tolvan Tolvansson, 19121212-1212", "████")
                    .replace("Min sambo har flyttat och jag klarar inte hyran.", "████")
                    .replace("0521654321", "████")
                    .replace("tolvan@example.org", "████");
            text.clear();
            text.sendKeys(masked);
            registrar.click("Fatta beslut");
            assertThat(registrar.text()).contains("Lämnas ut med maskeringar");
        }

        try (Browser anyone = Browser.withJavaScript()) {
            anyone.open(follow);
            assertThat(anyone.text())
                    .contains("Lämnas ut med maskeringar")
                    .contains("████")
                    .contains("kammarrätten")
                    .contains("Hyra")
                    .doesNotContain("Tolvan")
                    .doesNotContain("19121212")
                    .doesNotContain("sambo")
                    .doesNotContain("0521");
            anyone.assertAccessible();
        }
    }
}
