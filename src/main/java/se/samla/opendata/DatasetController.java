package se.samla.opendata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dataset downloads at stable URLs (/datasets/{dataset}.{csv,json,geojson}), for anyone and any web page:
 * CORS is open, and ETag and Last-Modified let clients and the national portal fetch only what changed.
 */
@Controller
class DatasetController {

    private final PublishedDatasets datasets;
    private final TenantTransactions transactions;
    private final JsonMapper jsonMapper;

    DatasetController(PublishedDatasets datasets, TenantTransactions transactions, JsonMapper jsonMapper) {
        this.datasets = datasets;
        this.transactions = transactions;
        this.jsonMapper = jsonMapper;
    }

    @GetMapping("/datasets/{file}")
    void download(@PathVariable String file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        int dot = file.lastIndexOf('.');
        String dataset = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "" : file.substring(dot + 1);
        Dataset data = datasets.published(dataset).orElse(null);
        if (data == null || ("geojson".equals(format) && !data.located())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String type = switch (format) {
            case "csv" -> "text/csv;charset=UTF-8;header=present";
            case "json" -> "application/json";
            case "geojson" -> "application/geo+json";
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        Dataset.Freshness fresh = transactions.read(CurrentTenant.require(), data::freshness);
        String etag = "\"" + dataset + "-" + format + "-" + fresh.version() + "\"";
        if (new ServletWebRequest(request, response).checkNotModified(etag, fresh.lastModified().toEpochMilli())) {
            return;
        }
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        var out = response.getOutputStream();
        transactions.read(CurrentTenant.require(), () -> {
            try {
                switch (format) {
                    case "csv" -> data.csv(out);
                    case "json" -> data.json(out, jsonMapper);
                    default -> data.geojson(out, jsonMapper);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }
}
