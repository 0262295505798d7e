package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;

/**
 * The region as a resident and a case officer meet it: a building permit for a property in Trollhättan is handed
 * over from Vänersborg, and the applicant, logged in at Vänersborg, finds it under Trollhättan in the same Mina
 * sidor and opens it there; a booking made at Vänersborg shows in Mina sidor at Trollhättan and opens at
 * Vänersborg; and a search by address finds the municipality whose service it is.
 */
class RegionJourneyIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    String vanersborg() {
        return "http://vanersborg.localhost:" + port;
    }

    @Test
    void aHandedOverCaseFollowsTheResidentAcrossTheRegion() {
        String marker = "Friggebod " + UUID.randomUUID().toString().substring(0, 6);
        UUID submission = UUID.randomUUID();
        byte[] drawing = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var sent = transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(intake, submission, "bygglov", "drawings", "Ritning.pdf", drawing, "person:tolvan");
            return TestIntake.open(
                    intake,
                    "bygglov",
                    null,
                    new CaseIntake.Reporter(null, "Tolvan Tolvansson", "191212121212", "person:tolvan"),
                    submission,
                    Map.of(
                            "property", List.of("Trollhättan Skogshöjd 2:5"),
                            "address.street", List.of("Skogsvägen 2"),
                            "address.postalCode", List.of("461 30"),
                            "address.city", List.of("Trollhättan"),
                            "measure", List.of("tillbyggnad"),
                            "description", List.of(marker),
                            "applicantIsOwner", List.of("ja")),
                    CaseIntake.Channel.E_SERVICE);
        });

        try (Browser bodil = Browser.withoutJavaScript()) {
            bodil.open(vanersborg() + "/logga-in");
            bodil.click("Logga in som personal");
            bodil.click("Bodil Bygglovsson");
            bodil.open(vanersborg() + "/personal/arenden/" + sent.caseId());
            assertThat(bodil.text()).contains(marker);
            bodil.driver
                    .findElement(By.xpath("//summary[text()='Överlämna till en annan kommun']"))
                    .click();
            bodil.driver.findElement(By.id("skal")).sendKeys("Fastigheten ligger i Trollhättan.");
            new org.openqa.selenium.support.ui.Select(bodil.driver.findElement(By.id("till")))
                    .selectByVisibleText("Trollhättans stad");
            bodil.click("Överlämna ärendet");
            assertThat(bodil.text()).contains("Ärendet är överlämnat till Trollhättans stad");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                bodil.open(vanersborg() + "/personal/arenden/" + sent.caseId());
                return bodil.text().contains("där det har diarienummer");
            });
            bodil.assertAccessible();
        }

        try (Browser tolvan = Browser.withoutJavaScript()) {
            tolvan.open(vanersborg() + "/logga-in");
            tolvan.click("Logga in med e-legitimation");
            tolvan.click("Tolvan Tolvansson");
            tolvan.open(vanersborg() + "/mina-sidor");
            assertThat(tolvan.text())
                    .contains("Här nedanför finns först det du har hos Vänersborgs kommun")
                    .contains("Hos Trollhättans stad")
                    // at Vänersborg: written off, with the message that says where it went
                    .contains(sent.reference());
            tolvan.assertAccessible();
            tolvan.driver
                    .findElement(By.xpath("//section[.//h2[text()='Hos Trollhättans stad']]//tbody//a"))
                    .click();
            if (tolvan.text().contains("Logga in med e-legitimation")) {
                tolvan.click("Logga in med e-legitimation");
            }
            // opened at Trollhättan, under its reference, without a second login
            assertThat(tolvan.url()).startsWith("http://trollhattan.localhost:" + port + "/mina-sidor/arenden/");
            assertThat(tolvan.text()).contains(marker).doesNotContain("Demo-inloggning");
            tolvan.assertAccessible();
        }
    }

    @Test
    void aBookingAtAnotherMunicipalityShowsInMinaSidorAndOpensThere() {
        var atVanersborg = (se.samla.identity.SignedInUser.Resident)
                logins().resident(vanersborg, "Erik Provare", "199006022397").user();
        java.util.List<java.time.Instant> evenings = new java.util.ArrayList<>();
        for (int week = 1; week < 12; week++) {
            evenings.add(java.time.LocalDate.now(se.samla.shared.SwedishTime.ZONE)
                    .plusWeeks(week)
                    .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY))
                    .atTime(20, 0)
                    .atZone(se.samla.shared.SwedishTime.ZONE)
                    .toInstant());
        }
        var booked = se.samla.booking.TestBookings.firstFree(
                context, vanersborg.id(), atVanersborg, "motesrum-kullen", evenings);
        String trollhattan = "http://trollhattan.localhost:" + port;
        try (Browser erik = Browser.withoutJavaScript()) {
            erik.open(trollhattan + "/logga-in");
            erik.click("Logga in med e-legitimation");
            erik.click("Erik Provare");
            erik.open(trollhattan + "/mina-sidor");
            String day = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(booked.start().atZone(se.samla.shared.SwedishTime.ZONE));
            String atVanersborgsSection = "//section[.//h2[text()='Hos Vänersborgs kommun']]";
            assertThat(erik.driver.findElement(By.xpath(atVanersborgsSection)).getText())
                    .contains("Bokningar och möten")
                    .contains("Mötesrummet Kullen (Bekräftad) – " + day);
            erik.assertAccessible();
            erik.driver
                    .findElement(By.xpath(atVanersborgsSection + "//li[contains(., '" + day + "')]/a"))
                    .click();
            if (erik.text().contains("Logga in med e-legitimation")) {
                erik.click("Logga in med e-legitimation");
            }
            // where it is moved or cancelled: Vänersborg's own booking page
            assertThat(erik.url()).startsWith(vanersborg() + "/mina-sidor/bokningar");
            assertThat(erik.text()).contains("Mötesrummet Kullen").contains(day);
        } finally {
            se.samla.booking.TestBookings.cancel(context, vanersborg.id(), atVanersborg, booked.id());
        }
    }

    @Test
    void aSearchByAddressFindsTheMunicipalityWhoseServiceItIs() {
        try (Browser visitor = Browser.withoutJavaScript()) {
            visitor.open(vanersborg() + "/e-tjanster");
            visitor.driver.findElement(By.id("q")).sendKeys("Jag vill anmäla en trasig gatlampa");
            visitor.driver.findElement(By.id("adress")).sendKeys("Storgatan 1, 461 30 Trollhättan");
            // submitted from its own form (the header's search box has a button of the same name)
            visitor.pressEnter();
            assertThat(visitor.text())
                    .contains("Adressen ligger i Trollhättans stad.")
                    .contains("Gatubelysning (Trollhättans stad)");
            visitor.assertAccessible();
            visitor.click("Gatubelysning");
            assertThat(visitor.url())
                    .isEqualTo("http://trollhattan.localhost:" + port + "/felanmalan/ny/gatubelysning");

            // the same words with an address in Vänersborg stay here
            visitor.open(vanersborg() + "/e-tjanster?q=trasig+gatlampa&adress=Sundsgatan+29%2C+462+85+V%C3%A4nersborg");
            assertThat(visitor.text())
                    .contains("Adressen ligger i Vänersborgs kommun.")
                    .contains("Gatubelysning");
            assertThat(visitor.driver.findElement(By.linkText("Gatubelysning")).getAttribute("href"))
                    .isEqualTo(vanersborg() + "/felanmalan/ny/gatubelysning");
            // an address nobody claims says so
            visitor.open(vanersborg() + "/e-tjanster?q=gatlampa&adress=Drottninggatan+1%2C+111+51+Stockholm");
            assertThat(visitor.text()).contains("Vi känner inte igen adressen.");
        }
    }
}
