package se.samla.opendata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
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
import se.samla.platform.TenantTransactions;
import se.samla.reports.PublicMaps;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/**
 * The DCAT-AP-SE catalogue at /datasets/dcat (RDF/XML, which the national portal harvests; Turtle and
 * JSON-LD by content negotiation), and each dataset's query API.
 */
@Controller
class CatalogueController {

    static final int MAX_PAGE = 1000;

    private final PublishedDatasets datasets;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final PublicMaps maps;
    private final Clock clock;

    CatalogueController(PublishedDatasets datasets, TenantTransactions transactions, Tenants tenants,
            PublicMaps maps, Clock clock) {
        this.datasets = datasets;
        this.transactions = transactions;
        this.tenants = tenants;
        this.maps = maps;
        this.clock = clock;
    }

    @GetMapping("/datasets/dcat")
    void catalogue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort())
                + request.getContextPath();
        var descriptions = transactions.read(CurrentTenant.require(),
                () -> datasets.published().stream().map(Dataset::describe).toList());
        var map = maps.of(null);
        var model = DcatCatalogue.build(base, tenant, tenant.contact().email(), tenant.contact().homepage(),
                new DcatCatalogue.Centre(map.latitude(), map.longitude()), descriptions, clock);
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
    ResponseEntity<Map<String, Object>> query(@PathVariable String id, @RequestParam MultiValueMap<String, String> params) {
        Dataset data = datasets.published(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Integer page = number(params.getFirst("sida"), 1);
        Integer size = number(params.getFirst("per_sida"), 100);
        if (page == null) {
            return bad("sida", "a whole number from 1");
        }
        if (size == null) {
            return bad("per_sida", "a whole number from 1 to " + MAX_PAGE);
        }
        if (size > MAX_PAGE) {
            return bad("per_sida", "at most " + MAX_PAGE);
        }
        String sort = params.getFirst("sortera");
        String sortColumn = sort == null || sort.isBlank() ? null : sort.startsWith("-") ? sort.substring(1) : sort;
        if (sortColumn != null && !data.columns().contains(sortColumn)) {
            return bad("sortera", "no column " + sortColumn + "; the columns are " + data.columns());
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            if (List.of("sida", "per_sida", "sortera").contains(e.getKey())) {
                continue;
            }
            if (!data.columns().contains(e.getKey())) {
                return bad(e.getKey(), "no such column; the columns are " + data.columns());
            }
            filters.put(e.getKey(), e.getValue().get(0));
        }
        var query = new Dataset.Query(filters, sortColumn, sort != null && sort.startsWith("-"), page, size);
        if (sortColumn != null && query.skip() + size > data.sortWindow(query)) {
            return bad("sida", "sorted, only the first " + data.sortWindow(query) + " matching rows can be paged; filter to narrow");
        }
        Dataset.Page found = transactions.read(CurrentTenant.require(), () -> data.query(query));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("totalt", found.total());
        answer.put("sida", page);
        answer.put("per_sida", size);
        answer.put("rader", found.rows());
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body(answer);
    }

    /** What the query API takes and gives, for the catalogue's endpoint description. */
    @GetMapping(value = "/datasets/{id}/api/beskrivning", produces = "application/json")
    ResponseEntity<Map<String, Object>> describe(@PathVariable String id) {
        Dataset data = datasets.published(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kolumner", data.columns());
        description.put("parametrar", Map.of("<kolumn>", "bara rader där kolumnen har värdet", "sortera",
                "kolumn att sortera efter, med - före för fallande", "sida", "sidnummer från 1", "per_sida",
                "rader per sida, högst " + MAX_PAGE));
        description.put("svar", Map.of("totalt", "antal rader som matchar", "rader", "sidans rader"));
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body(description);
    }

    /** The number given, what applies when none is, or null when what is given is not a whole number from 1. */
    private static Integer number(String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n < 1 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> bad(String field, String reason) {
        return ResponseEntity.badRequest().body(Map.of("title", "Invalid query", "status", 400,
                "errors", List.of(Map.of("field", field, "reason", reason))));
    }
}
