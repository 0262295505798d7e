package se.samla.opendata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The DCAT-AP-SE catalogue at /datasets/dcat (RDF/XML, which the national portal harvests; Turtle and
 * JSON-LD by content negotiation), and each dataset's query API.
 */
@Controller
class CatalogueController {

    private final DatasetQueries queries;

    CatalogueController(DatasetQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/datasets/dcat")
    void catalogue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort())
                + request.getContextPath();
        var model = queries.catalogue(base);
        String accept = String.valueOf(request.getHeader("Accept"));
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Vary", "Accept");
        if (accept.contains("text/turtle")) {
            response.setContentType("text/turtle;charset=UTF-8");
            RDFDataMgr.write(response.getOutputStream(), model, RDFFormat.TURTLE_PRETTY);
        } else if (accept.contains("application/ld+json")) {
            response.setContentType("application/ld+json");
            RDFDataMgr.write(response.getOutputStream(), model, RDFFormat.JSONLD);
        } else {
            response.setContentType("application/rdf+xml;charset=UTF-8");
            RDFDataMgr.write(response.getOutputStream(), model, Lang.RDFXML);
        }
    }

    /**
     * A dataset's rows, filtered by column (?column=value), sorted (?sortera=column or -column), in pages
     * (?sida, ?per_sida up to 1000), with the total count of matching rows.
     */
    @GetMapping(value = "/datasets/{id}/api", produces = "application/json")
    ResponseEntity<Map<String, Object>> query(
            @PathVariable String id, @RequestParam MultiValueMap<String, String> params) {
        var answer = queries.query(id, params).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (answer instanceof DatasetQueries.Invalid invalid) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "title",
                            "Invalid query",
                            "status",
                            400,
                            "errors",
                            List.of(Map.of("field", invalid.field(), "reason", invalid.reason()))));
        }
        var rows = (DatasetQueries.Rows) answer;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalt", rows.total());
        body.put("sida", rows.page());
        body.put("per_sida", rows.size());
        body.put("rader", rows.rows());
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body(body);
    }

    /** What the query API takes and gives, for the catalogue's endpoint description. */
    @GetMapping(value = "/datasets/{id}/api/beskrivning", produces = "application/json")
    ResponseEntity<Map<String, Object>> describe(@PathVariable String id) {
        var columns = queries.columns(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kolumner", columns);
        description.put(
                "parametrar",
                Map.of(
                        "<kolumn>",
                        "bara rader där kolumnen har värdet",
                        "sortera",
                        "kolumn att sortera efter, med - före för fallande",
                        "sida",
                        "sidnummer från 1",
                        "per_sida",
                        "rader per sida, högst " + DatasetQueries.MAX_PAGE));
        description.put("svar", Map.of("totalt", "antal rader som matchar", "rader", "sidans rader"));
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body(description);
    }
}
