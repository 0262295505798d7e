package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;

/**
 * The registrar's, archivist's, administrator's and resident's pages that no journey passes: each opens
 * for its user and passes axe-core.
 */
class RecordsPagesAccessibilityIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    @Test
    void staffAndResidentPagesAreAccessible() {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var opened = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "synpunkt-klagomal",
                        null,
                        new CaseIntake.Reporter(null, "Tolvan Tolvansson", "191212121212", "person:tolvan"),
                        UUID.randomUUID(),
                        TestIntake.feedback("Fler papperskorgar"),
                        CaseIntake.Channel.E_SERVICE));

        try (Browser anyone = Browser.withJavaScript()) {
            anyone.open(at("/oppna-data"));
            assertThat(anyone.heading()).isEqualTo("Öppna data");
            anyone.assertAccessible();
        }
        try (Browser ada = Browser.withJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/sensorer"));
            assertThat(ada.heading()).isEqualTo("Givare");
            ada.assertAccessible();
        }
        try (Browser maja = Browser.withJavaScript()) {
            maja.open(at("/logga-in"));
            maja.click("Logga in som personal");
            maja.click("Maja Chef");
            maja.open(at("/personal/insikter"));
            assertThat(maja.heading()).isEqualTo("Verksamhetens siffror");
            maja.assertAccessible();
        }
        try (Browser rune = Browser.withJavaScript()) {
            rune.open(at("/logga-in"));
            rune.click("Logga in som personal");
            rune.click("Rune Registrator");
            rune.open(at("/personal/diarium/" + opened.caseId()));
            assertThat(rune.text()).contains(opened.reference()).contains("Registrera en handling");
            rune.assertAccessible();
            rune.open(at("/personal/begaranden"));
            rune.assertAccessible();
            rune.open(at("/personal/gallring"));
            assertThat(rune.heading()).isEqualTo("Gallring");
            rune.assertAccessible();
            rune.open(at("/personal/arkiv"));
            assertThat(rune.heading()).isEqualTo("Leverans till e-arkivet");
            rune.assertAccessible();
        }
        try (Browser ada = Browser.withJavaScript()) {
            ada.open(at("/logga-in"));
            ada.click("Logga in som personal");
            ada.click("Ada Administratör");
            ada.open(at("/admin/open311"));
            assertThat(ada.heading()).isEqualTo("Open311-nycklar");
            ada.assertAccessible();
        }
        try (Browser tolvan = Browser.withJavaScript()) {
            tolvan.open(at("/logga-in"));
            tolvan.click("Logga in med e-legitimation");
            tolvan.click("Tolvan Tolvansson");
            tolvan.open(at("/mina-sidor/mina-uppgifter"));
            assertThat(tolvan.text()).contains(opened.reference()).contains("191212121212");
            tolvan.assertAccessible();
            tolvan.open(at("/mina-sidor/atkomst"));
            tolvan.assertAccessible();
        }
    }
}
