package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;

/**
 * A food inspector of Miljöförbundet Fyrbodal logs in once, at Vänersborg, and works a Vänersborg and a
 * Trollhättan registration from one workbench: the Trollhättan case opens in Trollhättan without a second login.
 */
class FederationJourneyIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    CaseIntake.Opened registration(Tenant tenant, String establishment, String street, String city) {
        return transactions.call(
                tenant.id(),
                () -> TestIntake.open(
                        intake,
                        "registrering-livsmedelsanlaggning",
                        null,
                        new CaseIntake.Reporter(null, "Erik Provare", "199006022397", "person:erik"),
                        UUID.randomUUID(),
                        Map.of(
                                "establishment", List.of(establishment),
                                "address.street", List.of(street),
                                "address.postalCode", List.of("462 30"),
                                "address.city", List.of(city),
                                "activity", List.of("kafe"),
                                "start",
                                        List.of(LocalDate.now(SwedishTime.ZONE)
                                                .plusDays(20)
                                                .toString()),
                                "email", List.of("kafe@example.org")),
                        CaseIntake.Channel.E_SERVICE));
    }

    @Test
    void oneLoginOneWorkbenchTwoMunicipalities() {
        Tenant trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        String marker = "Journeykafé " + UUID.randomUUID().toString().substring(0, 6);
        var inVanersborg = registration(vanersborg, marker + " Hamnen", "Sundsgatan 1", "Vänersborg");
        var inTrollhattan = registration(trollhattan, marker + " Fallen", "Storgatan 1", "Trollhättan");
        String vanersborg = "http://vanersborg.localhost:" + port;

        try (Browser mira = Browser.withoutJavaScript()) {
            mira.open(vanersborg + "/logga-in");
            mira.click("Logga in som personal");
            mira.click("Mira Miljöinspektör");
            mira.open(vanersborg + "/personal/arenden?ko=nya&q=" + marker.split(" ")[1]);
            assertThat(mira.text())
                    .contains("Köerna visar också ärenden från Trollhättans stad")
                    .contains("2 ärenden")
                    .contains("Vänersborgs kommun")
                    .contains("Trollhättans stad");
            mira.assertAccessible();

            // the Vänersborg case, worked in Vänersborg
            mira.driver
                    .findElement(org.openqa.selenium.By.cssSelector(
                            "a[href$='/personal/arenden/" + inVanersborg.caseId() + "']"))
                    .click();
            assertThat(mira.text()).contains(marker + " Hamnen").contains("Vänersborgs kommun");
            mira.click("Ta ärendet");
            assertThat(mira.text()).contains("Mira Miljöinspektör");

            // the Trollhättan case: the link leads to Trollhättan, whose staff login lets her straight through
            mira.open(vanersborg + "/personal/arenden?ko=nya&q=" + marker.split(" ")[1]);
            mira.driver
                    .findElement(org.openqa.selenium.By.cssSelector(
                            "a[href$='/personal/arenden/" + inTrollhattan.caseId() + "']"))
                    .click();
            if (mira.text().contains("Logga in som personal")) {
                mira.click("Logga in som personal");
            }
            assertThat(mira.url()).startsWith("http://trollhattan.localhost:" + port + "/personal/arenden/");
            assertThat(mira.text()).contains(marker + " Fallen").doesNotContain("Demo-inloggning");
            mira.click("Ta ärendet");
            mira.assertAccessible();

            // back in Vänersborg: her own queue holds both, each with its municipality
            mira.open(vanersborg + "/personal/arenden?ko=mina&q=" + marker.split(" ")[1]);
            assertThat(mira.text())
                    .contains("2 ärenden")
                    .contains("Vänersborgs kommun")
                    .contains("Trollhättans stad");
        }
    }

    /** Single sign-on reaches only where the identity could have logged in: not a Vänersborg officer to Trollhättan. */
    @Test
    void aMunicipalitysOwnOfficerIsNotLetIntoAnotherMunicipality() {
        try (Browser bodil = Browser.withoutJavaScript()) {
            bodil.open("http://vanersborg.localhost:" + port + "/logga-in");
            bodil.click("Logga in som personal");
            bodil.click("Bodil Bygglovsson");
            assertThat(bodil.text()).contains("Bodil Bygglovsson");
            bodil.open("http://trollhattan.localhost:" + port + "/logga-in");
            bodil.click("Logga in som personal");
            assertThat(bodil.text()).contains("Demo-inloggning").doesNotContain("Bodil Bygglovsson");
            assertThat(bodil.url()).doesNotStartWith("http://trollhattan.localhost:" + port + "/personal");
        }
    }
}
