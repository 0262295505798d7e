package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.samla.platform.DatabaseOutageAnswer;

/** Open311's answer while the database is away: GeoReport v2's error list, in the format the path asks for. */
@Component
class Open311Outage implements DatabaseOutageAnswer {

    @Override
    public boolean answers(String path) {
        return path.startsWith("/open311/");
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, String basePath, String path)
            throws IOException {
        Open311Format format = Open311Format.of(path.endsWith(".json") ? "json" : "xml");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        error.put("description", "service unavailable: the database cannot be reached; try again later");
        response.setContentType(format.mediaType.toString());
        response.getOutputStream().write(format.write("errors", List.of(error)).getBytes(StandardCharsets.UTF_8));
    }
}
