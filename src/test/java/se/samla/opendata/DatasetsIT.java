package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem reports dataset: three distributions with the same rows, no personal data in any of them,
 * open to any web page, and cacheable.
 */
class DatasetsIT extends SamlaIntegrationTest {

    RequestPostProcessor host = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };

    private String report(String description, String name, String email, double latitude) throws Exception {
        String location = mvc.perform(multipart("/felanmalan/ny/lekplats")
                        .with(host)
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", "12.3412")
                        .param("confirmNew", "1")
                        .param("f.description", description)
                        .param("f.name", name)
                        .param("f.email", email))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return location.substring("/felanmalan/".length(), location.indexOf('?'));
    }

    private String download(String file) throws Exception {
        return mvc.perform(get("/datasets/" + file).with(host))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "*"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aPublishedTextThatASpreadsheetWouldRunIsShownAsTextInTheCsv() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String published = report("Lekplats " + marker, "Petra Publik", "petra@example.org", 58.3633);
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        UUID caseId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT case_id FROM reports.report WHERE public_id = :p")
                        .param("p", published)
                        .query(UUID.class)
                        .single());
        int version = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM reports.report WHERE case_id = :c")
                        .param("c", caseId)
                        .query(Integer.class)
                        .single());
        var officer =
                logins().staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        String formula = "=HYPERLINK(\"http://example.org/" + marker + "\",\"Klicka\")";
        mvc.perform(post("/personal/felanmalan/" + caseId + "/publicera")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("publicDescription", formula))
                .andExpect(status().is3xxRedirection());

        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(download("felanmalningar.csv")))
                .getRecords();
        CSVRecord shown = rows.stream()
                .filter(r -> r.get("id").equals(published))
                .findFirst()
                .orElseThrow();
        assertThat(shown.get("beskrivning")).isEqualTo("'" + formula);
        // JSON is not opened by a spreadsheet: it keeps the text as it is
        assertThat(download("felanmalningar.json")).contains(formula.replace("\"", "\\\""));
    }

    @Test
    void everyDistributionHasTheReportsAndNoPersonalData() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String hidden = report(
                "Gungan är trasig, ring mig på 0701234567 " + marker,
                "Harald Hemlig" + marker,
                "harald." + marker + "@example.org",
                58.3611);
        String published = report("Rutschkanan är sönder " + marker, "Petra Publik", "petra@example.org", 58.3622);
        UUID caseId = transactions.read(
                tenants.bySlug("vanersborg").orElseThrow().id(),
                () -> jdbc.sql("SELECT case_id FROM reports.report WHERE public_id = :p")
                        .param("p", published)
                        .query(UUID.class)
                        .single());
        var officer = logins().staff(
                        tenants.bySlug("vanersborg").orElseThrow(),
                        "gunnel",
                        "Gunnel Gatuchef",
                        List.of("handlaggare:SBF-GATA"),
                        "intern");
        int version = transactions.read(
                tenants.bySlug("vanersborg").orElseThrow().id(),
                () -> jdbc.sql("SELECT version FROM reports.report WHERE case_id = :c")
                        .param("c", caseId)
                        .query(Integer.class)
                        .single());
        mvc.perform(post("/personal/felanmalan/" + caseId + "/publicera")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("publicDescription", "Rutschkanan är trasig."))
                .andExpect(status().is3xxRedirection());

        String csv = download("felanmalningar.csv");
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertThat(csv).startsWith(String.join(",", ReportDataset.COLUMNS) + "\r\n");
        assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(ReportDataset.COLUMNS.size()));
        CSVRecord shown = rows.stream()
                .filter(r -> r.get("id").equals(published))
                .findFirst()
                .orElseThrow();
        assertThat(shown.get("beskrivning")).isEqualTo("Rutschkanan är trasig.");
        assertThat(shown.get("kategorinamn")).isEqualTo("Lekplats");
        assertThat(rows.stream()
                        .filter(r -> r.get("id").equals(hidden))
                        .findFirst()
                        .orElseThrow()
                        .get("beskrivning"))
                .isEmpty();

        String json = download("felanmalningar.json");
        String geojson = download("felanmalningar.geojson");
        JsonNode features = JsonMapper.builder().build().readTree(geojson);
        assertThat(features.get("type").asString()).isEqualTo("FeatureCollection");
        List<String> ids = new ArrayList<>();
        features.get("features").forEach(f -> {
            ids.add(f.get("id").asString());
            double lon = f.get("geometry").get("coordinates").get(0).asDouble();
            double lat = f.get("geometry").get("coordinates").get(1).asDouble();
            assertThat(lon).isBetween(-180.0, 180.0);
            assertThat(lat).isBetween(-90.0, 90.0);
        });
        assertThat(ids).hasSize(rows.size()).contains(hidden, published);
        assertThat(JsonMapper.builder().build().readTree(json).size()).isEqualTo(rows.size());

        for (String distribution : List.of(csv, json, geojson)) {
            for (String personal : List.of(
                    "Harald",
                    "Hemlig",
                    "harald." + marker,
                    "0701234567",
                    "Gungan",
                    "Petra",
                    "petra@example.org",
                    "Rutschkanan är sönder")) {
                assertThat(distribution).as(personal).doesNotContain(personal);
            }
        }
    }

    @Test
    void theOpenDataPageListsEveryDatasetWithItsDownloadsAndAPreview() throws Exception {
        report("Gungställningen rostar", "Anonym", "", 58.3644);
        String page = mvc.perform(get("/oppna-data").with(host))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("Felanmälningar")
                .contains("Ärendestatistik")
                .contains("Diarium (postlista)")
                .contains("E-tjänster")
                .contains("/datasets/felanmalningar.geojson")
                .contains("/datasets/e-tjanster.csv")
                .contains("/datasets/dcat")
                .contains("De första raderna i E-tjänster")
                .contains("Bygglov")
                .doesNotContain("/datasets/e-tjanster.geojson");
        String services = download("e-tjanster.csv");
        assertThat(services)
                .contains("bygglov")
                .contains("Ansökan om ekonomiskt bistånd")
                .doesNotContain("gatubelysning");
    }

    @Test
    void anAdministratorSwitchesADatasetOffEverywhere() throws Exception {
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        var logins = logins();
        var admin = logins.staff(vanersborg, "ada", "Ada Administratör", List.of("administrator:KSF-DIGIT"), "intern");
        var officer = logins.staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        try {
            mvc.perform(post("/admin/oppna-data")
                            .with(host)
                            .with(admin.processor())
                            .with(csrf())
                            .param("published", "felanmalningar", "arendestatistik", "e-tjanster"))
                    .andExpect(status().is3xxRedirection());
            mvc.perform(get("/datasets/diarium.csv").with(host)).andExpect(status().isNotFound());
            mvc.perform(get("/datasets/diarium/api").with(host)).andExpect(status().isNotFound());
            assertThat(mvc.perform(get("/datasets/dcat").with(host))
                            .andReturn()
                            .getResponse()
                            .getContentAsString(StandardCharsets.UTF_8))
                    .doesNotContain("/datasets/diarium")
                    .contains("/datasets/felanmalningar");
            assertThat(mvc.perform(get("/oppna-data").with(host))
                            .andReturn()
                            .getResponse()
                            .getContentAsString(StandardCharsets.UTF_8))
                    .doesNotContain("Diarium (postlista)")
                    .contains("Felanmälningar");
            mvc.perform(get("/admin/oppna-data").with(host).with(admin.processor()))
                    .andExpect(status().isOk());
            // only administrators choose
            mvc.perform(post("/admin/oppna-data")
                            .with(host)
                            .with(officer.processor())
                            .with(csrf())
                            .param("published", "diarium"))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/datasets/diarium.csv").with(host)).andExpect(status().isNotFound());
        } finally {
            mvc.perform(post("/admin/oppna-data")
                            .with(host)
                            .with(admin.processor())
                            .with(csrf())
                            .param(
                                    "published",
                                    "felanmalningar",
                                    "arendestatistik",
                                    "e-tjanster",
                                    "diarium",
                                    "lokaler",
                                    "lokalbelaggning"))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(get("/datasets/diarium.csv").with(host)).andExpect(status().isOk());
    }

    @Test
    void downloadsAreCacheableAndChangeWhenTheDataDoes() throws Exception {
        var first = mvc.perform(get("/datasets/felanmalningar.csv").with(host))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        String etag = first.getHeader("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.getHeader("Last-Modified")).isNotBlank();
        mvc.perform(get("/datasets/felanmalningar.csv").with(host).header("If-None-Match", etag))
                .andExpect(status().isNotModified());
        report("Sandlådan behöver ny sand", "Anonym", "", 58.3633);
        mvc.perform(get("/datasets/felanmalningar.csv").with(host).header("If-None-Match", etag))
                .andExpect(status().isOk());
        mvc.perform(get("/datasets/felanmalningar.xlsx").with(host)).andExpect(status().isNotFound());
        mvc.perform(get("/datasets/personnummer.csv").with(host)).andExpect(status().isNotFound());
    }
}
