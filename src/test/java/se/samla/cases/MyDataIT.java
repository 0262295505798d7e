package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;

/** A resident gets everything Samla holds about them, and sees which unit (never which person) opened their cases. */
class MyDataIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CaseSubmissions submissions;

    RequestPostProcessor host = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };

    @Test
    void theResidentsDataAndWhoOpenedTheirCases() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var logins = logins();
        var anna = logins.resident(vanersborg, "Anna Testsson", "198705212382");
        var erik = logins.resident(vanersborg, "Erik Provare", "199006022397");
        var annaUser = (SignedInUser.Resident) anna.user();
        var erikUser = (SignedInUser.Resident) erik.user();
        String marker = "bänk" + UUID.randomUUID().toString().substring(0, 6);
        var type = catalog.current(vanersborg.id(), "synpunkt-klagomal").orElseThrow();
        var mine = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        type,
                        new Applicant(annaUser.personId(), "Anna Testsson", "198705212382", annaUser.auditId()),
                        UUID.randomUUID(),
                        Map.of(
                                "kind",
                                "synpunkt",
                                "area",
                                "gata-park",
                                "message",
                                "Fler " + marker,
                                "wantsAnswer",
                                "nej"),
                        CaseSubmissions.Channel.E_SERVICE));
        var theirs = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        type,
                        new Applicant(erikUser.personId(), "Erik Provare", "199006022397", erikUser.auditId()),
                        UUID.randomUUID(),
                        Map.of("kind", "klagomal", "area", "gata-park", "message", "Eriks eget", "wantsAnswer", "nej"),
                        CaseSubmissions.Channel.E_SERVICE));
        var officer = logins.staff(vanersborg, "kajsa", "Kajsa Kanslist", List.of("handlaggare:KSF-KANSLI"), "intern");
        mvc.perform(get("/personal/arenden/" + mine.caseId()).with(host).with(officer.processor()))
                .andExpect(status().isOk());

        String log = mvc.perform(get("/mina-sidor/atkomst").with(host).with(anna.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(log)
                .contains(mine.reference())
                .contains("Öppnade ärendet")
                .contains("Kansli och registratur")
                .doesNotContain("Kajsa");

        String json = mvc.perform(
                        get("/mina-sidor/mina-uppgifter.json").with(host).with(anna.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"personalIdentityNumber\":\"198705212382\"")
                .contains(mine.reference())
                .contains(marker)
                .contains("Öppnade ärendet")
                .doesNotContain(theirs.reference())
                .doesNotContain("Eriks eget")
                .doesNotContain("Kajsa");
        mvc.perform(get("/mina-sidor/mina-uppgifter").with(host).with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString(marker)));
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'PERSONAL_DATA_EXPORTED' AND object_id = :p")
                                .param("p", annaUser.personId().toString())
                                .query(Integer.class)
                                .single()))
                .isEqualTo(2);
        // staff cannot reach the residents' pages
        mvc.perform(get("/mina-sidor/mina-uppgifter.json").with(host).with(officer.processor()))
                .andExpect(status().isForbidden());
    }
}
