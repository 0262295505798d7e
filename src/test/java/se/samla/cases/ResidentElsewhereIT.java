package se.samla.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/**
 * Mina sidor shows a resident's cases at the region's other municipalities only on an e-ID of substantial assurance,
 * and never someone else's.
 */
class ResidentElsewhereIT extends SamlaIntegrationTest {

    @Test
    void anotherMunicipalitysCasesShowOnlyOnSubstantialAssurance() throws Exception {
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        String number =
                se.samla.booking.TestBookings.personalIdentityNumber(760).replace("-", "");
        UUID theirs = TestCaseWork.from(context)
                .welfareApplication(trollhattan.id(), UUID.randomUUID(), "Region Testsson", number);
        String reference = transactions.read(
                trollhattan.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :id")
                        .param("id", theirs)
                        .query(String.class)
                        .single());

        var substantial = logins().resident(vanersborg, "Region Testsson", number, 3);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(substantial.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hos Trollhättans stad")))
                .andExpect(content().string(containsString(theirs.toString())));

        var low = logins().resident(vanersborg, "Region Testsson", number, 2);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(low.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Hos Trollhättans stad"))))
                .andExpect(content().string(not(containsString(theirs.toString()))));

        // another resident sees nothing of it
        var other = logins().resident(
                        vanersborg,
                        "Annan Testsson",
                        se.samla.booking.TestBookings.personalIdentityNumber(761)
                                .replace("-", ""),
                        3);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(other.processor()))
                .andExpect(content().string(not(containsString(theirs.toString()))))
                .andExpect(content().string(not(containsString(reference + "<"))));
    }
}
