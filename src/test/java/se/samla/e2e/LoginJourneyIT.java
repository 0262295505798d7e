package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import se.samla.SamlaApplication;
import se.samla.SamlaIntegrationTest;
import se.samla.audit.AuditLog;
import se.samla.platform.TestDatabase;

/** Residents and staff log in through the demo identity provider, in a real browser, checked by axe-core. */
@ExtendWith(OutputCaptureExtension.class)
class LoginJourneyIT extends SamlaIntegrationTest {

    @Autowired
    AuditLog audit;

    String vanersborg(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    String platform(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aResidentLogsInAndOutOnTheirMunicipalitysOwnHost(CapturedOutput output) {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/")).assertAccessible();
            assertThat(browser.heading()).isEqualTo("Välkommen till Vänersborgs kommun");

            browser.click("Logga in");
            assertThat(browser.heading()).isEqualTo("Logga in");
            browser.assertAccessible();

            browser.click("Logga in med e-legitimation");
            assertThat(browser.url()).startsWith(platform("/demo-idp/login"));
            assertThat(browser.text()).contains("påhittade personer");
            browser.assertAccessible();

            browser.click("Tolvan Tolvansson");
            assertThat(browser.url()).isEqualTo(vanersborg("/mina-sidor"));
            assertThat(browser.heading()).isEqualTo("Välkommen, Tolvan Tolvansson");
            assertThat(browser.text()).contains("19121212-XXXX").doesNotContain("19121212-1212");
            browser.assertAccessible();
            var entries =
                    audit.latest(tenants.bySlug("vanersborg").orElseThrow().id(), 10);
            assertThat(entries)
                    .as("the login and the read of personal data are audited, by opaque id")
                    .anySatisfy(e -> assertThat(e.action()).isEqualTo("LOGIN"))
                    .anySatisfy(e -> {
                        assertThat(e.action()).isEqualTo("PERSONAL_DATA_READ");
                        assertThat(e.actorId()).isEqualTo(e.objectId());
                    })
                    .allSatisfy(e -> assertThat(e.toString()).doesNotContain("191212121212"));

            browser.open(vanersborg("/mina-sidor/finns-inte"));
            assertThat(browser.heading()).isEqualTo("Sidan finns inte");
            browser.assertAccessible();

            browser.open(vanersborg("/mina-sidor"));
            browser.click("Logga ut");
            assertThat(browser.url()).isEqualTo(vanersborg("/"));
            assertThat(browser.text()).contains("Logga in").doesNotContain("Logga ut");

            browser.open(vanersborg("/mina-sidor"));
            assertThat(browser.url()).isEqualTo(vanersborg("/logga-in"));
        }
        assertThat(output.getAll())
                .as("no personal identity number or client secret in the logs")
                .doesNotContain("191212121212")
                .doesNotContain("19121212-1212")
                .doesNotContain("demo-resident-secret");
    }

    @Test
    void staffLogInOnTheSharedHostWithATenantPrefixAndSeeTheirUnitRoles() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(platform("/")).assertAccessible();
            browser.click("Vänersborgs kommun");
            assertThat(browser.url()).isEqualTo(platform("/t/vanersborg/"));
            browser.click("Logga in");
            browser.click("Logga in som personal");
            assertThat(browser.text())
                    .contains("Ada Administratör")
                    .doesNotContain("Tolvan")
                    .doesNotContain("Tore Trollhättebo");
            browser.assertAccessible();

            browser.click("Ada Administratör");
            assertThat(browser.url()).isEqualTo(platform("/t/vanersborg/personal"));
            assertThat(browser.heading()).isEqualTo("Välkommen, Ada Administratör");
            assertThat(browser.text()).contains("Digitalisering och IT").contains("Administratör");
            browser.assertAccessible();

            browser.click("Granskningslogg");
            assertThat(browser.text()).contains("Loggen är hel").contains("LOGIN");
            browser.assertAccessible();

            browser.open(platform("/t/vanersborg/?lang=en"));
            assertThat(browser.heading()).isEqualTo("Welcome to Vänersborgs kommun");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("en");
            browser.assertAccessible();
        }
    }

    @Test
    void aLoginWithoutAPersonalIdentityNumberIsRefusedAndLeavesNoSession() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/logga-in"));
            browser.click("Logga in med e-legitimation");
            browser.click("Namnlös Testperson");
            assertThat(browser.heading()).isEqualTo("Inloggningen gick inte igenom");
            assertThat(browser.text()).contains("inget personnummer").contains("Du är inte inloggad");
            browser.assertAccessible();

            browser.open(vanersborg("/mina-sidor"));
            assertThat(browser.url()).isEqualTo(vanersborg("/logga-in"));
        }
    }

    @Test
    void aLoginWithAnInvalidPersonalIdentityNumberIsRefused() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/logga-in"));
            browser.click("Logga in med e-legitimation");
            browser.click("Felix Felskrivare");
            assertThat(browser.heading()).isEqualTo("Inloggningen gick inte igenom");
            assertThat(browser.text()).contains("inte giltigt");
            browser.open(vanersborg("/mina-sidor"));
            assertThat(browser.url()).isEqualTo(vanersborg("/logga-in"));
        }
    }

    @Test
    void staffWithoutAnyRoleAreRefused() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/logga-in"));
            browser.click("Logga in som personal");
            browser.click("Rolf Rollös");
            assertThat(browser.text()).contains("ingen roll i Samla");
            browser.open(vanersborg("/personal"));
            assertThat(browser.url()).isEqualTo(vanersborg("/logga-in"));
        }
    }

    @Test
    void aResidentLogsInWithTheKeyboardAlone() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(vanersborg("/"));
            assertThat(browser.tabTo("Hoppa till innehållet").getTagName()).isEqualTo("a");
            browser.pressEnterInPage();
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("main");

            browser.tabTo("Logga in");
            browser.pressEnter();
            assertThat(browser.heading()).isEqualTo("Logga in");
            browser.tabTo("Logga in med e-legitimation");
            browser.pressEnter();
            browser.tabTo("Anna Testsson");
            browser.pressEnter();
            assertThat(browser.heading()).isEqualTo("Välkommen, Anna Testsson");
        }
    }

    @Test
    void loginAndLogoutWorkWithoutJavaScript() {
        try (Browser browser = Browser.withoutJavaScript()) {
            browser.open(platform("/t/vanersborg/logga-in"));
            browser.click("Logga in som personal");
            browser.click("Bodil Bygglovsson");
            assertThat(browser.heading()).isEqualTo("Välkommen, Bodil Bygglovsson");
            assertThat(browser.text())
                    .contains("Bygglov")
                    .contains("Miljö och hälsa")
                    .contains("Handläggare");
            browser.click("Logga ut");
            assertThat(browser.url()).isEqualTo(platform("/t/vanersborg/"));
            browser.open(platform("/t/vanersborg/personal"));
            assertThat(browser.url()).isEqualTo(platform("/t/vanersborg/logga-in"));
        }
    }

    @Test
    void aSessionOfOneTenantIsWorthNothingInAnother() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(platform("/t/vanersborg/logga-in"));
            browser.click("Logga in med e-legitimation");
            browser.click("Erik Provare");
            assertThat(browser.heading()).isEqualTo("Välkommen, Erik Provare");
            Cookie session = browser.driver.manage().getCookieNamed("SAMLA_SESSION");
            assertThat(session.getPath()).isEqualTo("/t/vanersborg");

            // replay Vänersborg's session cookie under Trollhättan's prefix
            browser.open(platform("/t/trollhattan/"));
            browser.driver.manage().addCookie(new Cookie("SAMLA_SESSION", session.getValue(), "/t/trollhattan"));
            browser.open(platform("/t/trollhattan/mina-sidor"));
            assertThat(browser.url()).isEqualTo(platform("/t/trollhattan/logga-in"));
            assertThat(browser.text()).doesNotContain("Erik Provare");
        }
    }

    @Test
    void aSessionIsKeptInTheDatabaseSoAnotherInstanceServesIt() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(platform("/t/vanersborg/logga-in"));
            browser.click("Logga in med e-legitimation");
            browser.click("Anna Testsson");
            assertThat(browser.heading()).isEqualTo("Välkommen, Anna Testsson");

            try (ConfigurableApplicationContext second = secondInstance()) {
                String port2 = second.getEnvironment().getProperty("local.server.port");
                browser.open("http://localhost:" + port2 + "/t/vanersborg/mina-sidor");
                assertThat(browser.heading()).isEqualTo("Välkommen, Anna Testsson");
            }
        }
    }

    /** A second Samla on another port, against the same database server, as behind a load balancer. */
    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(SamlaApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--samla.db.url=" + TestDatabase.url(context),
                        "--samla.db.user=" + TestDatabase.applicationUser(context),
                        "--samla.db.owner-user=" + TestDatabase.ownerUser(context));
    }
}
