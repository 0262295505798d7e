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
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;

/**
 * Staff of Miljöförbundet's units log in at one member and work the cases of both from one workbench; each case
 * stays its municipality's, opens there, and nobody else's view widens.
 */
class FederationWorkbenchIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CaseSubmissions submissions;

    Tenant trollhattan;
    String marker;
    String subject;
    CaseSubmissions.Submitted vanersborgFood;
    CaseSubmissions.Submitted trollhattanFood;
    CaseSubmissions.Submitted trollhattanPermit;
    TestLogins.Login mira;

    @BeforeEach
    void casesInBothMunicipalities() {
        trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        marker = "kafe" + UUID.randomUUID().toString().substring(0, 8);
        subject = "mira-" + UUID.randomUUID();
        vanersborgFood = food(vanersborg, "Kafé Hamnen " + marker);
        trollhattanFood = food(trollhattan, "Fallens kafé " + marker);
        trollhattanPermit = CurrentTenant.callAs(
                trollhattan.id(),
                () -> submissions.submit(
                        catalog.current(trollhattan.id(), "bygglov").orElseThrow(),
                        new Applicant(null, "Anna Testsson", "198705212382", "person:test"),
                        UUID.randomUUID(),
                        Map.of("property", "Trollhättan Innerstaden 1:1", "description", "Altan " + marker),
                        CaseSubmissions.Channel.E_SERVICE));
        mira = miraAt(vanersborg);
    }

    CaseSubmissions.Submitted food(Tenant tenant, String establishment) {
        return CurrentTenant.callAs(
                tenant.id(),
                () -> submissions.submit(
                        catalog.current(tenant.id(), "registrering-livsmedelsanlaggning")
                                .orElseThrow(),
                        new Applicant(null, "Kafébolaget AB", null, "person:test"),
                        UUID.randomUUID(),
                        Map.of("establishment", establishment, "activity", "kafe"),
                        CaseSubmissions.Channel.E_SERVICE));
    }

    TestLogins.Login miraAt(Tenant tenant) {
        return logins().staff(tenant, subject, "Mira Miljöinspektör", List.of("handlaggare:MHF"), "intern");
    }

    static MockHttpServletRequestBuilder at(Tenant tenant, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(tenant.hosts().get(0));
            return r;
        });
    }

    @Test
    void oneQueueShowsTheCasesOfBothMembersEachWithItsMunicipality() throws Exception {
        var user = (SignedInUser.Staff) mira.user();
        assertThat(user.federationStaffIds()).containsOnlyKeys(trollhattan.id());

        String page = mvc.perform(at(
                                vanersborg,
                                get("/personal/arenden").param("ko", "nya").param("q", marker))
                        .with(mira.processor()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(containsString(vanersborgFood.caseId().toString())))
                .andExpect(
                        content().string(containsString(trollhattanFood.caseId().toString())))
                // the federation's units do not work building permits: Trollhättan's stay out of sight
                .andExpect(content()
                        .string(not(containsString(trollhattanPermit.caseId().toString()))))
                .andExpect(content().string(containsString("2 ärenden")))
                .andExpect(content().string(containsString("Köerna visar också ärenden från Trollhättans stad")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        // the Trollhättan case links to Trollhättan, where it is worked; the Vänersborg case stays here
        assertThat(page)
                .contains("href=\"http://trollhattan.localhost/personal/arenden/" + trollhattanFood.caseId() + "\"")
                .contains("href=\"/personal/arenden/" + vanersborgFood.caseId() + "\"")
                .contains("<td>Trollhättans stad</td>")
                .contains("<td>Vänersborgs kommun</td>");

        // without a search: the default queue holds both, newest first
        String queue = mvc.perform(at(vanersborg, get("/personal/arenden")).with(mira.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(queue.indexOf(trollhattanFood.caseId().toString()))
                .isPositive()
                .isLessThan(queue.indexOf(vanersborgFood.caseId().toString()));
    }

    @Test
    void aCaseOpensAndIsWorkedInItsOwnMunicipality() throws Exception {
        // not here: a Trollhättan case does not exist in Vänersborg, not even for the federation's staff
        mvc.perform(at(vanersborg, get("/personal/arenden/" + trollhattanFood.caseId()))
                        .with(mira.processor()))
                .andExpect(status().isNotFound());
        var inTrollhattan = miraAt(trollhattan);
        mvc.perform(at(trollhattan, get("/personal/arenden/" + trollhattanFood.caseId()))
                        .with(inTrollhattan.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(trollhattanFood.reference())));
        int version = transactions.read(
                trollhattan.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :id")
                        .param("id", trollhattanFood.caseId())
                        .query(Integer.class)
                        .single());
        mvc.perform(at(trollhattan, post("/personal/arenden/" + trollhattanFood.caseId() + "/tilldela"))
                        .param("version", String.valueOf(version))
                        .with(inTrollhattan.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        // her own queue, back in Vänersborg, now holds the Trollhättan case she took
        mvc.perform(at(vanersborg, get("/personal/arenden").param("ko", "mina").param("q", marker))
                        .with(mira.processor()))
                .andExpect(
                        content().string(containsString(trollhattanFood.caseId().toString())))
                .andExpect(content().string(containsString("Mira Miljöinspektör")))
                .andExpect(content()
                        .string(not(containsString(vanersborgFood.caseId().toString()))));
        // Trollhättan's audit log says who took the case and how she came to be there
        List<String> actions = transactions.read(
                trollhattan.id(),
                () -> jdbc.sql("""
                        SELECT e.action FROM audit.entry e JOIN identity.staff_member m ON e.tenant_id = m.tenant_id AND e.object_id = m.id::text
                        WHERE e.object_type = 'staff' AND m.subject = :subject ORDER BY e.seq
                        """)
                        .param("subject", subject)
                        .query(String.class)
                        .list());
        assertThat(actions).contains("LOGIN_VIA_FEDERATION", "LOGIN");
    }

    @Test
    void othersSeeNoMoreThanBefore() throws Exception {
        var bodil = logins().staff(
                        vanersborg,
                        "bodil-" + UUID.randomUUID(),
                        "Bodil Bygglovsson",
                        List.of("handlaggare:SBF-BYGG", "handlaggare:SBF-MILJO"),
                        "intern");
        assertThat(((SignedInUser.Staff) bodil.user()).federationStaffIds()).isEmpty();
        mvc.perform(at(vanersborg, get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(bodil.processor()))
                .andExpect(content()
                        .string(not(containsString(trollhattanFood.caseId().toString()))))
                .andExpect(content()
                        .string(not(containsString(trollhattanPermit.caseId().toString()))))
                .andExpect(content()
                        .string(not(containsString(vanersborgFood.caseId().toString()))))
                .andExpect(content().string(not(containsString("Trollhättans stad"))));
        var tore = logins().staff(
                        trollhattan,
                        "tore-" + UUID.randomUUID(),
                        "Tore Trollhättebo",
                        List.of("handlaggare:SBF-BYGG"),
                        "intern");
        mvc.perform(at(trollhattan, get("/personal/arenden").param("ko", "alla").param("q", marker))
                        .with(tore.processor()))
                .andExpect(content()
                        .string(containsString(trollhattanPermit.caseId().toString())))
                .andExpect(content()
                        .string(not(containsString(vanersborgFood.caseId().toString()))))
                .andExpect(content()
                        .string(not(containsString(trollhattanFood.caseId().toString()))));
        // Mira's Vänersborg session does not open Trollhättan's pages: a session belongs to one municipality, and
        // Trollhättan asks her to log in there
        mvc.perform(at(trollhattan, get("/personal/arenden/" + trollhattanFood.caseId()))
                        .with(mira.processor()))
                .andExpect(status().is3xxRedirection())
                .andExpect(content().string(not(containsString(marker))));
        // the federation's role in Trollhättan is only its own units': nothing of building permits
        var inTrollhattan = miraAt(trollhattan);
        mvc.perform(at(trollhattan, get("/personal/arenden/" + trollhattanPermit.caseId()))
                        .with(inTrollhattan.processor()))
                .andExpect(status().isNotFound());
    }

    /** A login without the federation's role takes away what it gave at the other members. */
    @Test
    void aLoginWithoutTheFederationsRoleTakesItsRolesElsewhereAway() throws Exception {
        String roles =
                "SELECT count(*) FROM identity.staff_role r JOIN identity.staff_member m ON m.tenant_id = r.tenant_id AND m.id = r.staff_id"
                        + " WHERE m.subject = :subject";
        assertThat(transactions.read(
                        trollhattan.id(),
                        () -> jdbc.sql(roles)
                                .param("subject", subject)
                                .query(Long.class)
                                .single()))
                .isEqualTo(1L);
        var withoutFederation =
                logins().staff(vanersborg, subject, "Mira Miljöinspektör", List.of("handlaggare:SBF-BYGG"), "intern");
        assertThat(((SignedInUser.Staff) withoutFederation.user()).federationStaffIds())
                .isEmpty();
        assertThat(transactions.read(
                        trollhattan.id(),
                        () -> jdbc.sql(roles)
                                .param("subject", subject)
                                .query(Long.class)
                                .single()))
                .isZero();
        // and a page far beyond the count is simply empty, for her as for anyone
        mvc.perform(at(vanersborg, get("/personal/arenden").param("ko", "alla").param("sida", "2000000000"))
                        .with(mira.processor()))
                .andExpect(status().isOk());
    }
}
