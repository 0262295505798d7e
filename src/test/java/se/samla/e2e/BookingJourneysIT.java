package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.TestBookings;
import se.samla.booking.demo.DemoLock;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/**
 * The booking journeys: an association books a hall for a season, which the leisure office approves; a resident books
 * a meeting with the case officer from their case; a library visitor's PIN opens the demo lock only in the booked
 * hour. Every page on the way is checked with axe-core.
 */
class BookingJourneysIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String kind, String who) {
        browser.open(at("/logga-in"));
        browser.click(kind);
        browser.click(who);
    }

    void replace(Browser browser, String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void anAssociationBooksAHallForASeasonAndTheLeisureOfficeApprovesIt() {
        LocalDate first =
                LocalDate.now(SwedishTime.ZONE).plusWeeks(6).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        // someone already waits for approval of the hall on the third Tuesday
        var tolvan = (SignedInUser.Resident) logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212")
                .user();
        TestBookings.book(
                context,
                vanersborg.id(),
                tolvan,
                "idrottshallen",
                first.plusWeeks(2).atTime(19, 0).atZone(SwedishTime.ZONE).toInstant());

        try (Browser anna = Browser.withoutJavaScript()) {
            login(anna, "Logga in med e-legitimation", "Anna Testsson");
            anna.open(at("/mina-sidor/agera-for"));
            anna.driver.findElement(By.id("val-ORGANISATION-8024123450")).click();
            anna.click("Välj");

            anna.open(at("/lokaler/idrottshallen?dag=" + first + "&vecka=1"));
            assertThat(anna.text()).contains("Veckan med").contains("Nästa vecka");
            anna.assertAccessible();
            anna.open(at("/lokaler/idrottshallen?dag=" + first));
            assertThat(anna.text())
                    .contains("En bokning godkänns av förvaltningen innan den gäller")
                    .contains("Boka samma tid varje vecka");
            anna.assertAccessible();
            // the season's first and last day are filled in (this Tuesday and twelve weeks on); the time is ours
            replace(anna, "f-tid", "19:00");
            anna.click("Visa veckorna");

            assertThat(anna.heading()).isEqualTo("Säsongsbokning av Idrottshallen Vänersborg");
            assertThat(anna.text())
                    .contains("av 13 veckor kan bokas")
                    .contains("Krockar: Tiden hann bokas av någon annan")
                    .contains("Du bokar för: Vänersborgs Handbollsklubb");
            anna.assertAccessible();
            anna.click("Boka de ");

            assertThat(anna.heading()).isEqualTo("Mina bokningar");
            assertThat(anna.text()).contains("Din säsong är bokad").contains("veckor krockade och bokades inte");
            assertThat(seasonRow(anna, first)).contains("Väntar på godkännande");
            anna.assertAccessible();
        }

        try (Browser frida = Browser.withoutJavaScript()) {
            login(frida, "Logga in som personal", "Frida Fritidsson");
            frida.open(at("/personal/bokningar"));
            assertThat(frida.text())
                    .contains("Anna Testsson (Vänersborgs Handbollsklubb)")
                    .contains("(säsong, " + (12 - holidays(first)) + " veckor)");
            frida.assertAccessible();
            frida.click("Godkänn Idrottshallen Vänersborg " + first + " 19:00");
            assertThat(frida.text()).contains("Bokningen är godkänd");
        }

        try (Browser anna = Browser.withoutJavaScript()) {
            login(anna, "Logga in med e-legitimation", "Anna Testsson");
            anna.open(at("/mina-sidor/bokningar"));
            assertThat(seasonRow(anna, first)).contains("Bekräftad").doesNotContain("Väntar på godkännande");
        }
    }

    @Test
    void aResidentBooksAMeetingWithTheCaseOfficerFromTheirCase() {
        var anna = (SignedInUser.Resident)
                logins().resident(vanersborg, "Anna Testsson", "198705212382").user();
        UUID caseId = permitApplication(anna);
        // the form offers tomorrow; the officer gives the times
        LocalDate day = LocalDate.now(SwedishTime.ZONE).plusDays(1);

        try (Browser bodil = Browser.withoutJavaScript()) {
            login(bodil, "Logga in som personal", "Bodil Bygglovsson");
            bodil.open(at("/personal/moten"));
            bodil.assertAccessible();
            replace(bodil, "f-start", "14:00");
            replace(bodil, "f-slut", "14:30");
            bodil.click("Lägg ut tiden");
            assertThat(bodil.text()).contains("Mötestiden är utlagd").contains(day + " 14:00–14:30");
        }

        try (Browser resident = Browser.withoutJavaScript()) {
            login(resident, "Logga in med e-legitimation", "Anna Testsson");
            resident.open(at("/mina-sidor/arenden/" + caseId));
            resident.click("Boka ett möte med handläggaren");
            assertThat(resident.heading()).isEqualTo("Boka ett möte med din handläggare");
            resident.assertAccessible();
            resident.driver.findElements(By.cssSelector("input[name=tid]")).stream()
                    .filter(e -> {
                        String label = resident.driver
                                .findElement(By.cssSelector("label[for='" + e.getAttribute("id") + "']"))
                                .getText();
                        return label.contains(day + " 14:00–14:30");
                    })
                    .findFirst()
                    .orElseThrow()
                    .click();
            resident.click("Boka mötet");
            assertThat(resident.text())
                    .contains("Mötet är bokat")
                    .contains("Mina möten")
                    .contains("Bodil Bygglovsson");
            resident.assertAccessible();
            resident.open(at("/mina-sidor/arenden/" + caseId));
            assertThat(resident.text()).contains("Bodil Bygglovsson (Bokat)");
        }

        try (Browser bodil = Browser.withoutJavaScript()) {
            login(bodil, "Logga in som personal", "Bodil Bygglovsson");
            bodil.open(at("/personal/moten"));
            assertThat(bodil.text()).contains("Anna Testsson");
        }
    }

    /** The row of Mina bokningar for the season's first week. */
    private static String seasonRow(Browser browser, LocalDate first) {
        return browser.driver.findElements(By.cssSelector("tbody tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.contains("Idrottshallen Vänersborg") && t.contains(first + " 19:00–20:00"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + first));
    }

    /** Tuesdays of the season on which the hall is closed for a holiday. */
    private static long holidays(LocalDate first) {
        return java.util.stream.IntStream.range(0, 13)
                .mapToObj(first::plusWeeks)
                .filter(se.samla.shared.SwedishHolidays::isHoliday)
                .count();
    }

    private UUID permitApplication(SignedInUser.Resident anna) {
        UUID submission = UUID.randomUUID();
        CaseIntake intake = context.getBean(CaseIntake.class);
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var reporter = new CaseIntake.Reporter(anna.personId(), "Anna Testsson", "198705212382", anna.auditId());
        Map<String, List<String>> answers = Map.of(
                "property", List.of("Vänersborg Nordstaden 3:12"),
                "address.street", List.of("Sundsgatan 29"),
                "address.postalCode", List.of("462 85"),
                "address.city", List.of("Vänersborg"),
                "measure", List.of("tillbyggnad"),
                "description", List.of("Inglasad altan"),
                "applicantIsOwner", List.of("ja"));
        return transactions
                .call(vanersborg.id(), () -> {
                    TestIntake.receiveFile(
                            intake, submission, "bygglov", "drawings", "Ritning.pdf", pdf, anna.auditId());
                    return TestIntake.open(
                            intake, "bygglov", null, reporter, submission, answers, CaseIntake.Channel.E_SERVICE);
                })
                .caseId();
    }

    @Test
    void aLibraryVisitorsPinOpensTheDoorOnlyInTheBookedHour() {
        LocalDate tomorrow = LocalDate.now(SwedishTime.ZONE).plusDays(1);
        DemoLock lock = context.getBean(DemoLock.class);
        int grantsBefore = lock.grantsHeld("vanersborg", "studierum-1-dorr");
        String pin;
        try (Browser visitor = Browser.withoutJavaScript()) {
            login(visitor, "Logga in med e-legitimation", "Tolvan Tolvansson");
            visitor.open(at("/lokaler/studierum-1?dag=" + tomorrow));
            visitor.click("Boka 06:00–07:00");
            assertThat(visitor.text()).contains("Din bokning är klar").contains("Koder till dörrar");
            visitor.assertAccessible();
            pin = visitor.driver
                    .findElements(By.cssSelector("strong.pin"))
                    .get(0)
                    .getText();
            assertThat(pin).matches("\\d{6}");
            assertThat(visitor.driver.findElements(By.cssSelector("svg[role=img] title")))
                    .isNotEmpty();
        }
        TestBookings.until(
                () -> lock.grantsHeld("vanersborg", "studierum-1-dorr") > grantsBefore, "the grant reached the lock");

        try (Browser door = Browser.withJavaScript()) {
            door.open(at("/demo-las"));
            door.assertAccessible();
            door.click("studierum-1-dorr");
            door.assertAccessible();
            enter(door, pin, tomorrow.atTime(LocalTime.of(6, 5)));
            assertThat(door.text()).contains("Dörren öppnas.");
            door.assertAccessible();
            enter(door, pin, tomorrow.atTime(LocalTime.of(8, 0)));
            assertThat(door.text()).contains("Dörren förblir stängd.");
            enter(door, pin, tomorrow.minusDays(1).atTime(LocalTime.of(6, 5)));
            assertThat(door.text()).contains("Dörren förblir stängd.");
        }
    }

    private void enter(Browser door, String pin, java.time.LocalDateTime at) {
        WebElement field = door.driver.findElement(By.id("pin"));
        field.clear();
        field.sendKeys(pin);
        ((JavascriptExecutor) door.driver)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        door.driver.findElement(By.id("tid")),
                        at.withSecond(0).withNano(0).toString());
        door.click("Slå koden");
    }
}
