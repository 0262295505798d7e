package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.TestLogins;

/**
 * Acting for others: an ombud with a power of attorney in Mina ombud, a guardian for a child, a signatory for a
 * company. Each right is checked against its register at the moment of acting; one that has lapsed, or never was,
 * reaches nothing.
 */
class RepresentationIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212";
    static final String ANNA = "198705212382";
    static final String ERIK = "199006022397";
    static final String CHILD = "201304232398";
    static final String COMPANY = "5590123450";
    /** Anna's power of attorney for Tolvan, for bygglov: revoked by one test only. */
    static final String REVOKED_BY_TEST = "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d";

    TestLogins.Login tolvan;
    TestLogins.Login anna;
    TestLogins.Login erik;

    @BeforeEach
    void people() {
        tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
        anna = logins().resident(vanersborg, "Anna Testsson", ANNA);
        erik = logins().resident(vanersborg, "Erik Provare", ERIK);
    }

    /** Chooses whom to act for; the choice lives in the session its cookie names. */
    Cookie actFor(TestLogins.Login who, String choice) throws Exception {
        var answer = mvc.perform(atVanersborg(post("/mina-sidor/agera-for"))
                        .with(who.processor())
                        .with(csrf())
                        .param("val", choice))
                .andExpect(status().isFound())
                .andReturn();
        return answer.getResponse().getCookie("SAMLA_SESSION");
    }

    MockMultipartHttpServletRequestBuilder buildingPermit(UUID submission, String principal, String description) {
        return buildingPermit(submission, principal, description, "skicka");
    }

    MockMultipartHttpServletRequestBuilder buildingPermit(
            UUID submission, String principal, String description, String action) {
        return (MockMultipartHttpServletRequestBuilder) atVanersborg(multipart("/e-tjanster/bygglov/formular")
                .file(new MockMultipartFile(
                        "f.drawings", "plan.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes()))
                .param("submissionId", submission.toString())
                .param("version", String.valueOf(version("bygglov")))
                .param("principal", principal)
                .param("action", action)
                .param("f.property", "Vänersborg Nordstaden 3:12")
                .param("f.address.street", "Sundsgatan 29")
                .param("f.address.postalCode", "462 85")
                .param("f.address.city", "Vänersborg")
                .param("f.measure", "tillbyggnad")
                .param("f.description", description)
                .param("f.applicantIsOwner", "ja")
                .with(csrf()));
    }

    int version(String code) {
        return context.getBean(se.samla.catalog.Catalog.class)
                .current(vanersborg.id(), code)
                .orElseThrow()
                .version();
    }

    String caseOf(UUID submission) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id::text FROM cases.\"case\" WHERE submission_id = :s")
                        .param("s", submission)
                        .query(String.class)
                        .optional()
                        .orElse(null));
    }

    @Test
    void anOmbudAppliesForTheGiverWhoSeesWhatWasDoneForThem() throws Exception {
        var session = actFor(erik, "POWER_OF_ATTORNEY:" + ANNA);
        mvc.perform(atVanersborg(get("/e-tjanster/bygglov/formular"))
                        .with(erik.processor())
                        .cookie(session))
                .andExpect(content().string(containsString("Du agerar för: Anna Testsson")))
                .andExpect(content().string(containsString("value=\"POWER_OF_ATTORNEY:" + ANNA + "\"")));
        UUID submission = UUID.randomUUID();
        mvc.perform(buildingPermit(submission, "POWER_OF_ATTORNEY:" + ANNA, "Altan för Anna")
                        .with(erik.processor())
                        .cookie(session))
                .andExpect(status().isFound());
        String caseId = caseOf(submission);

        var stored = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT applicant_identity_number, actor_identity_number, acting_as FROM cases.\"case\""
                                + " WHERE id = CAST(:c AS uuid)")
                        .param("c", caseId)
                        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .single());
        assertThat(stored).containsExactly(ANNA, ERIK, "POWER_OF_ATTORNEY");
        // the giver sees it, and who sent it
        mvc.perform(atVanersborg(get("/mina-sidor")).with(anna.processor()))
                .andExpect(content().string(containsString("/mina-sidor/arenden/" + caseId)))
                .andExpect(content().string(containsString("Inskickat av Erik Provare för Anna Testsson")));
        // the ombud, acting for her, follows it
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(erik.processor())
                        .cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Altan för Anna")));
        // he writes in it for her, and it says so
        mvc.perform(atVanersborg(post("/mina-sidor/arenden/" + caseId + "/meddelande"))
                        .with(erik.processor())
                        .with(csrf())
                        .cookie(session)
                        .param("body", "Ritningarna kommer nästa vecka"))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(anna.processor()))
                .andExpect(content().string(containsString("Erik Provare för Anna Testsson")))
                .andExpect(content().string(containsString("Ritningarna kommer nästa vecka")));
        // acting for himself, he does not
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(erik.processor()))
                .andExpect(status().isNotFound());
        var officer =
                logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        mvc.perform(atVanersborg(get("/personal/arenden/" + caseId)).with(officer.processor()))
                .andExpect(content().string(containsString("Inskickat av Erik Provare för Anna Testsson")))
                .andExpect(content().string(containsString("med fullmakt i Mina ombud")));
        Integer named = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'CASE_OPENED' AND object_id = :c"
                                + " AND details LIKE '%POWER_OF_ATTORNEY:person:"
                                + ((se.samla.identity.SignedInUser.Resident) anna.user()).personId() + "%'"
                                + " AND details NOT LIKE '%" + ANNA + "%'")
                        .param("c", caseId)
                        .query(Integer.class)
                        .single());
        assertThat(named).isEqualTo(1);
    }

    @Test
    void aPowerOfAttorneyThatDoesNotCoverTheCaseTypeSendsNothing() throws Exception {
        var session = actFor(erik, "POWER_OF_ATTORNEY:" + ANNA);
        UUID submission = UUID.randomUUID();
        mvc.perform(atVanersborg(multipart("/e-tjanster/synpunkt-klagomal/formular"))
                        .with(csrf())
                        .with(erik.processor())
                        .cookie(session)
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("synpunkt-klagomal")))
                        .param("principal", "POWER_OF_ATTORNEY:" + ANNA)
                        .param("f.kind", "synpunkt")
                        .param("f.area", "gata-park")
                        .param("f.message", "Fler bänkar")
                        .param("f.wantsAnswer", "nej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(containsString("Din fullmakt från Anna Testsson gäller inte den här e-tjänsten")));
        assertThat(caseOf(submission)).isNull();
    }

    @Test
    void anExpiredPowerOfAttorneyAndSomeoneElsesChildCannotBeChosen() throws Exception {
        // Tolvan's power of attorney for Erik ended 2025-12-31
        for (var refused : List.of(
                List.of(erik, "POWER_OF_ATTORNEY:" + TOLVAN, 403),
                List.of(erik, "CHILD:" + CHILD, 403),
                List.of(tolvan, "ORGANISATION:" + COMPANY, 403),
                List.of(erik, "NOBODY:" + ANNA, 400))) {
            var who = (TestLogins.Login) refused.get(0);
            mvc.perform(atVanersborg(post("/mina-sidor/agera-for"))
                            .with(who.processor())
                            .with(csrf())
                            .param("val", (String) refused.get(1)))
                    .andExpect(status().is((Integer) refused.get(2)));
        }
        mvc.perform(atVanersborg(get("/mina-sidor/agera-for")).with(erik.processor()))
                .andExpect(content().string(containsString("Anna Testsson")))
                .andExpect(content().string(containsString("Testbygg i Vänersborg AB")))
                .andExpect(content().string(not(containsString("Tolvan Tolvansson"))))
                .andExpect(content().string(not(containsString("Lilla Tolvansson"))));
    }

    @Test
    void aRevokedPowerOfAttorneyStopsTheActingAtOnceAlsoForAFormBeingFilledIn() throws Exception {
        var session = actFor(tolvan, "POWER_OF_ATTORNEY:" + ANNA);
        UUID before = UUID.randomUUID();
        mvc.perform(buildingPermit(before, "POWER_OF_ATTORNEY:" + ANNA, "Före återkallelsen")
                        .with(tolvan.processor())
                        .cookie(session))
                .andExpect(status().isFound());
        String caseId = caseOf(before);

        var revoked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/demo-mina-ombud/dfm/formedlare/v1/tredjeman/2120001439/fullmakter/"
                                        + REVOKED_BY_TEST))
                                .header("Authorization", "Bearer demo-mina-ombud-token")
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(revoked.statusCode()).isEqualTo(204);

        UUID after = UUID.randomUUID();
        mvc.perform(buildingPermit(after, "POWER_OF_ATTORNEY:" + ANNA, "Efter återkallelsen")
                        .with(tolvan.processor())
                        .cookie(session))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Du kan inte längre agera för Anna Testsson")))
                .andExpect(content().string(containsString("Ansökan är inte skickad")));
        assertThat(caseOf(after)).isNull();
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(tolvan.processor())
                        .cookie(session))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor")).with(tolvan.processor()).cookie(session))
                .andExpect(content().string(not(containsString("Före återkallelsen"))))
                .andExpect(content().string(containsString("Du agerar för: Tolvan Tolvansson")));
    }

    @Test
    void aGuardianActsForTheirChildAndTheOtherGuardianSeesItButNoOneElse() throws Exception {
        var tolvanForChild = actFor(tolvan, "CHILD:" + CHILD);
        UUID submission = UUID.randomUUID();
        mvc.perform(atVanersborg(multipart("/e-tjanster/synpunkt-klagomal/formular"))
                        .with(csrf())
                        .with(tolvan.processor())
                        .cookie(tolvanForChild)
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("synpunkt-klagomal")))
                        .param("principal", "CHILD:" + CHILD)
                        .param("f.kind", "synpunkt")
                        .param("f.area", "gata-park")
                        .param("f.message", "Gungorna vid skolan är trasiga")
                        .param("f.wantsAnswer", "nej"))
                .andExpect(status().isFound());
        String caseId = caseOf(submission);

        var annaForChild = actFor(anna, "CHILD:" + CHILD);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(anna.processor()).cookie(annaForChild))
                .andExpect(content().string(containsString("Inskickat av Tolvan Tolvansson för Lilla Tolvansson")));
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(anna.processor())
                        .cookie(annaForChild))
                .andExpect(status().isOk());
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(erik.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(anna.processor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSignatoryRegistersForTheCompanyAndACompanyServiceNeedsOne() throws Exception {
        mvc.perform(atVanersborg(multipart("/e-tjanster/registrering-livsmedelsanlaggning/formular"))
                        .with(csrf())
                        .with(erik.processor())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("version", String.valueOf(version("registrering-livsmedelsanlaggning")))
                        .param("f.establishment", "Kafé Kanalen"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Den här e-tjänsten är för företag")));

        var forCompany = actFor(erik, "ORGANISATION:" + COMPANY);
        UUID submission = UUID.randomUUID();
        mvc.perform(atVanersborg(multipart("/e-tjanster/registrering-livsmedelsanlaggning/formular"))
                        .with(csrf())
                        .with(erik.processor())
                        .cookie(forCompany)
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("registrering-livsmedelsanlaggning")))
                        .param("principal", "ORGANISATION:" + COMPANY)
                        .param("action", "skicka")
                        .param("f.establishment", "Kafé Kanalen")
                        .param("f.address.street", "Kanalgatan 2")
                        .param("f.address.postalCode", "462 32")
                        .param("f.address.city", "Vänersborg")
                        .param("f.activity", "kafe")
                        .param("f.start", java.time.LocalDate.now().plusDays(30).toString())
                        .param("f.email", "info@testbygg.example"))
                .andExpect(status().isFound());
        String caseId = caseOf(submission);
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(erik.processor())
                        .cookie(forCompany))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Inskickat av Erik Provare för Testbygg i Vänersborg AB")));
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(erik.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(tolvan.processor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aPassiveAuthorityFollowsTheGiversCasesButDoesNotActInThem() throws Exception {
        var anna = (se.samla.identity.SignedInUser.Resident) this.anna.user();
        var type = context.getBean(se.samla.catalog.Catalog.class)
                .current(vanersborg.id(), "parkeringstillstand")
                .orElseThrow();
        var opened = se.samla.shared.CurrentTenant.callAs(
                vanersborg.id(),
                () -> context.getBean(CaseSubmissions.class)
                        .submit(
                                type,
                                new Applicant(anna.personId(), anna.displayName(), ANNA, anna.auditId()),
                                UUID.randomUUID(),
                                java.util.Map.of("phone", "0521123456"),
                                CaseSubmissions.Channel.API));
        var forAnna = actFor(erik, "POWER_OF_ATTORNEY:" + ANNA);

        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + opened.caseId()))
                        .with(erik.processor())
                        .cookie(forAnna))
                .andExpect(status().isOk());
        mvc.perform(atVanersborg(post("/mina-sidor/arenden/" + opened.caseId() + "/meddelande"))
                        .with(erik.processor())
                        .with(csrf())
                        .cookie(forAnna)
                        .param("body", "Jag skriver för Anna"))
                .andExpect(status().isNotFound());
        Integer messages = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM cases.message WHERE case_id = :c")
                        .param("c", opened.caseId())
                        .query(Integer.class)
                        .single());
        assertThat(messages).isZero();
    }

    @Test
    void aDraftStartedForSomeoneIsNotShownOrSentWhenActingForAnother() throws Exception {
        var forAnna = actFor(erik, "POWER_OF_ATTORNEY:" + ANNA);
        UUID submission = UUID.randomUUID();
        mvc.perform(buildingPermit(submission, "POWER_OF_ATTORNEY:" + ANNA, "Utkast för Anna", "spara")
                        .with(erik.processor())
                        .cookie(forAnna))
                .andExpect(status().isOk());

        mvc.perform(atVanersborg(get("/e-tjanster/bygglov/formular")).with(erik.processor()))
                .andExpect(content().string(containsString("som du började för någon annan")))
                .andExpect(content().string(not(containsString("Utkast för Anna"))));
        mvc.perform(atVanersborg(get("/e-tjanster/bygglov/formular"))
                        .with(erik.processor())
                        .cookie(forAnna))
                .andExpect(content().string(containsString("Utkast för Anna")));
    }

    @Test
    void whatAGuardianWithAProtectedIdentitySentForTheChildDoesNotReachTheOtherGuardian() throws Exception {
        String elsa = "201508122387";
        var erikForElsa = actFor(erik, "CHILD:" + elsa);
        UUID submission = UUID.randomUUID();
        mvc.perform(atVanersborg(multipart("/e-tjanster/synpunkt-klagomal/formular"))
                        .with(csrf())
                        .with(erik.processor())
                        .cookie(erikForElsa)
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("synpunkt-klagomal")))
                        .param("principal", "CHILD:" + elsa)
                        .param("f.kind", "synpunkt")
                        .param("f.area", "gata-park")
                        .param("f.message", "Skyddad adress i närheten")
                        .param("f.wantsAnswer", "nej"))
                .andExpect(status().isFound());
        String caseId = caseOf(submission);

        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(erik.processor())
                        .cookie(erikForElsa))
                .andExpect(status().isOk());
        var annaForElsa = actFor(anna, "CHILD:" + elsa);
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId))
                        .with(anna.processor())
                        .cookie(annaForElsa))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor")).with(anna.processor()).cookie(annaForElsa))
                .andExpect(content().string(not(containsString("Inskickat av Erik Provare"))));
    }

    @Test
    void aYoungPersonsOwnConfidentialCaseIsNotShownToTheGuardianFromTheAgeItsTypeSays() throws Exception {
        String youth = "201009202381";
        var ung = (se.samla.identity.SignedInUser.Resident)
                logins().resident(vanersborg, "Ung Tolvansson", youth).user();
        var catalog = context.getBean(se.samla.catalog.Catalog.class);
        var submissions = context.getBean(CaseSubmissions.class);
        var applicant = new Applicant(ung.personId(), ung.displayName(), youth, ung.auditId());
        var talks = se.samla.shared.CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        catalog.current(vanersborg.id(), "stodsamtal-for-unga").orElseThrow(),
                        applicant,
                        UUID.randomUUID(),
                        java.util.Map.of("about", "Hemma", "phone", "0701234567"),
                        CaseSubmissions.Channel.E_SERVICE));
        var feedback = se.samla.shared.CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        catalog.current(vanersborg.id(), "synpunkt-klagomal").orElseThrow(),
                        applicant,
                        UUID.randomUUID(),
                        java.util.Map.of("message", "Fler cykelställ"),
                        CaseSubmissions.Channel.E_SERVICE));

        var forUng = actFor(tolvan, "CHILD:" + youth);
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + talks.caseId()))
                        .with(tolvan.processor())
                        .cookie(forUng))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + feedback.caseId()))
                        .with(tolvan.processor())
                        .cookie(forUng))
                .andExpect(status().isOk());
        mvc.perform(atVanersborg(get("/mina-sidor")).with(tolvan.processor()).cookie(forUng))
                .andExpect(content().string(not(containsString("Ansökan om stödsamtal för unga"))))
                .andExpect(content().string(containsString("Synpunkter och klagomål")));
    }
}
