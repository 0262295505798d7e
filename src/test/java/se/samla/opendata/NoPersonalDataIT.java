package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;

/**
 * No personal data of any case, report or register entry reaches any dataset: every distribution of every
 * dataset, and every query API, is searched for the names, personnummer, e-mail addresses and free texts
 * used here.
 */
class NoPersonalDataIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    @Autowired
    List<Dataset> datasets;

    RequestPostProcessor host = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };

    @Test
    void noDistributionHasAnyOfIt() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        String marker = "privat" + UUID.randomUUID().toString().substring(0, 6);
        transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "ekonomiskt-bistand",
                        null,
                        new CaseIntake.Reporter(null, "Tolvan Tolvansson", "191212121212", "person:tolvan"),
                        UUID.randomUUID(),
                        TestIntake.welfareApplication(
                                "Skuld hos Kronofogden " + marker, "tolvan." + marker + "@example.org"),
                        CaseIntake.Channel.E_SERVICE));
        transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "synpunkt-klagomal",
                        null,
                        new CaseIntake.Reporter(null, "Erik Provare", "199006022397", "person:erik"),
                        UUID.randomUUID(),
                        Map.of(
                                "kind",
                                List.of("klagomal"),
                                "area",
                                List.of("gata-park"),
                                "message",
                                List.of("Grannen stör " + marker),
                                "wantsAnswer",
                                List.of("ja"),
                                "name",
                                List.of("Erik Provare"),
                                "email",
                                List.of("erik." + marker + "@example.org")),
                        CaseIntake.Channel.E_SERVICE));
        transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "synpunkt-klagomal",
                        null,
                        new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna"),
                        UUID.randomUUID(),
                        TestIntake.feedback("Bänken " + marker),
                        CaseIntake.Channel.E_SERVICE));
        mvc.perform(multipart("/felanmalan/ny/klotter")
                        .with(host)
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("latitude", "58.3655")
                        .param("longitude", "12.3101")
                        .param("confirmNew", "1")
                        .param("f.offensive", "ja")
                        .param("f.description", "Mitt namn klottrat " + marker)
                        .param("f.name", "Klara Klottersson")
                        .param("f.email", "klara." + marker + "@example.org"))
                .andExpect(status().is3xxRedirection());

        List<String> published = new ArrayList<>();
        assertThat(datasets).extracting(Dataset::id).contains("felanmalningar", "arendestatistik", "diarium");
        for (Dataset dataset : datasets) {
            for (String format : dataset.located() ? List.of("csv", "json", "geojson") : List.of("csv", "json")) {
                published.add(mvc.perform(
                                get("/datasets/" + dataset.id() + "." + format).with(host))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
            }
            published.add(mvc.perform(
                            get("/datasets/" + dataset.id() + "/api").with(host).param("per_sida", "1000"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8));
        }
        published.add(mvc.perform(get("/datasets/dcat").with(host))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        // the register dataset carries the documents, never their parties, secret or not
        assertThat(String.join("\n", published))
                .contains("Ansökan om ekonomiskt bistånd")
                .contains("Klotter");
        for (String text : published) {
            for (String personal : List.of(
                    "Tolvan",
                    "191212121212",
                    "19121212",
                    "Erik",
                    "199006022397",
                    "Anna Testsson",
                    "198705212382",
                    "Klara",
                    "Klottersson",
                    marker,
                    TestIntake.WELFARE_PHONE,
                    "example.org",
                    "Kronofogden",
                    "Grannen")) {
                assertThat(text).as(personal).doesNotContain(personal);
            }
        }
    }
}
