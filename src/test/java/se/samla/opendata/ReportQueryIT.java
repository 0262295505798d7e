package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.platform.TestDatabase;

/**
 * The problem reports' query API, answered by the database, gives exactly what the same query over the stream of
 * rows gives: the same totals, the same rows in the same order, page after page.
 */
class ReportQueryIT extends SamlaIntegrationTest {

    @Autowired
    ReportDataset reports;

    private String report(String category, double latitude, String description) throws Exception {
        var form = multipart("/felanmalan/ny/" + category)
                .with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                })
                .with(csrf())
                .param("submissionId", UUID.randomUUID().toString())
                .param("latitude", Double.toString(latitude))
                .param("longitude", "12.3412")
                .param("confirmNew", "1")
                .param("f.description", description)
                .param("f.offensive", "nej")
                .param("f.name", "")
                .param("f.email", "");
        String location = mvc.perform(form)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return location.substring("/felanmalan/".length(), location.indexOf('?'));
    }

    /** The same rows, answered the slow way: the interface's query over the stream. */
    private Dataset streamed() {
        return new Dataset() {
            public String id() {
                return reports.id();
            }

            public Freshness freshness() {
                return reports.freshness();
            }

            public List<String> columns() {
                return reports.columns();
            }

            public void rows(Consumer<Map<String, Object>> each) {
                reports.rows(each);
            }

            public DcatCatalogue.Description describe() {
                return reports.describe();
            }
        };
    }

    @Test
    void theDatabaseAnswersAsTheStreamDoes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(report(i % 3 == 0 ? "klotter" : "lekplats", 58.36 + (i % 5) * 0.001, "Fel nummer " + i));
        }
        // some closed, as staff closing them would leave them
        try (var db = TestDatabase.superuser(context);
                var close = db.prepareStatement(
                        "UPDATE reports.report SET closed = true, status = 'atgardad' WHERE public_id = ANY (?)")) {
            close.setArray(1, db.createArrayOf("text", new Object[] {ids.get(1), ids.get(4), ids.get(9)}));
            close.executeUpdate();
        }
        // and in areas: two in a known one, one in an area the map no longer has (shown by its code)
        try (var db = TestDatabase.superuser(context);
                var place = db.prepareStatement("UPDATE reports.report SET area = ? WHERE public_id = ANY (?)")) {
            place.setString(1, "vargon");
            place.setArray(2, db.createArrayOf("text", new Object[] {ids.get(2), ids.get(11)}));
            place.executeUpdate();
            place.setString(1, "nedlagt-omrade");
            place.setArray(2, db.createArrayOf("text", new Object[] {ids.get(5)}));
            place.executeUpdate();
        }
        var tenant = tenants.bySlug("vanersborg").orElseThrow().id();
        Dataset stream = streamed();
        List<Dataset.Query> queries = new ArrayList<>();
        for (String sort : new String[] {
            null,
            "id",
            "kategori",
            "kategorinamn",
            "status",
            "statusnamn",
            "avslutad",
            "anmald",
            "uppdaterad",
            "omrade",
            "latitud"
        }) {
            for (boolean descending : new boolean[] {false, true}) {
                queries.add(new Dataset.Query(Map.of(), sort, descending, 1, 5));
                queries.add(new Dataset.Query(Map.of(), sort, descending, 2, 5));
                queries.add(new Dataset.Query(Map.of("kategori", "lekplats"), sort, descending, 1, 4));
                queries.add(new Dataset.Query(Map.of("status", "closed"), sort, descending, 1, 10));
            }
        }
        queries.add(new Dataset.Query(Map.of("avslutad", "false", "kategori", "klotter"), "latitud", true, 1, 3));
        queries.add(new Dataset.Query(Map.of("id", ids.get(4)), null, false, 1, 10));
        queries.add(new Dataset.Query(Map.of("latitud", "58.362"), "id", false, 1, 100));
        queries.add(new Dataset.Query(Map.of("status", "closed", "avslutad", "false"), null, false, 1, 10));
        queries.add(new Dataset.Query(Map.of("status", "kanske"), null, false, 1, 10));
        queries.add(new Dataset.Query(Map.of("beskrivning", ""), "anmald", true, 1, 3));
        // the columns open data shows by name, and times as shown to the second
        var shown = transactions
                .read(tenant, () -> stream.query(new Dataset.Query(Map.of("id", ids.get(11)), null, false, 1, 1)))
                .rows()
                .get(0);
        for (String column : new String[] {"kategorinamn", "statusnamn", "omrade", "anmald", "uppdaterad"}) {
            assertThat(shown.get(column)).as(column).isNotNull();
            String value = String.valueOf(shown.get(column));
            queries.add(new Dataset.Query(Map.of(column, value), "id", false, 1, 100));
            queries.add(new Dataset.Query(Map.of(column, value, "kategori", "lekplats"), "anmald", true, 1, 100));
            queries.add(new Dataset.Query(Map.of(column, ""), null, false, 1, 100));
            queries.add(new Dataset.Query(Map.of(column, value + "x"), null, false, 1, 100));
        }
        queries.add(new Dataset.Query(Map.of("omrade", "Vargön"), "omrade", false, 1, 100));
        queries.add(new Dataset.Query(Map.of("omrade", "nedlagt-omrade"), null, false, 1, 100));
        queries.add(new Dataset.Query(Map.of("omrade", "vargon"), null, false, 1, 100));
        queries.add(new Dataset.Query(Map.of("kategorinamn", "Lekplats"), "statusnamn", true, 1, 100));
        queries.add(new Dataset.Query(Map.of("kategorinamn", "lekplats"), null, false, 1, 100));
        queries.add(new Dataset.Query(Map.of("statusnamn", "Åtgärdad"), "kategorinamn", false, 1, 100));
        queries.add(new Dataset.Query(Map.of("anmald", "2026-13-01T00:00:00+01:00"), null, false, 1, 100));
        for (var query : queries) {
            transactions.read(tenant, () -> {
                var inDatabase = reports.query(query);
                var overStream = stream.query(query);
                assertThat(inDatabase.total()).as("total of %s", query).isEqualTo(overStream.total());
                assertThat(inDatabase.rows()).as("rows of %s", query).isEqualTo(overStream.rows());
                return null;
            });
        }
        // and the database goes as deep as asked
        assertThat(reports.sortWindow(new Dataset.Query(Map.of(), "anmald", false, 1, 10)))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(reports.sortWindow(new Dataset.Query(Map.of(), "kategorinamn", false, 1, 10)))
                .isEqualTo(Long.MAX_VALUE);
    }
}
