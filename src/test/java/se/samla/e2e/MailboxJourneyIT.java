package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/**
 * "Skriv till oss" in a real browser: Tolvan, without JavaScript, writes to social services with a file and first
 * forgets the text; Sara, at the keyboard alone, finds it in her inbox, answers and makes it a case; Tolvan reads the
 * answer and follows the thread to the case. Every page is checked with axe-core.
 */
class MailboxJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String kind, String who) {
        browser.open(at("/logga-in"));
        browser.click(kind);
        browser.click(who);
    }

    @Test
    void aResidentWritesTheUnitAnswersAndMakesItACase() throws Exception {
        Path attachment = Files.createTempFile("hyresavi", ".pdf");
        Files.write(attachment, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes());
        String subject = "Hyran i januari " + System.nanoTime();

        try (Browser tolvan = Browser.withoutJavaScript()) {
            login(tolvan, "Logga in med e-legitimation", "Tolvan Tolvansson");
            tolvan.open(at("/mina-sidor"));
            tolvan.click("Skriv till oss");
            assertThat(tolvan.heading()).isEqualTo("Skriv till oss");
            tolvan.assertAccessible();
            tolvan.click("Skriv ett nytt meddelande");
            assertThat(tolvan.text()).contains("Ekonomiskt bistånd").contains("tillitsnivå 3");
            tolvan.assertAccessible();

            tolvan.driver.findElement(By.id("f-unit-SOC-EKB")).click();
            tolvan.driver.findElement(By.id("f-subject")).sendKeys(subject);
            tolvan.click("Skicka");
            assertThat(tolvan.text()).contains("Det finns ett fel i formuläret").contains("Skriv ett meddelande.");
            // what was chosen and typed is kept
            assertThat(tolvan.driver.findElement(By.id("f-subject")).getAttribute("value"))
                    .isEqualTo(subject);
            tolvan.assertAccessible();

            tolvan.driver.findElement(By.id("f-body")).sendKeys("Kan jag få hjälp med hyran i januari?");
            tolvan.driver.findElement(By.id("f-bilagor")).sendKeys(attachment.toString());
            tolvan.click("Skicka");
            assertThat(tolvan.text())
                    .contains("Ditt meddelande är skickat.")
                    .contains("Väntar på svar från enheten")
                    .contains(attachment.getFileName().toString());
            tolvan.assertAccessible();
        }

        try (Browser sara = Browser.withJavaScript()) {
            login(sara, "Logga in som personal", "Sara Socialsekreterare");
            sara.open(at("/personal"));
            sara.tabTo("Inkorg");
            sara.pressEnter();
            assertThat(sara.heading()).isEqualTo("Inkorg: Skriv till oss");
            assertThat(sara.text())
                    .contains(subject)
                    .contains("Tolvan Tolvansson")
                    .contains("Väntar på svar");
            sara.assertAccessible();
            sara.tabTo(subject);
            sara.pressEnter();
            assertThat(sara.text()).contains("Kan jag få hjälp med hyran i januari?");
            sara.assertAccessible();

            sara.tabToField("f-body");
            sara.type("Ja, ansök om ekonomiskt bistånd. Vi gör ditt meddelande till en ansökan.");
            sara.tabTo("Skicka svaret");
            sara.pressEnter();
            assertThat(sara.text())
                    .contains("Svaret är skickat.")
                    .contains("Vi gör ditt meddelande")
                    .contains("Inte läst än");
            sara.assertAccessible();

            sara.tabTo("Gör till ärende");
            sara.pressEnter();
            assertThat(sara.text()).contains("Tråden finns nu i ett ärende.").contains("I ärende SOC ");
            sara.assertAccessible();
            sara.click("Tråden finns nu i ärende");
            assertThat(sara.text()).contains("Meddelanden via Skriv till oss").contains("hyran i januari");
        }

        try (Browser weaker = Browser.withoutJavaScript()) {
            // the same person with an e-ID at level 2: social services are out of reach, and say why
            login(weaker, "Logga in med e-legitimation", "tillitsnivå 2");
            weaker.open(at("/mina-sidor/meddelanden/nytt"));
            assertThat(weaker.text()).contains("Kräver e-legitimation på tillitsnivå 3");
            weaker.driver.findElement(By.id("f-unit-SOC-EKB")).click();
            weaker.driver.findElement(By.id("f-subject")).sendKeys("Med en svagare e-legitimation");
            weaker.driver.findElement(By.id("f-body")).sendKeys("Hej");
            weaker.click("Skicka");
            assertThat(weaker.text())
                    .contains("Den här enheten kräver att du loggar in med e-legitimation på tillitsnivå 3");
            weaker.assertAccessible();
            // the thread is listed, but not what it is about, and opening it shows nothing of it
            weaker.open(at("/mina-sidor/meddelanden"));
            assertThat(weaker.text())
                    .doesNotContain(subject)
                    .contains("Logga in med e-legitimation på tillitsnivå 3 för att se det här meddelandet");
            weaker.assertAccessible();
            weaker.click("tillitsnivå 3 för att se");
            assertThat(weaker.text()).doesNotContain("Kan jag få hjälp med hyran i januari?");
        }

        try (Browser tolvan = Browser.withoutJavaScript()) {
            login(tolvan, "Logga in med e-legitimation", "Tolvan Tolvansson");
            tolvan.open(at("/mina-sidor/meddelanden"));
            assertThat(tolvan.text()).contains(subject).contains("Nytt svar");
            tolvan.click(subject);
            assertThat(tolvan.text())
                    .contains("Vi gör ditt meddelande till en ansökan.")
                    .contains("Sara Socialsekreterare");
            tolvan.assertAccessible();
            tolvan.click("Tråden finns nu i ärende");
            assertThat(tolvan.text())
                    .contains("Ansökan om ekonomiskt bistånd")
                    .contains("Meddelanden via Skriv till oss")
                    .contains(attachment.getFileName().toString());
        }
    }
}
