package se.samla.web;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import se.samla.platform.ChannelErrorAnswer;
import se.samla.platform.RequestIdFilter;
import se.samla.tenancy.Tenant;

/**
 * The page a visitor gets when a request is refused before any controller ran (the database away, a broken
 * form post): the usual error page, in their language. It is rendered outside Spring MVC, from what the
 * request itself carries, so it needs nothing from the database and reads no parameter but ?lang. Every path
 * that no other channel claims is a page.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPageAnswer implements ChannelErrorAnswer {

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final LocaleResolver locales;

    ErrorPageAnswer(TemplateEngine templates, MessageSource messages, LocaleResolver locales) {
        this.templates = templates;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    public boolean answers(String path) {
        return true;
    }

    @Override
    public boolean isPage() {
        return true;
    }

    @Override
    public void write(
            HttpServletRequest request, HttpServletResponse response, String basePath, String path, Refusal refusal)
            throws IOException {
        // the installation's own context path: MVC may see the tenant prefix as part of the request's
        String root = request.getServletContext().getContextPath();
        Page page = new Page(
                new Messages(messages, locale(request)),
                (Tenant) request.getAttribute(Tenant.class.getName()),
                null,
                null,
                root + basePath,
                root,
                path);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page);
        model.put("status", refusal.status());
        model.put("kind", refusal.kind());
        model.put("requestId", response.getHeader(RequestIdFilter.HEADER));
        model.put("retryAfter", ErrorPageController.retryAfter(response));
        StringOutput html = new StringOutput();
        templates.render("web/error.jte", model, html);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * ?lang= as the language switch gives it (the MVC interceptor that reads it has not run), else the cookie.
     * The query string is read as it is: a body that cannot be parsed must not be parsed again here.
     */
    private Locale locale(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && (query.contains("lang=en") || query.contains("lang=sv"))) {
            return query.contains("lang=en") ? Locale.ENGLISH : WebConfiguration.SWEDISH;
        }
        Locale remembered = locales.resolveLocale(request);
        return "en".equals(remembered.getLanguage()) ? Locale.ENGLISH : WebConfiguration.SWEDISH;
    }
}
