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

/**
 * Dataset downloads at stable URLs (/datasets/{dataset}.{csv,json,geojson}), for anyone and any web page:
 * CORS is open, and ETag and Last-Modified let clients and the national portal fetch only what changed.
 */
@Controller
class DatasetController {

    private final DatasetDownloads downloads;

    DatasetController(DatasetDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/datasets/{file}")
    void download(@PathVariable String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int dot = file.lastIndexOf('.');
        String dataset = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "" : file.substring(dot + 1);
        var download =
                downloads.find(dataset, format).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        var fresh = download.freshness();
        String etag = "\"" + dataset + "-" + format + "-" + fresh.version() + "\"";
        if (new ServletWebRequest(request, response)
                .checkNotModified(etag, fresh.lastModified().toEpochMilli())) {
            return;
        }
        response.setContentType(download.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        downloads.write(download, response.getOutputStream());
    }
}
