package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import se.samla.e2e.Browser;

/**
 * Without a mail server (the default run), notifications land in the demo mailbox, shown per tenant.
 * This context has no SMTP server on purpose, unlike the rest of the suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoMailboxIT {

    @LocalServerPort
    int port;

    @Test
    void aReceiptLandsInTheDemoMailbox() {
        String address = "brevlada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.se";
        String base = "http://vanersborg.localhost:" + port;
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(base + "/e-tjanster/synpunkt-klagomal/formular");
            browser.driver.findElement(By.id("f-kind-berom")).click();
            browser.driver.findElement(By.id("f-area-skola")).click();
            browser.driver.findElement(By.id("f-message")).sendKeys("Tack för en fin skolgård!");
            browser.driver.findElement(By.id("f-wantsAnswer-ja")).click();
            browser.driver.findElement(By.id("f-email")).sendKeys(address);
            browser.click("Skicka in");
            String reference = browser.driver
                    .findElement(By.cssSelector(".receipt strong"))
                    .getText();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                browser.open(base + "/demo-postlada");
                assertThat(browser.text())
                        .contains("Till " + address)
                        .contains("vi har tagit emot ditt ärende " + reference)
                        .doesNotContain("skolgård");
            });
            browser.assertAccessible();
        }
    }
}
