package se.samla.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.identity.TestLogins;

/**
 * Anyone asks for a registered document; the registrar assesses it anew and releases it, releases a masked
 * copy, or refuses with the OSL provision and how to appeal. Only registrars whose clearance reaches the
 * case take part.
 */
class DocumentRequestIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    TestLogins.Login rune;
    CaseIntake.Opened secretCase;

    static MockHttpServletRequestBuilder at(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName("vanersborg.localhost");
            return r;
        });
    }

    @BeforeEach
    void setUp() {
        rune = logins().staff(
                        vanersborg, "rune", "Rune Registrator", List.of("registrator:KSF-KANSLI"), "konfidentiell");
        UUID submission = UUID.randomUUID();
        secretCase = transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(
                    intake,
                    submission,
                    "ekonomiskt-bistand",
                    "documents",
                    "hyresavi.pdf",
                    "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                    "person:tolvan");
            return TestIntake.open(
                    intake,
                    "ekonomiskt-bistand",
                    null,
                    new CaseIntake.Reporter(null, "Tolvan Tolvansson", "191212121212", "person:tolvan"),
                    submission,
                    TestIntake.welfareApplication("Uppsagd från jobbet", "tolvan@example.org"),
                    CaseIntake.Channel.E_SERVICE);
        });
    }

    private UUID entry(int number) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM records.entry WHERE case_id = :c AND number = :n")
                        .param("c", secretCase.caseId())
                        .param("n", number)
                        .query(UUID.class)
                        .single());
    }

    /** Asks for the document anonymously; returns the link to follow it. */
    private String ask(UUID entry) throws Exception {
        String location = mvc.perform(
                        at(post("/diarium/begar/" + entry)).with(csrf()).param("message", "Till min forskning"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/diarium/begaran/").endsWith("?ny=1");
        return location.substring(0, location.indexOf('?'));
    }

    private UUID requestOf(UUID entry) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT id FROM records.document_request WHERE entry_id = :e ORDER BY requested_at DESC LIMIT 1")
                        .param("e", entry)
                        .query(UUID.class)
                        .single());
    }

    @Test
    void anAnonymousRequestIsAnsweredWithAMaskedCopy() throws Exception {
        UUID application = entry(1);
        mvc.perform(at(get("/diarium/begar/" + application)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(secretCase.reference() + "-1")))
                .andExpect(content().string(not(containsString("Tolvan"))));
        String follow = ask(application);
        mvc.perform(at(get(follow + "?ny=1")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Under prövning")))
                .andExpect(content().string(containsString("Spara länken")))
                .andExpect(content().string(not(containsString("Tolvan"))));
        UUID request = requestOf(application);

        mvc.perform(at(get("/personal/begaranden")).with(rune.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(secretCase.reference() + "-1")))
                .andExpect(content().string(containsString("i dag")));
        String assessment = mvc.perform(
                        at(get("/personal/begaranden/" + request)).with(rune.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(assessment)
                .contains("Tolvan Tolvansson, 19121212-1212")
                .contains("Uppsagd från jobbet")
                .contains("Sekretessmarkerad: 26 kap. 1 § OSL")
                .contains("Anonym")
                .contains("Till min forskning");
        int version = 0;

        // what is wrong is explained, and nothing is decided
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", "0"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Välj om handlingen lämnas ut")));
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("outcome", "RELEASED_MASKED")
                        .param("provision", "26 kap")
                        .param("reasons", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv bestämmelsen som")))
                .andExpect(content().string(containsString("Skriv skälen för beslutet.")))
                .andExpect(content().string(containsString("Maskera något i texten")));
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT status FROM records.document_request WHERE id = :id")
                                .param("id", request)
                                .query(String.class)
                                .single()))
                .isEqualTo("OPEN");

        String masked = assessment.substring(assessment.indexOf("<textarea id=\"releasedText\""));
        masked = masked.substring(masked.indexOf('>') + 1, masked.indexOf("</textarea>"))
                .replace("Tolvan Tolvansson, 19121212-1212", "████")
                .replace("Uppsagd från jobbet", "████")
                .replace("0521123456", "████")
                .replace("tolvan@example.org", "████")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&quot;", "\"");
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("outcome", "RELEASED_MASKED")
                        .param("provision", "26 kap. 1 § OSL")
                        .param("reasons", "Uppgifter om den enskildes personliga förhållanden.")
                        .param("releasedText", masked))
                .andExpect(status().is3xxRedirection());

        String answer = mvc.perform(at(get(follow)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer)
                .contains("Lämnas ut med maskeringar")
                .contains("████")
                .contains("26 kap. 1 § OSL")
                .contains("kammarrätten")
                .contains("Ansökan om ekonomiskt bistånd");
        for (String secret : List.of("Tolvan", "19121212", "Uppsagd", "0521123456", "tolvan@example.org")) {
            assertThat(answer).as(secret).doesNotContain(secret);
        }
        // decided once: a second decision on the old version is refused
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("outcome", "RELEASED"))
                .andExpect(status().isConflict());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'DOCUMENT_READ_FOR_REQUEST' AND object_id = :c")
                                .param("c", secretCase.caseId().toString())
                                .query(Integer.class)
                                .single()))
                .isPositive();
    }

    @Test
    void aRefusalNamesTheProvisionAndHowToAppeal() throws Exception {
        UUID application = entry(1);
        String follow = ask(application);
        UUID request = requestOf(application);
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("outcome", "REFUSED")
                        .param("provision", "26 kap. 1 § OSL")
                        .param("reasons", "Hela handlingen rör den enskildes personliga förhållanden."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(at(get(follow)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Avslås")))
                .andExpect(content().string(containsString("sekretess enligt 26 kap. 1 § OSL")))
                .andExpect(content().string(containsString("inom tre veckor")))
                .andExpect(content().string(not(containsString("Tolvan"))))
                .andExpect(content().string(not(containsString("4500"))));
    }

    @Test
    void aFileIsReleasedWholeOrNotAtAll() throws Exception {
        UUID file = entry(2);
        String follow = ask(file);
        UUID request = requestOf(file);
        mvc.perform(at(get("/personal/begaranden/" + request + "/fil")).with(rune.processor()))
                .andExpect(status().isOk());
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("outcome", "RELEASED_MASKED")
                        .param("provision", "26 kap. 1 § OSL")
                        .param("reasons", "x")
                        .param("releasedText", "x"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("En fil kan lämnas ut hel eller inte alls")));
        mvc.perform(at(get(follow + "/fil"))).andExpect(status().isNotFound());
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(rune.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("outcome", "RELEASED"))
                .andExpect(status().is3xxRedirection());
        byte[] released = mvc.perform(at(get(follow + "/fil")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(new String(released, StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    void onlyRegistrarsWhoseClearanceReachesTheCaseTakePart() throws Exception {
        UUID application = entry(1);
        ask(application);
        UUID request = requestOf(application);
        var logins = logins();
        var officer = logins.staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        var internRegistrar =
                logins.staff(vanersborg, "ines", "Ines Internregistrator", List.of("registrator:KSF-KANSLI"), "intern");
        mvc.perform(at(get("/personal/begaranden")).with(officer.processor())).andExpect(status().isForbidden());
        mvc.perform(at(get("/personal/begaranden/" + request)).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(at(get("/personal/begaranden")).with(internRegistrar.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(secretCase.reference() + "-1"))));
        mvc.perform(at(get("/personal/begaranden/" + request)).with(internRegistrar.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(at(post("/personal/begaranden/" + request + "/beslut"))
                        .with(internRegistrar.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("outcome", "RELEASED"))
                .andExpect(status().isNotFound());
        mvc.perform(at(get("/personal/begaranden"))).andExpect(status().is3xxRedirection());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT status FROM records.document_request WHERE id = :id")
                                .param("id", request)
                                .query(String.class)
                                .single()))
                .isEqualTo("OPEN");
    }

    @Test
    void badRequestsAreExplainedAndUnknownOnesNotFound() throws Exception {
        UUID application = entry(1);
        mvc.perform(at(post("/diarium/begar/" + application)).with(csrf()).param("email", "inte-en-adress"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv en e-postadress")));
        mvc.perform(at(post("/diarium/begar/" + UUID.randomUUID())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(at(get("/diarium/begar/inte-ett-id"))).andExpect(status().isNotFound());
        mvc.perform(at(get("/diarium/begaran/gissad-lank"))).andExpect(status().isNotFound());
        // another municipality does not know the document
        mvc.perform(get("/diarium/begar/" + application).with(r -> {
                    r.setServerName("trollhattan.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
    }
}
