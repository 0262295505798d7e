package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.reports.PhotoCleanerTestPhotos;

/**
 * Felanmälan end to end: an anonymous resident reports a broken street light with a photo using only the
 * keyboard; a second resident, without JavaScript, is shown that it is already reported but sends their
 * own; the street officer merges the second into the first and closes it as fixed; both residents are told.
 */
class ReportJourneyIT extends SamlaIntegrationTest {

    @Autowired
    GreenMail mail;

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void reportedTwiceMergedAndFixed() throws Exception {
        Path photo = Files.createTempFile("lampa", ".jpg");
        Files.write(photo, PhotoCleanerTestPhotos.withGpsExif(1200, 900));
        String first;
        try (Browser resident = Browser.withJavaScript()) {
            resident.open(at("/felanmalan"));
            resident.assertAccessible();
            resident.tabTo("Gör en felanmälan");
            resident.pressEnter();
            assertThat(resident.heading()).isEqualTo("Gör en felanmälan");
            resident.assertAccessible();
            resident.tabTo("Gatubelysning");
            resident.pressEnter();
            assertThat(resident.heading()).isEqualTo("Felanmälan: Gatubelysning");
            resident.assertAccessible();
            resident.tabToField("address");
            resident.type("Tingsgatan 1");
            resident.tabToField("f-pole");
            resident.type("VB-1187");
            resident.tabToField("f-description");
            resident.type("Lampan i stolpen vid övergångsstället är släckt.");
            resident.tabToField("f-email");
            resident.type("forsta@journey.example.org");
            resident.tabToField("photos").sendKeys(photo.toString());
            resident.tabTo("Skicka felanmälan");
            resident.pressEnter();
            assertThat(resident.heading()).as(resident.text()).startsWith("Felanmälan SBF-");
            assertThat(resident.text())
                    .contains("Tack! Din felanmälan har nummer")
                    .contains("Tingsgatan 1, Vänersborg")
                    .contains("Mottagen")
                    .doesNotContain("forsta@journey.example.org");
            first = resident.heading().substring("Felanmälan ".length());
            resident.assertAccessible();
        }

        String second;
        try (Browser other = Browser.withoutJavaScript()) {
            other.open(at("/felanmalan/ny/gatubelysning"));
            other.driver.findElement(By.id("address")).sendKeys("tingsg 1");
            other.driver.findElement(By.id("f-description")).sendKeys("Gatlampan lyser inte.");
            other.driver.findElement(By.id("f-email")).sendKeys("andra@journey.example.org");
            other.click("Skicka felanmälan");
            assertThat(other.text())
                    .contains("Är det här redan anmält?")
                    .contains(first)
                    .contains("0 meter bort");
            other.click("Nej, det är ett annat problem");
            assertThat(other.heading()).startsWith("Felanmälan SBF-");
            second = other.heading().substring("Felanmälan ".length());
            assertThat(second).isNotEqualTo(first);
        }

        try (Browser officer = Browser.withJavaScript()) {
            officer.open(at("/logga-in"));
            officer.click("Logga in som personal");
            officer.click("Gunnel Gatuchef");
            officer.open(at("/personal/arenden"));
            String secondReference = second.replaceFirst("-", " ").replaceFirst("-", "/");
            officer.click(secondReference);
            officer.click("Felanmälan: karta, närliggande och publik information");
            assertThat(officer.text()).contains(first).contains("SWEREF 99 TM");
            officer.assertAccessible();
            officer.click("Sammanfoga: detta är samma problem som " + first);
            assertThat(officer.text()).contains("sammanfogad med " + first);
            officer.click(first);
            officer.driver.findElement(By.name("photosPublic")).click();
            officer.driver.findElement(By.id("publicText")).sendKeys("Ny ljuskälla är beställd.");
            officer.click("Spara");
            officer.click("Öppna ärendet");
            officer.driver
                    .findElement(By.xpath("//summary[contains(., 'Avsluta utan beslut')]"))
                    .click();
            new Select(officer.driver.findElement(By.id("result"))).selectByVisibleText("Åtgärdad");
            officer.click("Avsluta ärendet");
            assertThat(officer.text()).contains("Åtgärdad");
        }

        try (Browser anyone = Browser.withJavaScript()) {
            anyone.open(at("/felanmalan/" + first));
            assertThat(anyone.text())
                    .contains("Åtgärdad")
                    .contains("Ny ljuskälla är beställd.")
                    .contains("Fler som anmält samma problem\n1");
            assertThat(anyone.driver.findElements(By.cssSelector(".photo-list img")))
                    .hasSize(1);
            anyone.assertAccessible();
            anyone.open(at("/felanmalan/" + second));
            assertThat(anyone.text())
                    .contains("Hanteras tillsammans med")
                    .contains(first)
                    .contains("Avslutad");
            anyone.assertAccessible();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> subjects("forsta@journey.example.org").stream()
                                .anyMatch(s -> s.contains(first + " har ny status"))
                        && subjects("andra@journey.example.org").stream()
                                .anyMatch(s -> s.contains(first + " har ny status")));
        assertThat(subjects("andra@journey.example.org"))
                .anyMatch(s -> s.contains("gäller samma problem som " + first));
        assertThat(subjects("forsta@journey.example.org")).anyMatch(s -> s.contains("nytt om felanmälan " + first));
    }

    private java.util.List<String> subjects(String to) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(to))
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
