package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/**
 * Two guardians sign an application for school transport for their child, each with their own e-ID, without
 * JavaScript (the second finds the request, with an invoice of her own to pay, on one page: "Att göra"); and a
 * resident who cancels at the e-ID finds their answers waiting.
 */
class SigningJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String who) {
        browser.open(at("/logga-in"));
        browser.click("Logga in med e-legitimation");
        browser.click(who);
    }

    void fillSchoolTransport(Browser browser, String school) {
        browser.open(at("/e-tjanster/skolskjuts/formular"));
        browser.driver.findElement(By.id("f-childPersonalNumber")).sendKeys("20130423-2398");
        browser.driver.findElement(By.id("f-school")).sendKeys(school);
        browser.driver.findElement(By.id("f-grade-f-3")).click();
        browser.driver.findElement(By.id("f-address-street")).sendKeys("Storgatan 1");
        browser.driver.findElement(By.id("f-address-postalCode")).sendKeys("462 30");
        browser.driver.findElement(By.id("f-address-city")).sendKeys("Vänersborg");
        browser.driver.findElement(By.id("f-reason-avstand")).click();
    }

    @Test
    void twoGuardiansSignAnApplicationForTheirChild() {
        String school =
                "Skolan vid kanalen " + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (Browser tolvan = Browser.withoutJavaScript()) {
            login(tolvan, "Tolvan Tolvansson");
            fillSchoolTransport(tolvan, school);
            assertThat(tolvan.text()).contains("Barnets andra vårdnadshavare får sedan en begäran");
            assertThat(tolvan.text()).doesNotContain("Skicka in utan underskrift");
            tolvan.click("Skriv under och skicka in");
            tolvan.click("Tolvan Tolvansson");
            assertThat(tolvan.text()).contains("Jag skriver under min ansökan om skolskjuts till Vänersborgs kommun");
            tolvan.click("Skriv under");
            assertThat(tolvan.heading()).isEqualTo("Kvitto");
            tolvan.click("Följ ärendet på Mina sidor");
            assertThat(tolvan.text())
                    .contains("Tolvan Tolvansson (sökande): har skrivit under")
                    .contains("Underskriften är kontrollerad och gäller")
                    .contains("Den andra vårdnadshavaren (vårdnadshavare): har inte skrivit under än");
            tolvan.assertAccessible();
        }
        // Anna has a granted building permit of her own whose fee is still to pay
        long invoice = grantedPermitInvoiceOf("Anna Testsson", "198705212382");
        try (Browser anna = Browser.withoutJavaScript()) {
            login(anna, "Anna Testsson");
            anna.open(at("/mina-sidor"));
            // on one page, first: the application to co-sign and the invoice to pay
            assertThat(anna.text())
                    .contains("Att göra")
                    .contains("Skriv under ansökan: Ansökan om skolskjuts")
                    .contains("Tolvan Tolvansson har skickat ansökan och behöver din underskrift")
                    .contains("Betala faktura " + invoice);
            assertThat(anna.driver.findElement(By.cssSelector("header")).getText())
                    .containsPattern("Att göra \\(\\d+\\)");
            String request = "/mina-sidor/underskrifter/" + requestFor(school);
            assertThat(anna.driver.getPageSource()).contains(request);
            anna.assertAccessible();
            anna.open(at(request));
            assertThat(anna.heading()).isEqualTo("Skriv under: Ansökan om skolskjuts");
            assertThat(anna.text())
                    .contains("Tolvan Tolvansson har skickat ansökan för ert barn Lilla Tolvansson")
                    .contains(school)
                    .contains("Kontrollsumma (SHA-256)");
            anna.assertAccessible();
            anna.click("Skriv under med e-legitimation");
            anna.click("Anna Testsson");
            assertThat(anna.text()).contains("som Tolvan Tolvansson har skickat för vårt barn");
            anna.click("Skriv under");
            assertThat(anna.text()).contains("Du har skrivit under ansökan.");
            anna.assertAccessible();
            anna.open(at("/mina-sidor"));
            // other tests may have left her requests of their own; this one is answered and gone
            assertThat(anna.driver.getPageSource()).doesNotContain(request);
        }
    }

    /** A building permit granted to the resident, and the number of the invoice of its fee. */
    private long grantedPermitInvoiceOf(String name, String identityNumber) {
        var work = se.samla.cases.TestCaseWork.from(context);
        var personId = ((se.samla.identity.SignedInUser.Resident)
                        logins().resident(vanersborg, name, identityNumber).user())
                .personId();
        var permit = work.submitted(
                vanersborg.id(),
                "bygglov",
                personId,
                name,
                identityNumber,
                java.util.Map.of(
                        "measure", "tillbyggnad", "area", 15, "description", "Ett uterum", "applicantIsOwner", "ja"));
        work.decide(vanersborg.id(), permit.getKey(), "beviljat", "Uppfyller kraven.", "PBL 9 kap. 31 §");
        se.samla.booking.TestBookings.until(
                () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT count(*) FROM fees.invoice WHERE case_id = :c")
                                        .param("c", permit.getKey())
                                        .query(Long.class)
                                        .single())
                        > 0,
                "the invoice of the permit");
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT number FROM fees.invoice WHERE case_id = :c")
                        .param("c", permit.getKey())
                        .query(Long.class)
                        .single());
    }

    /** The other guardian's request to sign the application for this school. */
    private String requestFor(String school) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                                SELECT s.id::text FROM cases.signature s JOIN cases."case" c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
                                WHERE s.role = 'GUARDIAN' AND c.answers ->> 'school' = :school
                                """).param("school", school).query(String.class).single());
    }

    @Test
    void aResidentWhoCancelsAtTheEidFindsTheirAnswersWaiting() {
        try (Browser tolvan = Browser.withoutJavaScript()) {
            login(tolvan, "Tolvan Tolvansson");
            fillSchoolTransport(tolvan, "Vänerparksskolan");
            tolvan.click("Skriv under och skicka in");
            tolvan.click("Tolvan Tolvansson");
            tolvan.click("Avbryt");

            assertThat(tolvan.heading()).isEqualTo("Ansökan om skolskjuts");
            assertThat(tolvan.text()).contains("Du avbröt underskriften. Ansökan är inte skickad.");
            assertThat(tolvan.driver.findElement(By.id("f-school")).getAttribute("value"))
                    .isEqualTo("Vänerparksskolan");
            tolvan.assertAccessible();
        }
    }

    @Test
    void someoneWhoIsNotTheChildsGuardianIsToldSoBeforeSigning() {
        try (Browser erik = Browser.withoutJavaScript()) {
            login(erik, "Erik Provare");
            fillSchoolTransport(erik, "Torpaskolan");
            erik.click("Skriv under och skicka in");

            assertThat(erik.text()).contains("Enligt folkbokföringen är du inte vårdnadshavare för barnet");
            assertThat(erik.url()).contains("/e-tjanster/skolskjuts/formular");
        }
    }
}
