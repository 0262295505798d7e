package se.samla.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;
import se.samla.platform.RequestIdFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that no controller answered (a refused upload, a broken request, a page that is not there): in
 * plain words with the request id for a person, as problem details for an API client, and as GeoReport
 * v2's error list for an Open311 client.
 */
@Controller
class ErrorPageController implements ErrorController {

    /** Request attribute: what exactly was wrong, for a client that reads it (API and Open311). */
    static final String DETAIL = "se.samla.web.errorDetail";

    private final JsonMapper json;

    ErrorPageController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        response.setStatus(code);
        switch (Channel.of(request)) {
            case API -> {
                writeProblem(response, code, detail(request, code));
                return null;
            }
            case OPEN311 -> {
                writeOpen311(request, response, code, detail(request, code));
                return null;
            }
            case PAGE -> {
                // a page of its own below
            }
        }
        model.addAttribute("status", code);
        model.addAttribute("kind", switch (code) {
            case 400 -> "bad-request";
            case 401, 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "not-allowed";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 415 -> "unsupported";
            default -> "server";
        });
        model.addAttribute("requestId", response.getHeader(RequestIdFilter.HEADER));
        return "web/error";
    }

    private static String detail(HttpServletRequest request, int code) {
        if (request.getAttribute(DETAIL) instanceof String detail) {
            return detail;
        }
        HttpStatus known = HttpStatus.resolve(code);
        return known == null ? "Error " + code : known.getReasonPhrase();
    }

    private void writeProblem(HttpServletResponse response, int code, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code), detail);
        problem.setType(URI.create("https://samla.se/problems/" + code));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** GeoReport v2's error list, in the format the path asks for. */
    private void writeOpen311(HttpServletRequest request, HttpServletResponse response, int code, String detail)
            throws IOException {
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (Channel.wantsJson(request)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(
                    java.util.List.of(java.util.Map.of("code", code, "description", detail))));
        } else {
            response.setContentType(MediaType.TEXT_XML_VALUE);
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + code
                    + "</code><description>" + HtmlUtils.htmlEscape(detail) + "</description></error></errors>");
        }
    }
}
