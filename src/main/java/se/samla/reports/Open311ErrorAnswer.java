package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import se.samla.platform.ChannelErrorAnswer;
import tools.jackson.databind.json.JsonMapper;

/** Open311's refusals from outside its controller: GeoReport v2's error list, in the format the path asks for. */
@Component
@Order(0)
class Open311ErrorAnswer implements ChannelErrorAnswer {

    private final JsonMapper jsonMapper;

    Open311ErrorAnswer(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public boolean answers(String path) {
        return path.startsWith("/open311/");
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, String basePath, String path,
            Refusal refusal) throws IOException {
        Open311Format format = Open311Format.of(path.endsWith(".json") ? "json" : "xml");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", refusal.status());
        error.put("description", refusal.detail());
        response.setContentType(format.mediaType.toString());
        response.getOutputStream().write(format.write("errors", List.of(error), jsonMapper).getBytes(StandardCharsets.UTF_8));
    }
}
