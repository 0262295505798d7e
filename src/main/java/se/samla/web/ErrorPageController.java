package se.samla.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import se.samla.platform.ChannelErrorAnswer;
import se.samla.platform.ChannelErrors;
import se.samla.platform.RequestIdFilter;

/**
 * Errors that no controller answered (a refused upload, a wrong content type, a page that is not there): in
 * plain words with the request id for a person, and in their own format for an API or Open311 client
 * (problem details, GeoReport v2's error list), never Tomcat's own page.
 */
@Controller
class ErrorPageController implements ErrorController {

    /** Request attribute: what exactly was wrong, for a client that reads it (API and Open311). */
    static final String DETAIL = "se.samla.web.errorDetail";

    private final ChannelErrors errors;

    ErrorPageController(ChannelErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        String kind = kind(code);
        if (!errors.isPage(request)) {
            errors.write(
                    request, response, new ChannelErrorAnswer.Refusal(code, kind, detail(request, code)), Map.of());
            return null;
        }
        response.setStatus(code);
        model.addAttribute("status", code);
        model.addAttribute("kind", kind);
        model.addAttribute("requestId", response.getHeader(RequestIdFilter.HEADER));
        model.addAttribute("retryAfter", retryAfter(response));
        return "web/error";
    }

    /** Set by whatever refused the request for being too frequent or the database away, so the page can say how long to wait. */
    static String retryAfter(HttpServletResponse response) {
        String retryAfter = response.getHeader(HttpHeaders.RETRY_AFTER);
        return retryAfter != null && retryAfter.matches("\\d{1,9}") ? retryAfter : null;
    }

    static String kind(int code) {
        return switch (code) {
            case 400 -> "bad-request";
            case 401, 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "not-allowed";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 415 -> "unsupported";
            case 429 -> "too-many";
            case 503 -> "unavailable";
            default -> "server";
        };
    }

    private static String detail(HttpServletRequest request, int code) {
        if (request.getAttribute(DETAIL) instanceof String detail) {
            return detail;
        }
        HttpStatus known = HttpStatus.resolve(code);
        return known == null ? "Error " + code : known.getReasonPhrase();
    }
}
