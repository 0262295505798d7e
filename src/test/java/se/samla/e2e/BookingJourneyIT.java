package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.SwedishTime;

/** An association's signatory finds a free hall time, books it for the association, and cancels it. */
class BookingJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void anAssociationBooksAHallTimeAndCancelsIt() {
        LocalDate thursday =
                LocalDate.now(SwedishTime.ZONE).plusWeeks(10).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        try (Browser anna = Browser.withoutJavaScript()) {
            anna.open(at("/lokaler?dag=" + thursday + "&typ=HALL"));
            assertThat(anna.heading()).isEqualTo("Boka lokal");
            assertThat(anna.text()).contains("Idrottshallen Vänersborg").doesNotContain("Mötesrummet Kullen");
            anna.assertAccessible();

            anna.open(at("/logga-in"));
            anna.click("Logga in med e-legitimation");
            anna.click("Anna Testsson");
            anna.open(at("/mina-sidor/agera-for"));
            anna.driver.findElement(By.id("val-ORGANISATION-8024123450")).click();
            anna.click("Välj");

            anna.open(at("/lokaler/idrottshallen-b?dag=" + thursday));
            assertThat(anna.text())
                    .contains("Du bokar för: Vänersborgs Handbollsklubb")
                    .contains("Förening: 80 kr/h");
            anna.assertAccessible();
            anna.click("Boka 19:00–20:00");

            assertThat(anna.heading()).isEqualTo("Mina bokningar");
            assertThat(anna.text())
                    .contains("Din bokning är klar.")
                    .contains("Idrottshallen, halva B")
                    .contains(thursday + " 19:00–20:00")
                    .contains("Vänersborgs Handbollsklubb")
                    .contains("80 kr");
            anna.assertAccessible();

            anna.open(at("/lokaler/idrottshallen?dag=" + thursday));
            assertThat(anna.text()).contains("19:00–20:00: bokad");

            anna.open(at("/mina-sidor/bokningar"));
            anna.click("Avboka Idrottshallen, halva B " + thursday + " 19:00–20:00");
            assertThat(anna.text()).contains("Bokningen är avbokad");
            anna.open(at("/lokaler/idrottshallen?dag=" + thursday));
            assertThat(anna.text()).doesNotContain("19:00–20:00: bokad");
        }
    }
}
