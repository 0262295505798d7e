package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.Catalog;
import se.samla.identity.TestLogins;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;

/** Staff see and change only what their units, clearance and the case type's lifecycle allow. */
class WorkbenchIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CaseSubmissions submissions;

    CaseSubmissions.Submitted permit;
    CaseSubmissions.Submitted assistance;
    TestLogins.Login builder;
    TestLogins.Login socialOfficer;
    TestLogins.Login socialInternOnly;
    String marker;

    @BeforeEach
    void cases() {
        var logins = logins();
        builder = logins.staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        socialOfficer = logins.staff(
                vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        socialInternOnly =
                logins.staff(vanersborg, "sixten", "Sixten Sommarvikarie", List.of("handlaggare:SOC-EKB"), "intern");
        marker = "veranda" + UUID.randomUUID().toString().substring(0, 8);
        var applicant = new Applicant(null, "Anna Testsson", "198705212382", "person:test");
        permit = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        catalog.current(vanersborg.id(), "bygglov").orElseThrow(),
                        applicant,
                        UUID.randomUUID(),
                        Map.of(
                                "property",
                                "Vänersborg Nordstaden 3:12",
                                "measure",
                                "tillbyggnad",
                                "area",
                                "24",
                                "description",
                                "Inglasad " + marker,
                                "applicantIsOwner",
                                "ja"),
                        CaseSubmissions.Channel.E_SERVICE));
        assistance = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        catalog.current(vanersborg.id(), "ekonomiskt-bistand").orElseThrow(),
                        applicant,
                        UUID.randomUUID(),
                        Map.of("household", "ensam", "situation", "Hemligt " + marker),
                        CaseSubmissions.Channel.E_SERVICE));
    }

    static MockHttpServletRequestBuilder at(String host, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(host);
            return r;
        });
    }

    MockHttpServletRequestBuilder in(MockHttpServletRequestBuilder request) {
        return at("vanersborg.localhost", request);
    }

    int version(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :id")
                        .param("id", caseId)
                        .query(Integer.class)
                        .single());
    }

    String statusOf(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT status FROM cases.\"case\" WHERE id = :id")
                        .param("id", caseId)
                        .query(String.class)
                        .single());
    }

    @Test
    void queuesListOnlyTheUnitsCasesAndFullTextSearchFindsThem() throws Exception {
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(builder.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(permit.reference())))
                .andExpect(content().string(not(containsString(assistance.reference()))));
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(socialOfficer.processor()))
                .andExpect(content().string(containsString(assistance.reference())))
                .andExpect(content().string(not(containsString(permit.reference()))));
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(socialInternOnly.processor()))
                .andExpect(content().string(not(containsString(assistance.reference()))));
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", "ingetsådantord" + marker))
                        .with(builder.processor()))
                .andExpect(content().string(not(containsString(permit.reference()))));
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", permit.reference()))
                        .with(builder.processor()))
                .andExpect(content().string(containsString(permit.reference())));
        // a search within a queue and with filters
        mvc.perform(in(get("/personal/arenden")
                                .param("ko", "nya")
                                .param("typ", "bygglov")
                                .param("q", marker))
                        .with(builder.processor()))
                .andExpect(content().string(containsString(permit.reference())))
                .andExpect(content().string(containsString("1 ärende")));
        mvc.perform(in(get("/personal/arenden").param("ko", "mina").param("q", marker))
                        .with(builder.processor()))
                .andExpect(content().string(not(containsString(permit.reference()))));
        // staff find a case by the applicant's identity number
        mvc.perform(in(get("/personal/arenden").param("ko", "alla").param("q", "19870521-2382"))
                        .with(builder.processor()))
                .andExpect(content().string(containsString(permit.reference())));
    }

    @Test
    void aCaseOutsideTheUnitOrAboveTheClearanceIsNotShownAndTheAttemptIsAudited() throws Exception {
        mvc.perform(in(get("/personal/arenden/" + assistance.caseId())).with(builder.processor()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(marker))));
        mvc.perform(in(get("/personal/arenden/" + assistance.caseId())).with(socialInternOnly.processor()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(marker))));
        mvc.perform(in(post("/personal/arenden/" + assistance.caseId() + "/anteckning")
                                .param("body", "intrång"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(in(get("/personal/arenden/" + assistance.caseId())).with(socialOfficer.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(marker)))
                .andExpect(content().string(containsString("19870521-2382")));
        Integer refused = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED' AND object_id = :c")
                        .param("c", assistance.caseId().toString())
                        .query(Integer.class)
                        .single());
        assertThat(refused).isEqualTo(3);
        Integer opened = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'CASE_OPENED' AND object_id = :c")
                        .param("c", assistance.caseId().toString())
                        .query(Integer.class)
                        .single());
        assertThat(opened).isEqualTo(1);
    }

    @Test
    void staffOfAnotherMunicipalityAndResidentsCannotReachTheCase() throws Exception {
        Tenant trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var tore = logins().staff(
                        trollhattan,
                        "tore",
                        "Tore Trollhättebo",
                        List.of("handlaggare:SBF-BYGG", "administrator:KSF"),
                        "strikt-konfidentiell");
        mvc.perform(at("trollhattan.localhost", get("/personal/arenden/" + permit.caseId()))
                        .with(tore.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(at(
                                "trollhattan.localhost",
                                get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(tore.processor()))
                .andExpect(content().string(not(containsString(permit.reference()))));
        var resident = logins().resident(vanersborg, "Anna Testsson", "198705212382");
        mvc.perform(in(get("/personal/arenden/" + permit.caseId())).with(resident.processor()))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyTransitionsOfTheLifecycleAreAllowed() throws Exception {
        int v = version(permit.caseId());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v))
                                .param("till", "komplettering"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("kan inte flyttas dit")));
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v))
                                .param("till", "beslutad"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v))
                                .param("till", "påhittad"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        assertThat(statusOf(permit.caseId())).isEqualTo("mottagen");
        assertThat(version(permit.caseId())).isEqualTo(v);
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v))
                                .param("till", "handlaggs"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isFound());
        assertThat(statusOf(permit.caseId())).isEqualTo("handlaggs");
    }

    @Test
    void aStaleUpdateIsRefusedAndNothingIsWritten() throws Exception {
        int v = version(permit.caseId());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/tilldela")
                                .param("version", String.valueOf(v)))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isFound());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v))
                                .param("till", "handlaggs"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("ändrats av någon annan")));
        assertThat(statusOf(permit.caseId())).isEqualTo("mottagen");
        assertThat(version(permit.caseId())).isEqualTo(v + 1);
    }

    @Test
    void aDecisionNeedsAResultOfTheCaseTypeReasonsAndALegalReference() throws Exception {
        int v = version(permit.caseId());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/beslut")
                                .param("version", String.valueOf(v))
                                .param("outcome", "beviljat")
                                .param("reasons", " ")
                                .param("legalReference", "9 kap. 31 § PBL"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/beslut")
                                .param("version", String.valueOf(v))
                                .param("outcome", "kanske")
                                .param("reasons", "Skäl")
                                .param("legalReference", "9 kap. 31 § PBL"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        assertThat(statusOf(permit.caseId())).isEqualTo("mottagen");
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/beslut")
                                .param("version", String.valueOf(v))
                                .param("outcome", "beviljat")
                                .param("reasons", "Åtgärden följer detaljplanen.")
                                .param("legalReference", "9 kap. 31 § PBL"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isFound());
        assertThat(statusOf(permit.caseId())).isEqualTo("beslutad");
        mvc.perform(in(post("/personal/arenden/" + permit.caseId() + "/status")
                                .param("version", String.valueOf(v + 1))
                                .param("till", "handlaggs"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("avslutat")));
    }
}
