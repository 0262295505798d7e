package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;

/**
 * The heart of Samla: a resident applies for financial assistance with a file, the case officer claims it
 * and asks for more, the resident answers, the officer decides, and the resident reads the decision.
 */
class CaseJourneyIT extends SamlaIntegrationTest {

    @Autowired
    GreenMail mail;

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String kind, String who) {
        browser.open(at("/logga-in"));
        browser.click(kind);
        browser.click(who);
    }

    @Test
    void fromApplicationToDecision() throws Exception {
        Path statement = Files.createTempFile("kontoutdrag", ".pdf");
        Files.writeString(statement, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        String reference;
        String caseUrl;
        try (Browser resident = Browser.withJavaScript()) {
            login(resident, "Logga in med e-legitimation", "Tolvan Tolvansson");
            resident.open(at("/e-tjanster/ekonomiskt-bistand/formular"));
            resident.driver.findElement(By.id("f-household-ensam")).click();
            resident.driver.findElement(By.id("f-applyingFor-hyra")).click();
            resident.setDate("f-month", java.time.LocalDate.now());
            resident.driver.findElement(By.id("f-monthlyIncome")).sendKeys("4500");
            resident.driver.findElement(By.id("f-housingCost")).sendKeys("6200");
            resident.driver
                    .findElement(By.id("f-situation"))
                    .sendKeys("Jag har blivit arbetslös och kan inte betala hyran.");
            resident.driver.findElement(By.id("f-phone")).sendKeys("0521-123456");
            resident.driver.findElement(By.id("f-email")).sendKeys("tolvan@example.se");
            resident.driver.findElement(By.id("f-documents")).sendKeys(statement.toString());
            resident.click("Skicka in");
            assertThat(resident.heading()).as(resident.text()).isEqualTo("Kvitto");
            reference = resident.driver
                    .findElement(By.cssSelector(".receipt strong"))
                    .getText();
            assertThat(reference).matches("SOC \\d{4}/\\d{6}");
            resident.click("Följ ärendet på Mina sidor");
            caseUrl = resident.url();
        }

        try (Browser officer = Browser.withJavaScript()) {
            login(officer, "Logga in som personal", "Sara Socialsekreterare");
            officer.click("Till arbetsytan");
            assertThat(officer.text()).contains(reference);
            officer.assertAccessible();
            officer.click(reference);
            assertThat(officer.text())
                    .contains("Tolvan Tolvansson, 19121212-1212")
                    .contains("26 kap. 1 § OSL")
                    .contains(statement.getFileName().toString());
            officer.assertAccessible();
            officer.click("Ta ärendet");
            officer.click("Flytta till: Under handläggning");
            assertThat(officer.text()).contains("Under handläggning").contains("Sara Socialsekreterare");

            officer.driver
                    .findElement(By.xpath("//summary[contains(., 'Begär komplettering')]"))
                    .click();
            officer.driver.findElement(By.id("items")).sendKeys("Hyresavi för december\nKontoutdrag för november");
            officer.click("Skicka begäran");
            assertThat(officer.text()).contains("Väntar på komplettering").contains("Hyresavi för december");

            officer.driver.findElement(By.id("note")).sendKeys("Ring sökanden om svar dröjer.");
            officer.click("Spara anteckning");
            officer.assertAccessible();
        }

        try (Browser resident = Browser.withJavaScript()) {
            login(resident, "Logga in med e-legitimation", "Tolvan Tolvansson");
            resident.open(caseUrl);
            assertThat(resident.text())
                    .contains("Vi behöver mer information från dig")
                    .contains("Hyresavi för december")
                    .doesNotContain("Ring sökanden");
            resident.assertAccessible();
            resident.driver
                    .findElement(By.cssSelector("textarea[name=answer]"))
                    .sendKeys("Här är hyresavin och kontoutdraget.");
            resident.click("Skicka komplettering");
            assertThat(resident.text()).contains("Din ansökan handläggs").contains("Här är hyresavin");
        }

        try (Browser officer = Browser.withJavaScript()) {
            login(officer, "Logga in som personal", "Sara Socialsekreterare");
            officer.open(at("/personal/arenden?ko=mina"));
            officer.click(reference);
            assertThat(officer.text()).contains("Här är hyresavin");
            officer.driver
                    .findElement(By.xpath("//summary[contains(., 'Fatta beslut')]"))
                    .click();
            officer.driver.findElement(By.id("outcome-beviljat")).click();
            officer.driver
                    .findElement(By.id("reasons"))
                    .sendKeys("Sökanden saknar inkomst och har rätt till bistånd för hyran.");
            officer.driver.findElement(By.id("legalReference")).sendKeys("4 kap. 1 § socialtjänstlagen (2001:453)");
            officer.click("Fatta beslut och avsluta");
            assertThat(officer.text()).contains("Beslutad").contains("Beviljat");
            officer.assertAccessible();
        }

        try (Browser resident = Browser.withJavaScript()) {
            login(resident, "Logga in med e-legitimation", "Tolvan Tolvansson");
            resident.open(caseUrl);
            assertThat(resident.text())
                    .contains("Beslut fattat")
                    .contains("Beviljat")
                    .contains("4 kap. 1 § socialtjänstlagen")
                    .contains("överklaga");
            resident.assertAccessible();
            resident.open(at("/mina-sidor"));
            assertThat(resident.text()).contains("Avslutade ärenden").contains(reference);
        } finally {
            Files.deleteIfExists(statement);
        }
        // the e-mails arrived, through a real SMTP server, and say nothing of what the case is about
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var subjects = Arrays.stream(mail.getReceivedMessagesForDomain("example.se"))
                    .filter(m -> subject(m).contains(reference))
                    .map(CaseJourneyIT::subject)
                    .toList();
            assertThat(subjects)
                    .containsExactlyInAnyOrder(
                            "Vänersborgs kommun: vi har tagit emot ditt ärende " + reference,
                            "Vänersborgs kommun: vi behöver mer information i ärende " + reference,
                            "Vänersborgs kommun: beslut i ärende " + reference);
        });
        for (var message : mail.getReceivedMessagesForDomain("example.se")) {
            String body = (String) message.getContent();
            assertThat(body)
                    .contains(reference)
                    .contains("http://vanersborg.localhost:" + port + "/mina-sidor")
                    .doesNotContain("bistånd")
                    .doesNotContain("arbetslös")
                    .doesNotContain("19121212");
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("tolvan@example.se");
        }
    }

    static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
