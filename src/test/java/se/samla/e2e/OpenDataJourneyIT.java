package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import se.samla.SamlaIntegrationTest;

/**
 * An administrator publishes the municipality's playgrounds from a spreadsheet, in a browser without JavaScript,
 * through the real server: a broken file is refused with what is wrong, the corrected one (larger than the
 * servlet's default upload limit) is published. The administrator's pages pass axe-core.
 */
class OpenDataJourneyIT extends SamlaIntegrationTest {

    @TempDir
    Path files;

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    private void describe(Browser ada, String title) {
        ada.driver.findElement(By.id("title")).clear();
        ada.driver.findElement(By.id("title")).sendKeys(title);
        ada.driver.findElement(By.id("description")).clear();
        ada.driver.findElement(By.id("description")).sendKeys("Kommunens lekplatser med antal gungor.");
        ada.driver.findElement(By.id("keywords")).clear();
        ada.driver.findElement(By.id("keywords")).sendKeys("lekplatser, parker");
        new Select(ada.driver.findElement(By.id("theme"))).selectByVisibleText("Befolkning och samhälle");
        ada.driver.findElement(By.id("contactName")).clear();
        ada.driver.findElement(By.id("contactName")).sendKeys("Parkenheten");
        ada.driver.findElement(By.id("contactEmail")).clear();
        ada.driver.findElement(By.id("contactEmail")).sendKeys("parkenheten@example.org");
    }

    @Test
    void anAdministratorPublishesASpreadsheetOfPlaygrounds() throws Exception {
        Path broken = files.resolve("lekplatser.csv");
        Files.writeString(
                broken,
                "namn;gungor;latitud;longitud\nSkräckleparken;4;58,3812;12,3190\nTorpa;2\n",
                StandardCharsets.UTF_8);
        // over two megabytes, which the servlet container refuses unless told otherwise
        StringBuilder many = new StringBuilder("namn;gungor;latitud;longitud;beskrivning\n");
        for (int i = 0; i < 15_000; i++) {
            many.append("Lekplats ")
                    .append(i)
                    .append(';')
                    .append(i % 7)
                    .append(";58,")
                    .append(3500 + i % 500)
                    .append(";12,")
                    .append(3000 + i % 400)
                    .append(
                            ";Gungor, sandlåda, rutschkana och klätterställning vid parken, bänkar och papperskorg vid entrén, belysning till klockan 22\n");
        }
        Path corrected = files.resolve("lekplatser-rattad.csv");
        Files.writeString(corrected, many, StandardCharsets.UTF_8);
        assertThat(Files.size(corrected)).isGreaterThan(2L * 1024 * 1024);

        String id;
        try (Browser ada = Browser.withoutJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/oppna-data"));
            ada.click("Lägg till egen datamängd");
            assertThat(ada.heading()).isEqualTo("Ny egen datamängd");
            describe(ada, "Lekplatser");
            ada.driver.findElement(By.id("file")).sendKeys(broken.toString());
            ada.click("Ladda upp och publicera");
            assertThat(ada.text())
                    .contains("Rad 3 har 2 fält, men rubrikraden har 4.")
                    .contains("Inget är sparat.");
            assertThat(ada.driver.findElement(By.id("title")).getAttribute("value"))
                    .isEqualTo("Lekplatser");

            ada.driver.findElement(By.id("file")).sendKeys(corrected.toString());
            ada.click("Ladda upp och publicera");
            assertThat(ada.text()).contains("är sparad och publicerad").contains("lekplatser-rattad.csv");
            String link = ada.driver.findElement(By.linkText("Lekplatser")).getAttribute("href");
            id = link.substring(link.lastIndexOf('/') + 1);

            ada.open(at("/oppna-data"));
            assertThat(ada.text())
                    .contains("Lekplatser")
                    .contains("Lekplats 0")
                    .contains("Hämta Lekplatser som GEOJSON");
        }

        try (Browser ada = Browser.withJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/oppna-data"));
            ada.assertAccessible();
            ada.open(at("/admin/oppna-data/" + id));
            assertThat(ada.text()).contains("15000 rader");
            ada.assertAccessible();
            ada.open(at("/admin/oppna-data/" + id + "/ta-bort"));
            ada.assertAccessible();
            // the form as it comes back with every field wrong (the browser's own checks set aside)
            ada.open(at("/admin/oppna-data/ny"));
            ((JavascriptExecutor) ada.driver)
                    .executeScript(
                            "document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
            ada.click("Ladda upp och publicera");
            assertThat(ada.text()).contains("Ange en titel.").contains("Välj en CSV- eller GeoJSON-fil att ladda upp.");
            ada.assertAccessible();
            ada.open(at("/oppna-data"));
            ada.assertAccessible();
        }
    }
}
