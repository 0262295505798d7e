package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.fees.BgMaxFiles;
import se.samla.identity.SignedInUser;

/**
 * A fee from decision to payment: the case officer sees a building permit's fee by the taxa and decides; the invoice
 * reaches Tolvan's digital mailbox at the demo operator and her Fakturor in Mina sidor; the invoicing unit reads in
 * Bankgirot's file, and Mina sidor shows the invoice paid. Every page is checked with axe-core.
 */
class FeeJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String kind, String who) {
        browser.open(at("/logga-in"));
        browser.click(kind);
        browser.click(who);
    }

    record Invoice(long number, String ocr, BigDecimal total) {}

    @Test
    void aBuildingPermitsFeeIsInvoicedToTheMailboxAndPaidThroughBankgirotsFile() throws Exception {
        var tolvan = (SignedInUser.Resident) logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212")
                .user();
        String property = "Vänersborg Blåsut " + UUID.randomUUID().toString().substring(0, 4);
        var permit = TestCaseWork.from(context)
                .submitted(
                        vanersborg.id(),
                        "bygglov",
                        tolvan.personId(),
                        "Tolvan Tolvansson",
                        "191212121212",
                        Map.of(
                                "property", property,
                                "measure", "tillbyggnad",
                                "area", 30,
                                "description", "Inglasad veranda",
                                "applicantIsOwner", "ja"));

        try (Browser bodil = Browser.withJavaScript()) {
            login(bodil, "Logga in som personal", "Bodil Bygglovsson");
            bodil.open(at("/personal/arenden/" + permit.getKey()));
            assertThat(bodil.text())
                    .contains("Avgifter")
                    .contains("Avgift för bygglov")
                    .contains("7 560,00 kr");
            bodil.assertAccessible();
            bodil.click("Ta ärendet");
            bodil.driver
                    .findElement(By.xpath("//summary[contains(., 'Fatta beslut')]"))
                    .click();
            bodil.driver.findElement(By.id("outcome-beviljat")).click();
            bodil.driver.findElement(By.id("reasons")).sendKeys("Tillbyggnaden följer detaljplanen.");
            bodil.driver.findElement(By.id("legalReference")).sendKeys("9 kap. 30 § plan- och bygglagen");
            assertThat(bodil.text()).contains("Annat belopp (kronor, valfritt)");
            bodil.assertAccessible();
            bodil.click("Fatta beslut och avsluta");
            assertThat(bodil.text()).contains("Bygglov beviljat").contains("Vid beslut");
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT count(*) FROM fees.invoice WHERE case_id = :c")
                                        .param("c", permit.getKey())
                                        .query(Long.class)
                                        .single())
                        == 1);
        Invoice invoice = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT number, ocr, total FROM fees.invoice WHERE case_id = :c")
                        .param("c", permit.getKey())
                        .query((rs, n) -> new Invoice(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)))
                        .single());

        try (Browser browser = Browser.withJavaScript()) {
            login(browser, "Logga in med e-legitimation", "Tolvan Tolvansson");
            // at the mailbox operator: the invoice is there as a letter from the municipality
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                browser.open(at("/demo-brevlada/191212121212"));
                assertThat(browser.text()).contains("Faktura " + invoice.number() + " från Vänersborgs kommun");
            });
            browser.assertAccessible();
            // delivered, and so registered with its case as an outgoing letter
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> transactions.read(
                                    vanersborg.id(),
                                    () -> jdbc.sql("""
                                                    SELECT count(*) FROM records.entry WHERE case_id = :c
                                                      AND kind = 'LETTER' AND direction = 'OUTGOING'
                                                      AND description = 'Faktura'
                                                    """)
                                            .param("c", permit.getKey())
                                            .query(Long.class)
                                            .single())
                            == 1);
            browser.open(at("/mina-sidor"));
            browser.click("Fakturor");
            assertThat(browser.heading()).isEqualTo("Fakturor");
            assertThat(browser.text())
                    .contains("Faktura " + invoice.number())
                    .contains(permit.getValue())
                    .contains("Skickad – inte betald ännu")
                    .contains(invoice.ocr())
                    .contains("5050-1055");
            browser.assertAccessible();
        }

        Path file = Files.createTempFile("BgMax", ".txt");
        try (Browser elin = Browser.withJavaScript()) {
            Files.write(
                    file,
                    new BgMaxFiles(String.format("20261202%012d", System.nanoTime() % 1_000_000_000_000L))
                            .deposit(
                                    "50501055",
                                    "20261202",
                                    List.of(BgMaxFiles.Paid.ocr(
                                            invoice.ocr(),
                                            invoice.total().movePointRight(2).longValueExact())))
                            .end());
            login(elin, "Logga in som personal", "Elin Ekonom");
            elin.click("Betalningar");
            assertThat(elin.heading()).isEqualTo("Betalningar och fakturor");
            elin.assertAccessible();
            elin.driver.findElement(By.id("fil")).sendKeys(file.toAbsolutePath().toString());
            elin.click("Läs in filen");
            assertThat(elin.text()).contains("Filen är inläst: 1 betalningar").contains("1 matchades");
            elin.assertAccessible();
        } finally {
            Files.deleteIfExists(file);
        }

        try (Browser browser = Browser.withoutJavaScript()) {
            login(browser, "Logga in med e-legitimation", "Tolvan Tolvansson");
            browser.open(at("/mina-sidor/fakturor"));
            String shown = browser.driver
                    .findElement(By.xpath("//section[.//h2[text()='Faktura " + invoice.number() + "']]"))
                    .getText();
            assertThat(shown).contains("Betald").doesNotContain("Kvar att betala");
            browser.assertAccessible();
        }
    }
}
