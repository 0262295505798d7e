package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.TestBookings;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.identity.demo.TestSignatures;
import se.samla.shared.CurrentTenant;
import se.samla.web.ToDoList;

/**
 * "Att göra": a guardian sees the application to co-sign, the invoice to pay and the completion asked for on one
 * page, first on Mina sidor and counted in the header; what waits for an organisation they sign for is shown under
 * its name; another resident sees none of it.
 */
class ToDoIT extends SamlaIntegrationTest {

    static final String TOLVAN = ApplicationSigningIT.TOLVAN;
    static final String ANNA = ApplicationSigningIT.ANNA;
    static final String FISH_SMOKERY = "5598765435";

    @Autowired
    CaseIntake intake;

    @Autowired
    ToDoList toDo;

    private String myPages(TestLogins.Login login) throws Exception {
        return mvc.perform(atVanersborg(get("/mina-sidor")).with(login.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String toDoSection(String html) {
        int start = html.indexOf("id=\"att-gora\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</section>", start));
    }

    private Long invoiceNumber(UUID caseId) {
        TestBookings.until(
                () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT count(*) FROM fees.invoice WHERE case_id = :c")
                                        .param("c", caseId)
                                        .query(Long.class)
                                        .single())
                        > 0,
                "the invoice of the case");
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT number FROM fees.invoice WHERE case_id = :c")
                        .param("c", caseId)
                        .query(Long.class)
                        .single());
    }

    @Test
    void theGuardianSeesTheSignatureTheInvoiceAndTheCompletionOnOnePage() throws Exception {
        var logins = logins();
        var tolvan = logins.resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
        var anna = logins.resident(vanersborg, "Anna Testsson", ANNA);
        var annaUser = (SignedInUser.Resident) anna.user();
        var work = TestCaseWork.from(context);

        // Tolvan applies for school transport for their child and signs; Anna, the other guardian, must sign too
        var tolvanUser = (SignedInUser.Resident) tolvan.user();
        var application = new CaseIntake.Application(
                "skolskjuts",
                null,
                new CaseIntake.Reporter(tolvanUser.personId(), tolvanUser.displayName(), TOLVAN, tolvanUser.auditId()),
                new CaseIntake.Submission(
                        UUID.randomUUID(),
                        SubmissionOwner.resident(tolvanUser.personId(), "browser"),
                        tolvanUser.auditId()),
                ApplicationSigningIT.schoolTransport(ApplicationSigningIT.CHILD, "Att göra-skolan"),
                List.of(),
                CaseIntake.Channel.E_SERVICE);
        var eid = TestSignatures.from(context);
        CurrentTenant.callAs(vanersborg.id(), () -> {
            var summary = intake.toSign(application);
            return intake.openSigned(application, eid.sign(TOLVAN, "Tolvan", "Tolvansson", summary.digest()));
        });

        // Anna's own building permit is granted: its fee is invoiced to her
        var permit = work.submitted(
                vanersborg.id(),
                "bygglov",
                annaUser.personId(),
                "Anna Testsson",
                ANNA,
                Map.of("measure", "tillbyggnad", "area", 12, "description", "Ett uterum", "applicantIsOwner", "ja"));
        work.decide(vanersborg.id(), permit.getKey(), "beviljat", "Uppfyller kraven.", "PBL 9 kap. 31 §");
        long invoice = invoiceNumber(permit.getKey());

        // and another of her cases waits for a completion
        UUID welfare = work.welfareApplication(vanersborg.id(), annaUser.personId(), "Anna Testsson", ANNA);
        String welfareReference = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :c")
                        .param("c", welfare)
                        .query(String.class)
                        .single());
        LocalDate due = LocalDate.now().plusDays(10);
        work.transition(vanersborg.id(), welfare, "handlaggs");
        work.requestCompletion(vanersborg.id(), welfare, List.of("Kontoutdrag"), due);

        // the fish smokery she signs for has a registration fee to pay
        var registration = work.submittedFor(
                vanersborg.id(),
                "registrering-livsmedelsanlaggning",
                FISH_SMOKERY,
                "Vänerns Fiskrökeri AB",
                annaUser.personId(),
                "Anna Testsson",
                ANNA,
                Map.of("facilityName", "Rökeriet i Att göra"));
        work.decide(vanersborg.id(), registration.getKey(), "registrerad", "Registrerad.", "EG 852/2004");
        long companyInvoice = invoiceNumber(registration.getKey());

        String page = myPages(anna);
        String list = toDoSection(page);
        // first on Mina sidor
        assertThat(page.indexOf("id=\"att-gora\"")).isLessThan(page.indexOf("Pågående"));
        String own = list.substring(0, list.indexOf("För Vänerns Fiskrökeri AB"));
        assertThat(own)
                .contains("Skriv under ansökan: Ansökan om skolskjuts")
                .contains("Tolvan Tolvansson har skickat ansökan")
                .contains("href=\"/mina-sidor/underskrifter/")
                .contains("Betala faktura " + invoice)
                .contains("till bankgiro 5050-1055")
                .contains("Komplettera ärendet: Ansökan om ekonomiskt bistånd")
                .contains("Ärende " + welfareReference)
                .contains("Senast " + due)
                .doesNotContain("Betala faktura " + companyInvoice);
        // what waits for the company is under its name, to be done acting for it
        String company = list.substring(list.indexOf("För Vänerns Fiskrökeri AB"));
        assertThat(company)
                .contains("Betala faktura " + companyInvoice)
                .contains("name=\"val\" value=\"ORGANISATION:" + FISH_SMOKERY + "\"")
                .contains("Agera för Vänerns Fiskrökeri AB");

        // her own invoices page has her own invoice, not the company's
        String ownInvoices = mvc.perform(
                        atVanersborg(get("/mina-sidor/fakturor")).with(anna.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(ownInvoices)
                .contains("id=\"invoice-" + invoice + "\"")
                .doesNotContain("id=\"invoice-" + companyInvoice + "\"");

        // acting for the company, its things link to where they are done, and the invoices page shows its invoices
        var session = mvc.perform(atVanersborg(post("/mina-sidor/agera-for"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("val", "ORGANISATION:" + FISH_SMOKERY))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getCookie("SAMLA_SESSION");
        String asCompany = toDoSection(mvc.perform(
                        atVanersborg(get("/mina-sidor")).with(anna.processor()).cookie(session))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        String companyNow = asCompany.substring(asCompany.indexOf("För Vänerns Fiskrökeri AB"));
        assertThat(companyNow)
                .contains("<a href=\"/mina-sidor/fakturor\">Betala faktura " + companyInvoice)
                .doesNotContain("Agera för Vänerns Fiskrökeri AB");
        assertThat(asCompany.substring(0, asCompany.indexOf("För Vänerns Fiskrökeri AB")))
                .contains("Agera för Anna Testsson")
                .doesNotContain("<a href=\"/mina-sidor/fakturor\">");
        String companyInvoices = mvc.perform(atVanersborg(get("/mina-sidor/fakturor"))
                        .with(anna.processor())
                        .cookie(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(companyInvoices)
                .contains("id=\"invoice-" + companyInvoice + "\"")
                .doesNotContain("id=\"invoice-" + invoice + "\"");
        // the header counts what waits for her herself, on every page
        int ownCount = CurrentTenant.callAs(
                vanersborg.id(),
                () -> toDo.of(annaUser, Locale.forLanguageTag("sv"))
                        .get(0)
                        .tasks()
                        .size());
        assertThat(ownCount).isGreaterThanOrEqualTo(3);
        String start = mvc.perform(atVanersborg(get("/")).with(anna.processor()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(start).contains("href=\"/mina-sidor#att-gora\">Att göra (" + ownCount + ")</a>");

        // in English too
        String english = mvc.perform(
                        atVanersborg(get("/mina-sidor").param("lang", "en")).with(anna.processor()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(toDoSection(english)).contains("Pay invoice " + invoice).contains("For Vänerns Fiskrökeri AB");

        // another resident sees none of it
        var erik = logins.resident(vanersborg, "Erik Provare", "199006022397");
        String theirs = toDoSection(myPages(erik));
        assertThat(theirs)
                .doesNotContain("Betala faktura " + invoice)
                .doesNotContain("Ansökan om skolskjuts")
                .doesNotContain(welfareReference);

        // the reading of the list is audited
        long audited = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                                SELECT count(*) FROM audit.entry
                                WHERE action = 'PERSONAL_DATA_READ' AND object_id = :p AND details LIKE '%att-gora%'
                                """)
                        .param("p", annaUser.personId().toString())
                        .query(Long.class)
                        .single());
        assertThat(audited).isPositive();
    }
}
