package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.SamlaIntegrationTest;

/** The DCAT-AP-SE catalogue, checked with Apache Jena's SHACL engine against the DCAT-AP 3.0.1 shapes. */
class DcatCatalogueIT extends SamlaIntegrationTest {

    RequestPostProcessor host = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };

    private Model catalogue(String accept, Lang lang) throws Exception {
        byte[] body = mvc.perform(get("/datasets/dcat").with(host).header("Accept", accept))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Model model = ModelFactory.createDefaultModel();
        RDFDataMgr.read(model, new ByteArrayInputStream(body), lang);
        return model;
    }

    private static Shapes shapes(String... files) {
        Graph graph = ModelFactory.createDefaultModel().getGraph();
        for (String file : files) {
            RDFDataMgr.read(graph, DcatCatalogueIT.class.getResourceAsStream("/dcat-ap-3.0.1/" + file), Lang.TURTLE);
        }
        return Shapes.parse(graph);
    }

    private static String describe(ValidationReport report, Severity severity) {
        return report.getEntries().stream()
                .filter(e -> severity == null || e.severity().equals(severity))
                .map(e -> e.focusNode() + " " + e.resultPath() + ": " + e.message())
                .collect(Collectors.joining("\n"));
    }

    /** An uploaded dataset of areas (polygons), under CC BY and with its own contact, so the catalogue has one of each kind. */
    private void uploadAreas() throws Exception {
        var admin = logins().staff(
                        tenants.bySlug("vanersborg").orElseThrow(),
                        "ada",
                        "Ada Administratör",
                        List.of("administrator:KSF-DIGIT"),
                        "intern");
        String areas = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"namn": "Centrum", "invanare": 5200},
                  "geometry": {"type": "Polygon", "coordinates": [[[12.31, 58.37], [12.33, 58.37], [12.33, 58.39], [12.31, 58.37]]]}}]}
                """;
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                                        "/admin/oppna-data/ny")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file",
                                        "omraden.geojson",
                                        "application/geo+json",
                                        areas.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .param("title", "Stadsdelar")
                                .param("description", "Stadsdelarnas gränser och antal invånare.")
                                .param("keywords", "stadsdelar, områden")
                                .param("theme", "REGI")
                                .param("licence", "CC_BY_4")
                                .param("contactName", "Samhällsbyggnadsförvaltningen")
                                .param("contactEmail", "sbf@example.org")
                                .param("periodStart", "2025-01-01")
                                .param("periodEnd", "2025-12-31")
                                .with(host)
                                .with(admin.processor())
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theCatalogueHasNoViolationsAndEveryRecommendedProperty() throws Exception {
        uploadAreas();
        Model model = catalogue("application/rdf+xml", Lang.RDFXML);
        assertThat(model.listSubjectsWithProperty(
                                org.apache.jena.vocabulary.DCTerms.title, model.createLiteral("Stadsdelar", "sv"))
                        .toList())
                .hasSize(1);
        Graph data = model.getGraph();

        ValidationReport core = ShaclValidator.get().validate(shapes("shapes.ttl", "range.ttl"), data);
        assertThat(describe(core, Severity.Violation))
                .as("shapes.ttl and range.ttl")
                .isEmpty();
        ValidationReport vocabularies = ShaclValidator.get().validate(shapes("mdr-vocabularies.shape.ttl"), data);
        assertThat(describe(vocabularies, Severity.Violation))
                .as("mdr-vocabularies.shape.ttl")
                .isEmpty();
        ValidationReport recommended = ShaclValidator.get().validate(shapes("shapes_recommended.ttl"), data);
        assertThat(describe(recommended, null)).as("shapes_recommended.ttl").isEmpty();

        // no blank nodes for what the portal needs to tell apart, and absolute IRIs throughout
        for (var type : List.of(DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService)) {
            model.listSubjectsWithProperty(RDF.type, type).forEach(r -> {
                assertThat(r.isURIResource()).as(type + " " + r).isTrue();
                assertThat(r.getURI()).startsWith("http://vanersborg.localhost");
            });
        }
        assertThat(model.listObjectsOfProperty(org.apache.jena.vocabulary.DCTerms.publisher)
                        .toList())
                .allMatch(p -> p.isURIResource()
                        && p.asResource().getURI().equals("http://dataportal.se/organisation/SE2120001439"));
        assertThat(model.listObjectsOfProperty(DCAT.contactPoint).toList()).allMatch(p -> p.isURIResource());
        assertThat(model.listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList())
                .hasSizeGreaterThanOrEqualTo(2);

        // the same catalogue in Turtle and JSON-LD
        assertThat(catalogue("text/turtle", Lang.TURTLE).isIsomorphicWith(model))
                .isTrue();
        assertThat(catalogue("application/ld+json", Lang.JSONLD).isIsomorphicWith(model))
                .isTrue();
    }

    @Test
    void eachMunicipalitysCatalogueCoversItsOwnArea() throws Exception {
        String vanersborg = mvc.perform(get("/datasets/dcat").with(host).header("Accept", "text/turtle"))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String trollhattan = mvc.perform(get("/datasets/dcat")
                        .with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        })
                        .header("Accept", "text/turtle"))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(vanersborg).contains("POINT(12.3234 58.3807)").contains("Vänersborgs kommun");
        assertThat(trollhattan)
                .contains("POINT(12.2886 58.2837)")
                .doesNotContain("POINT(12.3234 58.3807)")
                .doesNotContain("Vänersborgs kommun")
                .contains("http://dataportal.se/organisation/SE2120001546")
                .contains("mailto:trollhattans.stad@trollhattan.se")
                .contains("https://www.trollhattan.se/");
    }

    @Test
    void theQueryApiFiltersSortsPagesAndCounts() throws Exception {
        var answer = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/datasets/arendestatistik/api")
                                .with(host)
                                .param("per_sida", "2")
                                .param("sortera", "-manad"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(answer.get("rader").size()).isLessThanOrEqualTo(2);
        assertThat(answer.has("totalt")).isTrue();
        mvc.perform(get("/datasets/arendestatistik/api").with(host).param("personnummer", "x"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/datasets/arendestatistik/api").with(host).param("sortera", "hemligt"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/datasets/arendestatistik/api").with(host).param("per_sida", "5000"))
                .andExpect(status().isBadRequest());
        var wrongPage = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(mvc.perform(
                                get("/datasets/arendestatistik/api").with(host).param("sida", "första"))
                        .andExpect(status().isBadRequest())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(wrongPage.get("errors").get(0).get("field").asString()).isEqualTo("sida");
        // a built-in dataset that sorts while it streams goes only so deep
        mvc.perform(get("/datasets/diarium/api")
                        .with(host)
                        .param("sortera", "diarienummer")
                        .param("sida", "11")
                        .param("per_sida", "1000"))
                .andExpect(status().isBadRequest());
        // the problem reports sort in the database, by names too, as deep as asked
        mvc.perform(get("/datasets/felanmalningar/api")
                        .with(host)
                        .param("sortera", "kategorinamn")
                        .param("sida", "11")
                        .param("per_sida", "1000"))
                .andExpect(status().isOk());
        mvc.perform(get("/datasets/okand/api").with(host)).andExpect(status().isNotFound());
        mvc.perform(get("/datasets/felanmalningar/api/beskrivning").with(host)).andExpect(status().isOk());
    }
}
