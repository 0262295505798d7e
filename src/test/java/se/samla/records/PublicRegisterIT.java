package se.samla.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.shared.SwedishTime;

/**
 * Documents are registered as they arise, and the public register shows them without anything that secrecy
 * may cover: the personal data of a secret case is searched for in every answer and never found.
 */
class PublicRegisterIT extends SamlaIntegrationTest {

    private static final String HOST = "vanersborg.localhost";

    @Autowired
    CaseIntake intake;

    String marker;

    @BeforeEach
    void setUp() {
        marker = "hemlighet" + UUID.randomUUID().toString().substring(0, 8);
    }

    static MockHttpServletRequestBuilder at(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(HOST);
            return r;
        });
    }

    private CaseIntake.Opened open(
            String type,
            CaseIntake.Reporter reporter,
            Map<String, List<String>> values,
            String fileField,
            String filename) {
        UUID submission = UUID.randomUUID();
        return transactions.call(vanersborg.id(), () -> {
            if (fileField != null) {
                assertThat(TestIntake.receiveFile(
                                intake,
                                submission,
                                type,
                                fileField,
                                filename,
                                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                                "person:test"))
                        .isNull();
            }
            return TestIntake.open(intake, type, null, reporter, submission, values, CaseIntake.Channel.E_SERVICE);
        });
    }

    private List<Map<String, Object>> entries(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT number, direction, kind, counterpart, public_counterpart, description, public_description, osl_provision "
                                        + "FROM records.entry WHERE case_id = :c ORDER BY number")
                        .param("c", caseId)
                        .query()
                        .listOfRows());
    }

    private String everythingPublic() throws Exception {
        String today = LocalDate.now(SwedishTime.ZONE).toString();
        return mvc.perform(at(get("/diarium").param("fran", today).param("till", today)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8)
                + mvc.perform(at(get("/diarium.json").param("fran", today).param("till", today)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8);
    }

    private String publicOf(String reference) throws Exception {
        return mvc.perform(at(get("/diarium").param("q", reference)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8)
                + mvc.perform(at(get("/diarium.json").param("q", reference)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretCasesDocumentsAreRegisteredAndItsPersonalDataNeverReachesTheRegister() throws Exception {
        var tolvan = new CaseIntake.Reporter(null, "Tolvan Tolvansson", "191212121212", "person:tolvan");
        var opened = open(
                "ekonomiskt-bistand",
                tolvan,
                TestIntake.welfareApplication("Jag har förlorat jobbet på Storgatan 5 " + marker, "tolvan@example.org"),
                "documents",
                "kontoutdrag_tolvan_19121212.pdf");
        var officer = logins().staff(
                        vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        mvc.perform(at(post("/personal/arenden/" + opened.caseId() + "/meddelande"))
                        .with(officer.processor())
                        .with(csrf())
                        .param("body", "Hej Tolvan, vi behöver ditt hyreskontrakt " + marker))
                .andExpect(status().is3xxRedirection());
        mvc.perform(at(post("/personal/arenden/" + opened.caseId() + "/anteckning"))
                        .with(officer.processor())
                        .with(csrf())
                        .param("body", "Ringde Tolvan " + marker))
                .andExpect(status().is3xxRedirection());
        int version = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :c")
                        .param("c", opened.caseId())
                        .query(Integer.class)
                        .single());
        mvc.perform(at(post("/personal/arenden/" + opened.caseId() + "/beslut"))
                        .with(officer.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("outcome", "avslag")
                        .param("reasons", "Inkomsten räcker " + marker)
                        .param("legalReference", "4 kap. 1 § SoL"))
                .andExpect(status().is3xxRedirection());

        var registered = entries(opened.caseId());
        assertThat(registered).extracting(r -> r.get("number")).containsExactly(1, 2, 3, 4, 5);
        assertThat(registered)
                .extracting(r -> r.get("kind") + ":" + r.get("direction"))
                .containsExactly(
                        "APPLICATION:INCOMING",
                        "FILE:INCOMING",
                        "MESSAGE:OUTGOING",
                        "MEMO:INTERNAL",
                        "DECISION:OUTGOING");
        assertThat(registered).allSatisfy(r -> {
            assertThat(r.get("osl_provision")).isEqualTo("26 kap. 1 § OSL");
            assertThat(r.get("public_counterpart")).isNull();
        });
        assertThat(registered.get(0).get("counterpart")).as("staff see who").isEqualTo("Tolvan Tolvansson");
        assertThat(registered.get(1).get("description")).isEqualTo("Bilaga: kontoutdrag_tolvan_19121212.pdf");
        assertThat(registered.get(4).get("description")).isEqualTo("Beslut: Avslag");

        String published = everythingPublic();
        assertThat(published)
                .contains(opened.reference())
                .contains("ekonomiskt bistånd")
                .contains("26 kap. 1 § OSL");
        for (String secret : List.of(
                "Tolvan",
                "Tolvansson",
                "191212121212",
                "19121212",
                "121212-1212",
                "Storgatan",
                marker,
                "kontoutdrag",
                "Avslag",
                "tolvan@example.org",
                "0521123456",
                "Sara")) {
            assertThat(published).as("the register shows " + secret).doesNotContain(secret);
        }
        // searching for the name finds nothing, since only public fields are searched
        String search = mvc.perform(at(get("/diarium.json").param("q", "Tolvan")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(search).contains("\"documents\":[]");
        String byReference = mvc.perform(at(get("/diarium.json").param("q", opened.reference())))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(byReference).contains("\"documentNumber\":5").contains("\"counterpart\":null");
    }

    @Test
    void aPublicCaseShowsItsPartyButNeverItsContent() throws Exception {
        var anna = new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna");
        var opened = open("synpunkt-klagomal", anna, TestIntake.feedback("Parkbänken är trasig " + marker), null, null);
        var registered = entries(opened.caseId());
        assertThat(registered).hasSize(1);
        assertThat(registered.get(0).get("public_counterpart")).isEqualTo("Anna Testsson");
        assertThat(registered.get(0).get("osl_provision")).isNull();
        String published = mvc.perform(at(get("/diarium").param("q", opened.reference())))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(published)
                .contains("Anna Testsson")
                .contains("Inkommande")
                .contains("Synpunkt")
                .doesNotContain(marker)
                .doesNotContain("198705212382");
        // the other municipality's register does not have it
        String trollhattan = mvc.perform(
                        get("/diarium.json").param("q", opened.reference()).with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        }))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(trollhattan).contains("\"documents\":[]");
    }

    @Test
    void aPersonWithProtectedIdentityNeverAppearsInThePublicRegister() throws Exception {
        // Erik Provare is marked protected in the population register's local stand-in
        var erik = new CaseIntake.Reporter(null, "Erik Provare", "199006022397", "person:erik");
        var opened = open("synpunkt-klagomal", erik, TestIntake.feedback("Belysningen i parken " + marker), null, null);
        var registered = entries(opened.caseId());
        assertThat(registered.get(0).get("counterpart"))
                .as("staff still see who")
                .isEqualTo("Erik Provare");
        assertThat(registered.get(0).get("public_counterpart")).isNull();
        String published = publicOf(opened.reference());
        assertThat(published)
                .contains(opened.reference())
                .doesNotContain("Erik")
                .doesNotContain("Provare")
                .doesNotContain("199006022397");
        // removing a secrecy marking does not bring the name back
        var rune = logins().staff(
                        vanersborg, "rune", "Rune Registrator", List.of("registrator:KSF-KANSLI"), "konfidentiell");
        mvc.perform(at(post("/personal/diarium/" + opened.caseId() + "/handlingar/1/sekretess"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("provision", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(publicOf(opened.reference())).doesNotContain("Erik Provare");
    }

    @Test
    void problemReportsAreNotRegistered() {
        var opened = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "klotter",
                        "SBF-GATA",
                        CaseIntake.Reporter.anonymous("anonymous"),
                        UUID.randomUUID(),
                        Map.of("description", List.of("Klotter"), "offensive", List.of("nej")),
                        CaseIntake.Channel.E_SERVICE));
        assertThat(entries(opened.caseId())).isEmpty();
    }

    @Test
    void aRegistrarRegistersPaperAndMarksSecrecyAndOthersCannot() throws Exception {
        var anna = new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna");
        var opened = open(
                "synpunkt-klagomal",
                anna,
                Map.of(
                        "kind",
                        List.of("klagomal"),
                        "area",
                        List.of("gata-park"),
                        "message",
                        List.of("Snöröjningen " + marker),
                        "wantsAnswer",
                        List.of("nej")),
                null,
                null);
        var logins = logins();
        var rune = logins.staff(
                vanersborg, "rune", "Rune Registrator", List.of("registrator:KSF-KANSLI"), "konfidentiell");
        var bodil = logins.staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        String base = "/personal/diarium/" + opened.caseId();

        mvc.perform(at(get(base)).with(rune.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Anna Testsson")));
        // a letter that came on paper, with a neighbour's name that must stay out of the public register
        mvc.perform(at(post(base + "/registrera"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("direction", "INCOMING")
                        .param("counterpart", "Granne Grannesson")
                        .param("description", "Brev om hälsotillstånd " + marker)
                        .param("publicDescription", "Skrivelse")
                        .param("provision", "25 kap. 1 § OSL"))
                .andExpect(status().is3xxRedirection());
        var registered = entries(opened.caseId());
        assertThat(registered).hasSize(2);
        assertThat(registered.get(1).get("osl_provision")).isEqualTo("25 kap. 1 § OSL");
        assertThat(registered.get(1).get("public_counterpart")).isNull();
        String published = everythingPublic();
        assertThat(published).contains("Skrivelse").doesNotContain("Granne").doesNotContain(marker);

        // the first document is marked secret afterwards: its party leaves the public register; unmarked, it returns
        mvc.perform(at(post(base + "/handlingar/1/sekretess"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("provision", "21 kap. 1 § OSL"))
                .andExpect(status().is3xxRedirection());
        assertThat(publicOf(opened.reference())).contains(opened.reference()).doesNotContain("Anna Testsson");
        mvc.perform(at(post(base + "/handlingar/1/sekretess"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("provision", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(publicOf(opened.reference())).contains("Anna Testsson");

        // bad input is explained and nothing is registered
        mvc.perform(at(post(base + "/registrera"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("direction", "SIDEWAYS")
                        .param("description", "")
                        .param("publicDescription", "x")
                        .param("provision", "paragraf 7"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Välj om handlingen är inkommande")))
                .andExpect(content().string(Matchers.containsString("Skriv en beskrivning (högst 500 tecken).")))
                .andExpect(content().string(Matchers.containsString("26 kap. 1 § OSL")));
        mvc.perform(at(post(base + "/handlingar/99/sekretess"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("provision", "21 kap. 1 § OSL"))
                .andExpect(status().isNotFound());
        assertThat(entries(opened.caseId())).hasSize(2);

        // a case officer of another unit sees nothing and may register nothing
        mvc.perform(at(get(base)).with(bodil.processor())).andExpect(status().isNotFound());
        mvc.perform(at(post(base + "/registrera"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("direction", "INCOMING")
                        .param("description", "Smuggel")
                        .param("publicDescription", "Smuggel"))
                .andExpect(status().isNotFound());
        // a registrar whose clearance does not reach a secret case cannot open its register
        var intern =
                logins.staff(vanersborg, "ines", "Ines Internregistrator", List.of("registrator:KSF-KANSLI"), "intern");
        var secret =
                open("ekonomiskt-bistand", anna, TestIntake.welfareApplication("x", "anna@example.org"), null, null);
        mvc.perform(at(get("/personal/diarium/" + secret.caseId())).with(intern.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(at(get("/personal/diarium/" + secret.caseId())).with(rune.processor()))
                .andExpect(status().isOk());
        assertThat(entries(opened.caseId())).hasSize(2);
    }

    @Test
    void badDatesAreExplained() throws Exception {
        mvc.perform(at(get("/diarium").param("fran", "igår")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("Skriv datumen som ÅÅÅÅ-MM-DD.")));
        mvc.perform(at(get("/diarium.json").param("fran", "2026-06-01").param("till", "2026-05-01")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("till"));
    }
}
