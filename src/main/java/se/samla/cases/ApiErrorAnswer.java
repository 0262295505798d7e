package se.samla.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import se.samla.platform.ChannelErrorAnswer;
import tools.jackson.databind.json.JsonMapper;

/** The case API's refusals from outside its controller: the same problem details as its other refusals. */
@Component
@Order(0)
class ApiErrorAnswer implements ChannelErrorAnswer {

    private final JsonMapper json;

    ApiErrorAnswer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean answers(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public void write(
            HttpServletRequest request, HttpServletResponse response, String basePath, String path, Refusal refusal)
            throws IOException {
        HttpStatus status = HttpStatus.resolve(refusal.status());
        ProblemDetail problem =
                new ApiProblem(status == null ? HttpStatus.BAD_REQUEST : status, refusal.detail(), List.of()).body();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", refusal.status());
        body.put("detail", problem.getDetail());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
