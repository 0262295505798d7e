package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.TestLogins;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;

/**
 * A building permit for a property that lies in Trollhättan is handed over from Vänersborg: each register records
 * its side, the case keeps its answers, file and course under Trollhättan's reference, and the applicant is told.
 */
class CaseTransferIT extends SamlaIntegrationTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseTransfers transfers;

    Tenant trollhattan;
    TestLogins.Login bodil;
    String marker;

    @BeforeEach
    void officer() {
        trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        bodil = logins().staff(
                        vanersborg,
                        "bodil-" + UUID.randomUUID(),
                        "Bodil Bygglovsson",
                        List.of("handlaggare:SBF-BYGG"),
                        "intern");
        marker = "uterum" + UUID.randomUUID().toString().substring(0, 8);
    }

    CaseIntake.Opened permit() {
        UUID submission = UUID.randomUUID();
        return transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(intake, submission, "bygglov", "drawings", "Situationsplan.pdf", PDF, "person:anna");
            return TestIntake.open(
                    intake,
                    "bygglov",
                    null,
                    new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna"),
                    submission,
                    Map.of(
                            "property", List.of("Trollhättan Skogshöjd 2:5"),
                            "address.street", List.of("Skogsvägen 2"),
                            "address.postalCode", List.of("461 30"),
                            "address.city", List.of("Trollhättan"),
                            "measure", List.of("tillbyggnad"),
                            "description", List.of("Ett " + marker),
                            "applicantIsOwner", List.of("ja")),
                    CaseIntake.Channel.E_SERVICE);
        });
    }

    static MockHttpServletRequestBuilder at(Tenant tenant, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(tenant.hosts().get(0));
            return r;
        });
    }

    int version(TenantId tenant, UUID caseId) {
        return transactions.read(
                tenant,
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :id")
                        .param("id", caseId)
                        .query(Integer.class)
                        .single());
    }

    <T> T inTrollhattan(String sql, Class<T> type, Object... params) {
        return transactions.read(trollhattan.id(), () -> {
            var spec = jdbc.sql(sql);
            for (int i = 0; i < params.length; i += 2) {
                spec = spec.param((String) params[i], params[i + 1]);
            }
            return spec.query(type).optional().orElse(null);
        });
    }

    <T> T inVanersborg(String sql, Class<T> type, Object... params) {
        return transactions.read(vanersborg.id(), () -> {
            var spec = jdbc.sql(sql);
            for (int i = 0; i < params.length; i += 2) {
                spec = spec.param((String) params[i], params[i + 1]);
            }
            return spec.query(type).optional().orElse(null);
        });
    }

    @Test
    void aHandedOverCaseLivesOnInTheReceivingMunicipality() throws Exception {
        var sent = permit();
        mvc.perform(at(vanersborg, get("/personal/arenden/" + sent.caseId())).with(bodil.processor()))
                .andExpect(content().string(containsString("Överlämna till en annan kommun")))
                .andExpect(
                        content().string(containsString("<option value=\"trollhattan\">Trollhättans stad</option>")));
        mvc.perform(at(vanersborg, post("/personal/arenden/" + sent.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version(vanersborg.id(), sent.caseId())))
                        .param("till", "trollhattan")
                        .param("skal", "Fastigheten ligger i Trollhättan.")
                        .with(bodil.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        UUID received = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> inTrollhattan(
                                "SELECT id FROM cases.\"case\" WHERE transferred_from_reference = :r",
                                UUID.class,
                                "r",
                                sent.reference()),
                        java.util.Objects::nonNull);
        // the receiver's own reference, its channel, the sender's answers and file
        String theirReference =
                inTrollhattan("SELECT reference FROM cases.\"case\" WHERE id = :id", String.class, "id", received);
        assertThat(inTrollhattan("SELECT channel FROM cases.\"case\" WHERE id = :id", String.class, "id", received))
                .isEqualTo("TRANSFER");
        assertThat(inTrollhattan(
                        "SELECT answers ->> 'description' FROM cases.\"case\" WHERE id = :id",
                        String.class,
                        "id",
                        received))
                .isEqualTo("Ett " + marker);
        assertThat(inTrollhattan(
                        "SELECT filename FROM cases.attachment WHERE case_id = :id", String.class, "id", received))
                .isEqualTo("Situationsplan.pdf");
        assertThat(inTrollhattan(
                        "SELECT sha256 FROM cases.attachment WHERE case_id = :id", String.class, "id", received))
                .isEqualTo(inVanersborg(
                        "SELECT sha256 FROM cases.attachment WHERE case_id = :id", String.class, "id", sent.caseId()));
        // its course so far, in a file note
        assertThat(inTrollhattan("SELECT body FROM cases.note WHERE case_id = :id", String.class, "id", received))
                .contains("Överlämnat från Vänersborgs kommun (diarienummer " + sent.reference() + ")")
                .contains("Fastigheten ligger i Trollhättan.")
                .contains("Status: Inkommen");
        // each register records its side of the handover
        assertThat(inTrollhattan(
                        "SELECT string_agg(direction || ' ' || description, ' | ') FROM records.entry WHERE case_id = :id",
                        String.class,
                        "id",
                        received))
                .contains("INCOMING Överlämnat ärende från Vänersborgs kommun, deras diarienummer " + sent.reference());
        assertThat(inVanersborg(
                        "SELECT string_agg(direction || ' ' || description, ' | ') FROM records.entry WHERE case_id = :id",
                        String.class,
                        "id",
                        sent.caseId()))
                .contains("OUTGOING Överlämnande av ärendet till Trollhättans stad");
        // the sender has written its case off and learns the new reference; the applicant is told both
        assertThat(inVanersborg("SELECT result FROM cases.\"case\" WHERE id = :id", String.class, "id", sent.caseId()))
                .isEqualTo("avskrivet");
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> inVanersborg(
                                "SELECT received_reference FROM cases.transfer WHERE case_id = :id",
                                String.class,
                                "id",
                                sent.caseId()),
                        theirReference::equals);
        assertThat(inVanersborg(
                        "SELECT string_agg(body, ' | ' ORDER BY created_at) FROM cases.message WHERE case_id = :id"
                                + " AND direction = 'TO_RESIDENT'",
                        String.class,
                        "id",
                        sent.caseId()))
                .contains("Vi har överlämnat ditt ärende till Trollhättans stad")
                .contains("Trollhättans stad har tagit emot ditt ärende. Där har det diarienummer " + theirReference);
        mvc.perform(at(vanersborg, get("/personal/arenden/" + sent.caseId())).with(bodil.processor()))
                .andExpect(content()
                        .string(containsString("Ärendet är överlämnat till Trollhättans stad, där det har diarienummer "
                                + theirReference)));
        var tore = logins().staff(
                        trollhattan,
                        "tore-" + UUID.randomUUID(),
                        "Tore Trollhättebo",
                        List.of("handlaggare:SBF-BYGG"),
                        "intern");
        mvc.perform(at(trollhattan, get("/personal/arenden/" + received)).with(tore.processor()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString(
                                "Ärendet är överlämnat från Vänersborgs kommun, där det hade diarienummer "
                                        + sent.reference())))
                .andExpect(content().string(containsString("Situationsplan.pdf")));
    }

    @Test
    void aWrongHandoverIsRefusedAndChangesNothing() throws Exception {
        var sent = permit();
        int version = version(vanersborg.id(), sent.caseId());
        for (var attempt : List.of(
                Map.of("till", "trollhattan", "skal", "  ", "says", "Skriv varför ärendet överlämnas."),
                Map.of("till", "vanersborg", "skal", "Till oss själva", "says", "Välj en av de kommuner"),
                Map.of("till", "atlantis", "skal", "Finns inte", "says", "Välj en av de kommuner"),
                Map.of("till", "trollhattan", "skal", "x".repeat(2001), "says", "högst 2000 tecken"))) {
            mvc.perform(at(vanersborg, post("/personal/arenden/" + sent.caseId() + "/overlamna"))
                            .param("version", String.valueOf(version))
                            .param("till", attempt.get("till"))
                            .param("skal", attempt.get("skal"))
                            .with(bodil.processor())
                            .with(csrf()))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(containsString(attempt.get("says"))));
        }
        // a stale page
        mvc.perform(at(vanersborg, post("/personal/arenden/" + sent.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version - 1))
                        .param("till", "trollhattan")
                        .param("skal", "Gammal sida")
                        .with(bodil.processor())
                        .with(csrf()))
                .andExpect(status().isConflict());
        // someone whose units do not own the case cannot even find it
        var sara = logins().staff(
                        vanersborg,
                        "sara-" + UUID.randomUUID(),
                        "Sara Socialsekreterare",
                        List.of("handlaggare:SOC-EKB"),
                        "konfidentiell");
        mvc.perform(at(vanersborg, post("/personal/arenden/" + sent.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version))
                        .param("till", "trollhattan")
                        .param("skal", "Intrång")
                        .with(sara.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(inVanersborg(
                        "SELECT closed_at IS NULL FROM cases.\"case\" WHERE id = :id",
                        Boolean.class,
                        "id",
                        sent.caseId()))
                .isTrue();
        assertThat(inVanersborg(
                        "SELECT count(*) FROM cases.transfer WHERE case_id = :id", Long.class, "id", sent.caseId()))
                .isZero();
    }

    @Test
    void aSecretCaseGoesOnlyWhereItsSecrecyFollowsAndTheProvisionIsRecorded() throws Exception {
        var sara = logins().staff(
                        vanersborg,
                        "sara-" + UUID.randomUUID(),
                        "Sara Socialsekreterare",
                        List.of("handlaggare:SOC-EKB"),
                        "konfidentiell");
        var talk = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "stodsamtal-for-unga",
                        null,
                        new CaseIntake.Reporter(null, "Ung Tolvansson", "201009202381", "person:ung"),
                        UUID.randomUUID(),
                        Map.of("about", List.of("Jag vill prata med någon."), "phone", List.of("0701234567")),
                        CaseIntake.Channel.API));
        // the support talks for young people: no handover at all, and the page offers none
        mvc.perform(at(vanersborg, post("/personal/arenden/" + talk.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version(vanersborg.id(), talk.caseId())))
                        .param("till", "trollhattan")
                        .param("skal", "Flyttar")
                        .with(sara.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("omfattas av sekretess")));

        // a building permit written in confidence (secret above its case type) has no provision to follow it
        UUID confidentialSubmission = UUID.randomUUID();
        var confidentialPermit = transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(
                    intake, confidentialSubmission, "bygglov", "drawings", "Plan.pdf", PDF, "person:anna");
            return intake.open(new CaseIntake.Application(
                    "bygglov",
                    null,
                    new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna"),
                    new CaseIntake.Submission(confidentialSubmission, TestIntake.OWNER, "person:anna"),
                    Map.of(
                            "property", List.of("Trollhättan Skogshöjd 2:5"),
                            "address.street", List.of("Skogsvägen 2"),
                            "address.postalCode", List.of("461 30"),
                            "address.city", List.of("Trollhättan"),
                            "measure", List.of("tillbyggnad"),
                            "description", List.of("Skyddad " + marker),
                            "applicantIsOwner", List.of("ja")),
                    List.of(),
                    CaseIntake.Channel.API,
                    se.samla.shared.Confidentiality.CONFIDENTIAL));
        });
        var builder = logins().staff(
                        vanersborg,
                        "bodil-" + UUID.randomUUID(),
                        "Bodil Bygglovsson",
                        List.of("handlaggare:SBF-BYGG"),
                        "konfidentiell");
        mvc.perform(at(vanersborg, post("/personal/arenden/" + confidentialPermit.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version(vanersborg.id(), confidentialPermit.caseId())))
                        .param("till", "trollhattan")
                        .param("skal", "Fastigheten ligger i Trollhättan.")
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("omfattas av sekretess")));

        var assistance = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "ekonomiskt-bistand",
                        null,
                        new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna"),
                        UUID.randomUUID(),
                        TestIntake.welfareApplication("Flyttar till Trollhättan " + marker, "anna.flyttar@example.org"),
                        CaseIntake.Channel.API));
        mvc.perform(at(vanersborg, post("/personal/arenden/" + assistance.caseId() + "/overlamna"))
                        .param("version", String.valueOf(version(vanersborg.id(), assistance.caseId())))
                        .param("till", "trollhattan")
                        .param("skal", "Hushållet har flyttat till Trollhättan.")
                        .with(sara.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(inVanersborg(
                        "SELECT secrecy_provision FROM cases.transfer WHERE case_id = :id",
                        String.class,
                        "id",
                        assistance.caseId()))
                .isEqualTo("26 kap. 1 § OSL");
        assertThat(inVanersborg(
                        "SELECT description FROM records.entry WHERE case_id = :id AND direction = 'OUTGOING'"
                                + " AND description LIKE 'Överlämnande%'",
                        String.class, "id", assistance.caseId()))
                .isEqualTo(
                        "Överlämnande av ärendet till Trollhättans stad; sekretessen följer med enligt 26 kap. 1 § OSL");
        UUID received = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> inTrollhattan(
                                "SELECT id FROM cases.\"case\" WHERE transferred_from_reference = :r",
                                UUID.class,
                                "r",
                                assistance.reference()),
                        java.util.Objects::nonNull);
        // still secret there
        assertThat(inTrollhattan(
                        "SELECT confidentiality FROM cases.\"case\" WHERE id = :id", String.class, "id", received))
                .isEqualTo("CONFIDENTIAL");
    }

    /** A handover told twice (a retry after a crash) opens one case, with one reference. */
    @Test
    void aRepeatedHandoverOpensOneCase() {
        var handover = new CaseEvents.HandedOver(
                trollhattan.id(),
                UUID.randomUUID(),
                vanersborg.id(),
                vanersborg.name(),
                vanersborg.slug(),
                UUID.randomUUID(),
                "SBF 2026/999999",
                "bygglov",
                se.samla.shared.Confidentiality.PUBLIC,
                null,
                "Fastigheten ligger i Trollhättan.",
                "Anna Testsson",
                "198705212382",
                null,
                null,
                null,
                null,
                Map.of("property", "Trollhättan Skogshöjd 2:5", "description", "Två gånger " + marker),
                List.of(),
                List.of(),
                "Bodil Bygglovsson");
        var first = transactions.call(trollhattan.id(), () -> intake.openTransferred(handover, List.of(), id -> {}));
        var second = transactions.call(trollhattan.id(), () -> intake.openTransferred(handover, List.of(), id -> {}));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.caseId()).isEqualTo(first.caseId());
        assertThat(second.reference()).isEqualTo(first.reference());
        assertThat(inTrollhattan(
                        "SELECT count(*) FROM cases.\"case\" WHERE answers ->> 'description' = :d",
                        Long.class,
                        "d",
                        "Två gånger " + marker))
                .isEqualTo(1L);
    }
}
