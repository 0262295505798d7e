package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/**
 * Post by the resident's choice: a decision reaches Tolvan's digital mailbox at the demo operator, where she reads
 * it; the receipt and the appeal deadline appear in her Min post and in the case officer's view of the case; Anna,
 * who has no digital mailbox, gets hers in the registry's print batch. Every page is checked with axe-core.
 */
class PostJourneyIT extends SamlaIntegrationTest {

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    void login(Browser browser, String kind, String who) {
        browser.open(at("/logga-in"));
        browser.click(kind);
        browser.click(who);
    }

    UUID applicationBy(String name, String identityNumber) {
        var resident = (SignedInUser.Resident)
                logins().resident(vanersborg, name, identityNumber).user();
        return TestCaseWork.from(context)
                .welfareApplication(vanersborg.id(), resident.personId(), name, identityNumber);
    }

    String reference(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :c")
                        .param("c", caseId)
                        .query(String.class)
                        .single());
    }

    void decide(Browser officer, UUID caseId) {
        officer.open(at("/personal/arenden/" + caseId));
        officer.click("Ta ärendet");
        officer.driver
                .findElement(By.xpath("//summary[contains(., 'Fatta beslut')]"))
                .click();
        officer.driver.findElement(By.id("outcome-beviljat")).click();
        officer.driver.findElement(By.id("reasons")).sendKeys("Sökanden har rätt till bistånd för hyran.");
        officer.driver.findElement(By.id("legalReference")).sendKeys("4 kap. 1 § socialtjänstlagen (2001:453)");
        officer.click("Fatta beslut och avsluta");
        assertThat(officer.text()).contains("Beviljat");
    }

    @Test
    void aDecisionReachesTheDigitalMailboxAndAnotherGoesOnPaper() {
        UUID tolvansCase = applicationBy("Tolvan Tolvansson", "191212121212");
        UUID annasCase = applicationBy("Anna Testsson", "198705212382");
        String tolvans = reference(tolvansCase);
        String annas = reference(annasCase);
        LocalDate deadline = LocalDate.now(SwedishTime.ZONE).plusWeeks(3);

        try (Browser officer = Browser.withJavaScript()) {
            login(officer, "Logga in som personal", "Sara Socialsekreterare");
            decide(officer, tolvansCase);
            decide(officer, annasCase);
        }

        try (Browser tolvan = Browser.withJavaScript()) {
            // at the mailbox operator, as at Kivra after an e-ID login: the decision is there
            login(tolvan, "Logga in med e-legitimation", "Tolvan Tolvansson");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                tolvan.open(at("/demo-brevlada/191212121212"));
                assertThat(tolvan.text()).contains("Beslut i ärende " + tolvans).contains("Vänersborgs kommun");
            });
            tolvan.assertAccessible();
            tolvan.open(at("/demo-brevlada"));
            assertThat(tolvan.text()).contains("Digital brevlåda för 19121212-1212");
            tolvan.assertAccessible();

            tolvan.open(at("/mina-sidor"));
            tolvan.click("Min post");
            assertThat(tolvan.text())
                    .contains("Beslut i ärende " + tolvans)
                    .contains("I din digitala brevlåda")
                    .containsPattern("Sista dag att överklaga");
            tolvan.assertAccessible();

            tolvan.click("Ändra");
            assertThat(tolvan.heading()).isEqualTo("Så vill jag få post");
            assertThat(tolvan.text()).contains("Du har en digital brevlåda hos Demobrevlådan");
            tolvan.assertAccessible();
            tolvan.driver.findElement(By.id("f-channel-EMAIL")).click();
            tolvan.click("Spara");
            assertThat(tolvan.text()).contains("Skriv den e-postadress dit vi ska skicka aviseringen.");
            tolvan.assertAccessible();
            tolvan.driver.findElement(By.id("f-channel-DIGITAL_MAILBOX")).click();
            tolvan.click("Spara");
            assertThat(tolvan.text()).contains("Ditt val är sparat.");
        }

        try (Browser officer = Browser.withJavaScript()) {
            login(officer, "Logga in som personal", "Sara Socialsekreterare");
            officer.open(at("/personal/arenden/" + tolvansCase));
            assertThat(officer.text())
                    .contains("Levererat till digital brevlåda")
                    .contains("Sista dag att överklaga");
            String shown =
                    officer.driver.findElement(By.cssSelector("dl.facts")).getText();
            assertThat(shown).contains(deadline.getYear() + "-");
            officer.assertAccessible();
        }

        try (Browser registrar = Browser.withJavaScript()) {
            login(registrar, "Logga in som personal", "Rune Registrator");
            registrar.click("Post");
            assertThat(registrar.heading()).isEqualTo("Utgående post");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                registrar.open(at("/personal/post"));
                assertThat(registrar.text()).doesNotContain("Brev som väntar på utskrift: 0.");
            });
            registrar.assertAccessible();
            registrar.click("Skapa utskriftsbunt");
            assertThat(registrar.text()).contains("Utskriftsbunten är skapad.").contains("Ladda ner bunten");
            registrar.assertAccessible();
        }
        String annasDispatch = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                        SELECT d.status FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                        WHERE l.case_id = :c AND d.channel = 'PAPER'
                        """).param("c", annasCase).query(String.class).single());
        assertThat(annasDispatch).isEqualTo("PRINT_QUEUED");
    }

    @Test
    void theChoiceOfChannelWorksWithoutJavaScript() {
        try (Browser anna = Browser.withoutJavaScript()) {
            login(anna, "Logga in med e-legitimation", "Anna Testsson");
            anna.open(at("/mina-sidor/post/installningar"));
            assertThat(anna.text()).contains("Du har ingen digital brevlåda");
            anna.driver.findElement(By.id("f-channel-PAPER")).click();
            anna.click("Spara");
            assertThat(anna.text()).contains("Ditt val är sparat.");
            anna.open(at("/mina-sidor/post"));
            assertThat(anna.text()).contains("Så får du post från kommunen nu: Papper.");
            anna.assertAccessible();
            anna.open(at("/mina-sidor/post/installningar"));
            anna.driver.findElement(By.id("f-channel-DIGITAL_MAILBOX")).click();
            anna.click("Spara");
        }
    }
}
