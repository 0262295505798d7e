package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** A closed case gets its disposal date from its result, and the resident sees it. */
class RetentionIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CaseSubmissions submissions;

    @Test
    void closingWithAResultSetsTheDisposalDateThatMinaSidorShows() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var logins = logins();
        var anna = logins.resident(vanersborg, "Anna Testsson", "198705212382");
        var resident = (SignedInUser.Resident) anna.user();
        var officer = logins.staff(vanersborg, "kajsa", "Kajsa Kansli", List.of("handlaggare:KSF-KANSLI"), "intern");
        var applicant = new Applicant(resident.personId(), "Anna Testsson", "198705212382", resident.auditId());
        var submitted = CurrentTenant.callAs(
                vanersborg.id(),
                () -> submissions.submit(
                        catalog.current(vanersborg.id(), "synpunkt-klagomal").orElseThrow(),
                        applicant,
                        UUID.randomUUID(),
                        Map.of("kind", "synpunkt", "area", "gata-park", "message", "Fler bänkar", "wantsAnswer", "nej"),
                        CaseSubmissions.Channel.E_SERVICE));
        String page = "/mina-sidor/arenden/" + submitted.caseId();
        mvc.perform(get(page)
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        })
                        .with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("gallras"))));

        mvc.perform(post("/personal/arenden/" + submitted.caseId() + "/avsluta")
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        })
                        .with(officer.processor())
                        .with(csrf())
                        .param("version", "0")
                        .param("result", "besvarad"))
                .andExpect(status().is3xxRedirection());

        LocalDate expected = LocalDate.now(SwedishTime.ZONE).plusYears(2);
        var stored = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT keep, disposal_on, retention_reference FROM cases.\"case\" WHERE id = :c")
                        .param("c", submitted.caseId())
                        .query((rs, n) -> List.of(rs.getBoolean(1), rs.getObject(2, LocalDate.class), rs.getString(3)))
                        .single());
        assertThat(stored).containsExactly(false, expected, "IHP KSF 1.5.1");
        mvc.perform(get(page)
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        })
                        .with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("gallras (tas bort) tidigast " + expected)));
    }
}
