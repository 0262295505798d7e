package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import se.samla.platform.DatabaseOutageAnswer;
import tools.jackson.databind.json.JsonMapper;

/** The case API's answer while the database is away: the same problem details as its other refusals. */
@Component
class ApiOutageProblem implements DatabaseOutageAnswer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public boolean answers(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, String basePath, String path)
            throws IOException {
        ProblemDetail problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now; try again after the time in Retry-After", List.of()).body();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
