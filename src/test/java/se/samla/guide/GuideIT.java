package se.samla.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.TestBookings;
import se.samla.cases.TestCaseWork;
import se.samla.identity.SignedInUser;

/**
 * The start page by life events, each life event's page, and the one search: what a resident types finds the
 * e-service, facility, report category, register entry or own case, in Swedish and English, and nothing of another
 * resident or another municipality.
 */
class GuideIT extends SamlaIntegrationTest {

    private static final RequestPostProcessor TROLLHATTAN = r -> {
        r.setServerName("trollhattan.localhost");
        return r;
    };

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String search(String q, RequestPostProcessor... more) throws Exception {
        var request = atVanersborg(get("/sok").param("q", q));
        for (RequestPostProcessor p : more) {
            request = request.with(p);
        }
        return page(request);
    }

    /** The part of the answer under a group's heading, up to the next group. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"section-" + id + "\"");
        if (start < 0) {
            return "";
        }
        int end = html.indexOf("<section", start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void theStartPageLeadsByLifeEventToWhatBelongsToIt() throws Exception {
        String home = page(atVanersborg(get("/")));
        assertThat(home)
                .contains("Utgå från det som händer i ditt liv")
                .contains("href=\"/livshandelser/bygga-och-renovera\"")
                .contains("Få barn")
                .contains("Engagera dig i en förening")
                .contains("action=\"/sok\"");

        String building = page(atVanersborg(get("/livshandelser/bygga-och-renovera")));
        assertThat(section(building, "eservice"))
                .contains("href=\"/e-tjanster/bygglov\"")
                .contains("Anmälan om attefallsåtgärd")
                .contains("Anmälan om installation av värmepump");
        assertThat(section(building, "page"))
                .contains("https://www.boverket.se/")
                .contains("annan webbplats");

        // a facility and an e-service handled by the federation, marked with its name
        String business = page(atVanersborg(get("/livshandelser/starta-och-driva-foretag")));
        assertThat(section(business, "eservice"))
                .contains("Registrering av livsmedelsanläggning")
                .contains("Handläggs av Miljöförbundet Fyrbodal");
        assertThat(section(business, "facility")).contains("href=\"/lokaler/motesrum-kullen\"");

        String nearby = page(atVanersborg(get("/livshandelser/i-din-narmiljo")));
        assertThat(section(nearby, "report")).contains("href=\"/felanmalan/ny/gatubelysning\"");

        assertThat(page(atVanersborg(get("/livshandelser/bygga-och-renovera").param("lang", "en"))))
                .contains("Building and renovating")
                .contains("Application for building permit")
                .contains("other web site");

        mvc.perform(atVanersborg(get("/livshandelser/finns-inte"))).andExpect(status().isNotFound());

        // each e-service says first, in plain language, what it is for
        assertThat(page(atVanersborg(get("/e-tjanster/bygglov"))))
                .contains("Lättläst")
                .contains("Då behöver du ofta bygglov. Här ansöker du.");
        assertThat(page(atVanersborg(get("/e-tjanster/bygglov").param("lang", "en"))))
                .contains("Easy to read")
                .contains("Then you often need a building permit.");
    }

    @Test
    void aMunicipalityWithItsOwnLifeEventsShowsOnlyThose() throws Exception {
        String home = page(get("/").with(TROLLHATTAN));
        assertThat(home).contains("Bygga och renovera").doesNotContain("Bli äldre");
        // the shared set's event is not Trollhättan's
        mvc.perform(get("/livshandelser/bli-aldre").with(TROLLHATTAN)).andExpect(status().isNotFound());
        // and Vänersborg's e-service is not found at Trollhättan
        String there = page(get("/sok").param("q", "attefallshus").with(TROLLHATTAN));
        assertThat(there).doesNotContain("Anmälan om attefallsåtgärd");
        assertThat(search("attefallshus")).contains("Anmälan om attefallsåtgärd");
    }

    @Test
    void theCatalogueIsGroupedByLifeEvent() throws Exception {
        String catalogue = page(atVanersborg(get("/e-tjanster")));
        assertThat(catalogue).contains("<h2").contains("Bygga och renovera").contains("Bli äldre");
        int building = catalogue.indexOf("Bygga och renovera");
        int older = catalogue.indexOf("Bli äldre", building);
        assertThat(catalogue.substring(building, older)).contains("Ansökan om bygglov");
    }

    @Test
    void theWordsResidentsUseFindTheEService() throws Exception {
        // the name, a synonym in another form (stemmed), a word stopped ("för"), and a typo
        for (String typed : new String[] {"bygglov för altan", "altanen", "Bygglov", "bygglv", "bygg"}) {
            assertThat(section(search(typed), "eservice")).as(typed).contains("href=\"/e-tjanster/bygglov\"");
        }
        assertThat(section(search("attefall"), "eservice")).contains("href=\"/e-tjanster/anmalan-attefallsatgard\"");
        assertThat(section(search("trasig gatlampa"), "report")).contains("href=\"/felanmalan/ny/gatubelysning\"");
        assertThat(section(search("idrottshall"), "facility")).contains("href=\"/lokaler/idrottshallen\"");
        assertThat(section(search("flytta"), "life_event")).contains("href=\"/livshandelser/flytta-hit\"");
        assertThat(section(search("bygglov"), "page")).contains("https://www.boverket.se/");
        // in English, by the English name
        assertThat(section(
                        search("building permit", r -> {
                            r.addParameter("lang", "en");
                            return r;
                        }),
                        "eservice"))
                .contains("Application for building permit");
    }

    @Test
    void whatCannotBeFoundSaysSoAndNothingTypedBreaksTheSearch() throws Exception {
        assertThat(search("xqzvw")).contains("Inga träffar").contains("Se alla e-tjänster");
        for (String typed : new String[] {"bygg & | ! :* ( ')", "'; DROP TABLE guide.search_document; --", "för och"}) {
            assertThat(search(typed)).contains("role=\"status\"");
        }
        String longest = "bygglov ".repeat(2000);
        assertThat(search(longest)).contains("role=\"status\"");
        // an empty search shows the box only
        assertThat(page(atVanersborg(get("/sok"))))
                .doesNotContain("role=\"status\"")
                .contains("id=\"search-q\"");
    }

    @Test
    void theRegisterAndTheResidentsOwnCasesAreFoundAndNoOneElses() throws Exception {
        var logins = logins();
        String number = TestBookings.personalIdentityNumber(801);
        var greta = logins.resident(vanersborg, "Greta Sökare", number);
        var other = logins.resident(vanersborg, "Olle Annansson", TestBookings.personalIdentityNumber(802));
        var gretaUser = (SignedInUser.Resident) greta.user();
        var mine = TestCaseWork.from(context)
                .submitted(
                        vanersborg.id(),
                        "synpunkt-klagomal",
                        gretaUser.personId(),
                        "Greta Sökare",
                        number,
                        Map.of(
                                "kind",
                                "synpunkt",
                                "area",
                                "gata-park",
                                "message",
                                "Fler bänkar",
                                "wantsAnswer",
                                "nej"));
        String reference = mine.getValue();
        TestBookings.until(
                () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT count(*) FROM records.case_file WHERE reference = :r")
                                        .param("r", reference)
                                        .query(Long.class)
                                        .single())
                        == 1,
                "the case is registered");

        // anyone finds it in the register by its reference, with its public title and no name
        String anyone = search(reference);
        assertThat(section(anyone, "register")).contains(reference).contains("Synpunkter och klagomål");
        assertThat(anyone).doesNotContain("Greta").doesNotContain("section-my_cases");

        // its owner finds it among their own cases, by a word of its kind
        String own = search("synpunkter", greta.processor());
        assertThat(section(own, "my_cases"))
                .contains(reference)
                .contains("href=\"/mina-sidor/arenden/" + mine.getKey() + "\"");
        // another resident does not
        assertThat(section(search("synpunkter", other.processor()), "my_cases")).doesNotContain(reference);
        // and the reading is audited as Mina sidor's is
        long audited = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                                SELECT count(*) FROM audit.entry
                                WHERE action = 'PERSONAL_DATA_READ' AND object_id = :person AND details LIKE '%sok%'
                                """)
                        .param("person", gretaUser.personId().toString())
                        .query(Long.class)
                        .single());
        assertThat(audited).isPositive();

        // nor does another municipality's search (which has no such case type; a reference may be the same there)
        assertThat(section(page(get("/sok").param("q", reference).with(TROLLHATTAN)), "register"))
                .doesNotContain("Synpunkter och klagomål");
    }
}
