package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.TestLogins;
import se.samla.platform.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Datasets administrators upload: stored only when the whole file is right, published in every distribution, the
 * query API and the catalogue, changed and removed only by administrators of their own municipality.
 */
class UploadedDatasetsIT extends SamlaIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    RequestPostProcessor vanersborg = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };
    RequestPostProcessor trollhattan = r -> {
        r.setServerName("trollhattan.localhost");
        return r;
    };

    private TestLogins.Login admin() {
        return logins().staff(
                        tenants.bySlug("vanersborg").orElseThrow(),
                        "ada",
                        "Ada Administratör",
                        List.of("administrator:KSF-DIGIT"),
                        "intern");
    }

    private static final String PLAYGROUNDS = "namn;gungor;latitud;longitud;renoverad\r\n"
            + "Skräckleparken;4;58,3812;12,3190;2024\r\n"
            + "Torpa lekplats;2;58,3650;12,3405;2019\r\n"
            + "Nordkroken;10;58,3905;12,3021;2025\r\n";

    private static MockMultipartFile file(String name, String text) {
        return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private MockMultipartHttpServletRequestBuilder form(String path, MockMultipartFile file, String title) {
        var form = multipart(path);
        if (file != null) {
            form.file(file);
        }
        form.param("title", title)
                .param("description", "Kommunens lekplatser med antal gungor och år för senaste renovering.")
                .param("keywords", "lekplatser, parker, barn")
                .param("theme", "SOCI")
                .param("licence", "CC_BY_4")
                .param("contactName", "Parkenheten")
                .param("contactEmail", "parkenheten@example.org")
                .param("periodStart", "2019-01-01")
                .param("periodEnd", "");
        return form;
    }

    private String upload(TestLogins.Login admin, String title, MockMultipartFile file) throws Exception {
        String location = mvc.perform(form("/admin/oppna-data/ny", file, title)
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return location.substring(location.indexOf("sparad=") + "sparad=".length());
    }

    private String text(RequestPostProcessor host, String path) throws Exception {
        return mvc.perform(get(path).with(host))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** Counts as the database superuser sees it, across every municipality. */
    private long count(String sql, String parameter) throws Exception {
        try (var db = TestDatabase.superuser(context);
                var statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long storedRows() throws Exception {
        return count("SELECT count(*) FROM opendata.uploaded_row", null);
    }

    @Test
    void anUploadedCsvIsPublishedInEveryDistributionTheApiAndThePage() throws Exception {
        var admin = admin();
        String id = upload(admin, "Lekplatser i Vänersborg", file("lekplatser.csv", PLAYGROUNDS));
        assertThat(id).startsWith("lekplatser-i-vanersborg");

        String csv = text(vanersborg, "/datasets/" + id + ".csv");
        assertThat(csv)
                .startsWith("namn,gungor,latitud,longitud,renoverad\r\n")
                .contains("Skräckleparken,4,58.3812,12.319,2024\r\n");
        JsonNode json = JSON.readTree(text(vanersborg, "/datasets/" + id + ".json"));
        assertThat(json.size()).isEqualTo(3);
        assertThat(json.get(0).get("gungor").isIntegralNumber()).isTrue();
        assertThat(json.get(0).get("latitud").doubleValue()).isEqualTo(58.3812);
        JsonNode geo = JSON.readTree(text(vanersborg, "/datasets/" + id + ".geojson"));
        assertThat(geo.get("features").size()).isEqualTo(3);
        assertThat(geo.get("features").get(0).get("geometry").get("coordinates").toString())
                .isEqualTo("[12.319,58.3812]");
        assertThat(geo.get("features").get(0).get("properties").has("latitud")).isFalse();

        // the query API runs in the database: numeric sorting, filters, paging and the total
        JsonNode sorted = JSON.readTree(text(vanersborg, "/datasets/" + id + "/api?sortera=-gungor&per_sida=2"));
        assertThat(sorted.get("totalt").asLong()).isEqualTo(3);
        assertThat(sorted.get("rader").findValuesAsString("namn")).containsExactly("Nordkroken", "Skräckleparken");
        JsonNode second = JSON.readTree(text(vanersborg, "/datasets/" + id + "/api?sortera=-gungor&per_sida=2&sida=2"));
        assertThat(second.get("rader").findValuesAsString("namn")).containsExactly("Torpa lekplats");
        JsonNode filtered = JSON.readTree(text(vanersborg, "/datasets/" + id + "/api?renoverad=2024"));
        assertThat(filtered.get("totalt").asLong()).isEqualTo(1);
        assertThat(filtered.get("rader").get(0).get("namn").asString()).isEqualTo("Skräckleparken");
        mvc.perform(get("/datasets/" + id + "/api").param("adress", "x").with(vanersborg))
                .andExpect(status().isBadRequest());

        String page = text(vanersborg, "/oppna-data");
        assertThat(page)
                .contains("Lekplatser i Vänersborg")
                .contains("Skräckleparken")
                .contains("/datasets/" + id + ".geojson")
                .contains("CC BY 4.0");

        // the catalogue describes it with its own licence and contact point, and stays valid (DcatCatalogueIT checks
        // all)
        String catalogue = mvc.perform(get("/datasets/dcat").with(vanersborg).header("Accept", "text/turtle"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(catalogue)
                .contains("/datasets/" + id + ">")
                .contains("http://creativecommons.org/licenses/by/4.0/")
                .contains("mailto:parkenheten@example.org")
                .contains("data-theme/SOCI")
                .contains("\"2019-01-01\"");

        // another municipality sees nothing of it
        mvc.perform(get("/datasets/" + id + ".csv").with(trollhattan)).andExpect(status().isNotFound());
        mvc.perform(get("/datasets/" + id + "/api").with(trollhattan)).andExpect(status().isNotFound());
        assertThat(text(trollhattan, "/oppna-data")).doesNotContain("Lekplatser i Vänersborg");
        var trollhattanAdmin = logins().staff(
                        tenants.bySlug("trollhattan").orElseThrow(),
                        "tove",
                        "Tove Admin",
                        List.of("administrator:KSF"),
                        "intern");
        mvc.perform(get("/admin/oppna-data/" + id).with(trollhattan).with(trollhattanAdmin.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/oppna-data/" + id + "/ta-bort")
                        .param("version", "1")
                        .with(trollhattan)
                        .with(trollhattanAdmin.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(text(vanersborg, "/datasets/" + id + ".csv")).contains("Skräckleparken");
    }

    /** The database sorts text as the built-in datasets do (DatasetOrder: code points), empty cells last both ways. */
    @Test
    void textIsSortedInCodePointOrderWithEmptyCellsLast() throws Exception {
        String id = upload(
                admin(),
                "Djur i parken",
                file("djur.csv", "namn;antal\r\nälg;1\r\nZebra;2\r\n;3\r\napa;4\r\nÖdla;5\r\n"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : List.of("älg", "Zebra", "apa", "Ödla")) {
            rows.add(Map.of("namn", name));
        }
        rows.add(new HashMap<>(Map.of()));
        rows.sort(DatasetOrder.by("namn", false));
        List<String> expected =
                rows.stream().map(row -> DatasetOrder.text(row.get("namn"))).toList();
        assertThat(expected).containsExactly("Zebra", "apa", "Ödla", "älg", "");

        JsonNode ascending = JSON.readTree(text(vanersborg, "/datasets/" + id + "/api?sortera=namn"));
        assertThat(ascending.get("rader").findValuesAsString("antal")).containsExactly("2", "4", "5", "1", "3");
        JsonNode descending = JSON.readTree(text(vanersborg, "/datasets/" + id + "/api?sortera=-namn"));
        assertThat(descending.get("rader").findValuesAsString("antal")).containsExactly("1", "5", "4", "2", "3");
    }

    @Test
    void aFileWithProblemsIsRefusedWholeWithEachProblemInSwedishAndNothingStored() throws Exception {
        var admin = admin();
        long before = storedRows();
        String ragged =
                "namn,gungor,lat,lon\nParken,2,58.38,12.32\nTorget,3\nHamnen,1,6471234,1320456\nKyrkan,=1+1,58.37,12.31\n";
        String body = mvc.perform(form("/admin/oppna-data/ny", file("trasig.csv", ragged), "Trasig")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(body)
                .contains("Rad 3 har 2 fält, men rubrikraden har 4.")
                .contains("Rad 4: koordinaterna 6471234, 1320456 ser ut att vara SWEREF 99 TM")
                .contains("Rad 5, kolumn gungor: värdet börjar som en formel")
                .contains("Inget är sparat.")
                // what the administrator typed is kept
                .contains("value=\"Trasig\"")
                .contains("parkenheten@example.org");
        assertThat(storedRows()).isEqualTo(before);

        byte[] latin = "namn,ort\nParken,Vänersborg\n".getBytes(Charset.forName("windows-1252"));
        String encoding = mvc.perform(form(
                                "/admin/oppna-data/ny",
                                new MockMultipartFile("file", "parker.csv", "text/csv", latin),
                                "Parker")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(encoding).contains("Rad 2 är inte UTF-8.");

        String html = mvc.perform(form(
                                "/admin/oppna-data/ny",
                                file("lista.csv", "<html><script>alert(1)</script></html>"),
                                "Lista")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Filen ser ut att vara HTML eller XML, inte CSV.");

        // the description is checked too, field by field
        String fields = mvc.perform(multipart("/admin/oppna-data/ny")
                        .file(file("ok.csv", PLAYGROUNDS))
                        .param("title", " ")
                        .param("description", "")
                        .param("keywords", " , ")
                        .param("theme", "HEMLIGT")
                        .param("licence", "MIT")
                        .param("contactName", "")
                        .param("contactEmail", "inte en adress")
                        .param("periodStart", "2026-13-01")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(fields)
                .contains("Ange en titel.")
                .contains("Beskriv datamängden.")
                .contains("Ange minst ett nyckelord.")
                .contains("Välj ett tema.")
                .contains("Välj en licens.")
                .contains("Ange kontaktpunktens namn")
                .contains("Ange en e-postadress")
                .contains("Ange datumet som ÅÅÅÅ-MM-DD.");
        String noFile = mvc.perform(form("/admin/oppna-data/ny", null, "Utan fil")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(noFile).contains("Välj en CSV- eller GeoJSON-fil att ladda upp.");
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void aNewVersionReplacesTheRowsOnlyWhenItIsRightAndAStaleFormIsRefused() throws Exception {
        var admin = admin();
        String id = upload(admin, "Badplatser", file("bad.csv", "namn,latitud,longitud\nSikhall,58.67,11.95\n"));
        String editor = text(
                r -> {
                    vanersborg.postProcessRequest(r);
                    return admin.processor().postProcessRequest(r);
                },
                "/admin/oppna-data/" + id);
        assertThat(editor).contains("bad.csv, 1 rader");

        // a broken new version: refused, the old rows stay
        mvc.perform(form(
                                "/admin/oppna-data/" + id,
                                file("bad.csv", "namn,latitud,longitud\nSikhall,58.67\n"),
                                "Badplatser")
                        .param("version", "1")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        assertThat(text(vanersborg, "/datasets/" + id + ".csv")).contains("Sikhall");

        // a good new version replaces every row, and the download's ETag changes
        String etag = mvc.perform(get("/datasets/" + id + ".csv").with(vanersborg))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        mvc.perform(form(
                                "/admin/oppna-data/" + id,
                                file(
                                        "bad-2026.csv",
                                        "namn,latitud,longitud\nFrugården,58.35,12.36\n" + "Ursand,58.40,12.31\n"),
                                "Badplatser")
                        .param("version", "1")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String csv = text(vanersborg, "/datasets/" + id + ".csv");
        assertThat(csv).contains("Frugården").contains("Ursand").doesNotContain("Sikhall");
        mvc.perform(get("/datasets/" + id + ".csv").with(vanersborg).header("If-None-Match", etag))
                .andExpect(status().isOk());

        // someone who opened version 1 cannot overwrite version 2
        String stale = mvc.perform(form("/admin/oppna-data/" + id, null, "Gamla badplatser")
                        .param("version", "1")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(stale).contains("Någon annan har ändrat datamängden");
        assertThat(text(vanersborg, "/oppna-data")).doesNotContain("Gamla badplatser");

        // the description alone changes without a file
        mvc.perform(form("/admin/oppna-data/" + id, null, "Badplatser och strandbad")
                        .param("version", "2")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(text(vanersborg, "/oppna-data")).contains("Badplatser och strandbad");
        assertThat(text(vanersborg, "/datasets/" + id + ".csv")).contains("Ursand");

        // removal asks first, then takes it from everywhere
        String question = mvc.perform(get("/admin/oppna-data/" + id + "/ta-bort")
                        .with(vanersborg)
                        .with(admin.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(question).contains("Ta bort Badplatser och strandbad?").contains("name=\"version\" value=\"3\"");
        mvc.perform(post("/admin/oppna-data/" + id + "/ta-bort")
                        .param("version", "2")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/oppna-data/" + id + "/ta-bort")
                        .param("version", "3")
                        .with(vanersborg)
                        .with(admin.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/datasets/" + id + ".csv").with(vanersborg)).andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM opendata.uploaded_row WHERE dataset = ?", id))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit.entry WHERE object_id = ? AND action LIKE 'OPEN_DATASET_%'", id))
                .isEqualTo(4);
    }

    @Test
    void aTitleNeverTakesTheAddressOfAPageOrABuiltInDataset() throws Exception {
        var admin = admin();
        String first = upload(admin, "Ny", file("ny.csv", "namn\nA\n"));
        String second = upload(admin, "Diarium", file("diarium.csv", "namn\nB\n"));
        assertThat(first).isNotEqualTo("ny").startsWith("ny-");
        assertThat(second).isNotEqualTo("diarium").startsWith("diarium-");
        mvc.perform(get("/admin/oppna-data/ny").with(vanersborg).with(admin.processor()))
                .andExpect(status().isOk());
        assertThat(text(vanersborg, "/datasets/" + first + ".csv")).contains("A");
    }

    @Test
    void onlyAdministratorsUploadChangeOrRemove() throws Exception {
        var admin = admin();
        String id =
                upload(admin, "Laddplatser", file("laddplatser.csv", "namn,latitud,longitud\nTorget,58.38,12.32\n"));
        var officer = logins().staff(
                        tenants.bySlug("vanersborg").orElseThrow(),
                        "gunnel",
                        "Gunnel Gatuchef",
                        List.of("handlaggare:SBF-GATA"),
                        "intern");
        var resident = logins().resident(tenants.bySlug("vanersborg").orElseThrow(), "Erik Provare", "199006022397");
        for (var who : List.of(officer, resident)) {
            mvc.perform(form("/admin/oppna-data/ny", file("x.csv", "a\n1\n"), "Intrång")
                            .with(vanersborg)
                            .with(who.processor())
                            .with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(form("/admin/oppna-data/" + id, null, "Intrång")
                            .param("version", "1")
                            .with(vanersborg)
                            .with(who.processor())
                            .with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/oppna-data/" + id + "/ta-bort")
                            .param("version", "1")
                            .with(vanersborg)
                            .with(who.processor())
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        // without a login, the admin pages send to the login
        mvc.perform(form("/admin/oppna-data/ny", file("x.csv", "a\n1\n"), "Intrång")
                        .with(vanersborg)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        // and without the form's CSRF token, not even an administrator
        mvc.perform(form("/admin/oppna-data/ny", file("x.csv", "a\n1\n"), "Intrång")
                        .with(vanersborg)
                        .with(admin.processor()))
                .andExpect(status().isForbidden());
        assertThat(text(vanersborg, "/oppna-data")).contains("Laddplatser").doesNotContain("Intrång");
    }

    @Test
    void eachMunicipalitySetsItsOwnSmallestGroup() throws Exception {
        var admin = admin();
        // a report is a case, so the statistics have a row
        mvc.perform(multipart("/felanmalan/ny/lekplats")
                        .with(vanersborg)
                        .with(csrf())
                        .param("submissionId", java.util.UUID.randomUUID().toString())
                        .param("latitude", "58.3790")
                        .param("longitude", "12.3412")
                        .param("confirmNew", "1")
                        .param("f.description", "Gungan är trasig")
                        .param("f.name", "")
                        .param("f.email", ""))
                .andExpect(status().is3xxRedirection());
        try {
            String invalid = mvc.perform(post("/admin/oppna-data/minsta-grupp")
                            .param("smallest", "två")
                            .with(vanersborg)
                            .with(admin.processor())
                            .with(csrf()))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(invalid).contains("Ange ett heltal mellan 3 och 1000.");
            mvc.perform(post("/admin/oppna-data/minsta-grupp")
                            .param("smallest", "1")
                            .with(vanersborg)
                            .with(admin.processor())
                            .with(csrf()))
                    .andExpect(status().isUnprocessableContent());

            mvc.perform(post("/admin/oppna-data/minsta-grupp")
                            .param("smallest", "1000")
                            .with(vanersborg)
                            .with(admin.processor())
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
            // every count and lead time is left out; only case type and month remain
            assertThat(text(vanersborg, "/datasets/arendestatistik.csv")
                            .strip()
                            .lines()
                            .skip(1))
                    .isNotEmpty()
                    .allMatch(line -> line.endsWith(",,,,,"));
            assertThat(text(vanersborg, "/oppna-data")).contains("Grupper med färre än 1000 ärenden redovisas inte.");
            assertThat(text(trollhattan, "/oppna-data")).contains("Grupper med färre än 5 ärenden redovisas inte.");
        } finally {
            mvc.perform(post("/admin/oppna-data/minsta-grupp")
                            .param("smallest", "5")
                            .with(vanersborg)
                            .with(admin.processor())
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
    }
}
