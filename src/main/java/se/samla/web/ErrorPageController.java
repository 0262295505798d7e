package se.samla.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import se.samla.platform.RequestIdFilter;

/** Error pages that say what happened in plain words and give the request id to quote to support. */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        response.setStatus(code);
        model.addAttribute("status", code);
        model.addAttribute("kind", switch (code) {
            case 400 -> "bad-request";
            case 401, 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "not-allowed";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 429 -> "too-many";
            default -> "server";
        });
        model.addAttribute("requestId", response.getHeader(RequestIdFilter.HEADER));
        // set by whatever refused the request for being too frequent, so the page can say how long to wait
        String retryAfter = code == 429 ? response.getHeader(HttpHeaders.RETRY_AFTER) : null;
        model.addAttribute("retryAfter", retryAfter != null && retryAfter.matches("\\d{1,9}") ? retryAfter : null);
        return "web/error";
    }
}
