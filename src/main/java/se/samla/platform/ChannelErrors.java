package se.samla.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes a refusal in the request's own channel: the first {@link ChannelErrorAnswer} that answers the
 * request's path writes it. Used where no controller can answer (filters, error dispatches), so every
 * channel gets its own format from one place.
 */
@Component
public class ChannelErrors {

    private static final Logger log = LoggerFactory.getLogger(ChannelErrors.class);
    /** A tenant's path prefix on a single-host installation (see the README's "Tenants"). */
    private static final Pattern TENANT_PREFIX = Pattern.compile("^(/t/[a-z0-9-]{2,40})(/.*)?$");

    private final ObjectProvider<ChannelErrorAnswer> answers;

    ChannelErrors(ObjectProvider<ChannelErrorAnswer> answers) {
        this.answers = answers;
    }

    /** Whether the request is a person's browser's, whose errors are pages. */
    public boolean isPage(HttpServletRequest request) {
        Where where = where(request);
        return answerFor(where.path()).map(ChannelErrorAnswer::isPage).orElse(true);
    }

    /**
     * Replaces whatever the response held with the refusal, keeping the request id, and adds the headers.
     * A response already committed is left as it is.
     */
    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ChannelErrorAnswer.Refusal refusal,
            Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        response.reset();
        response.setStatus(refusal.status());
        // the reset took whatever security headers were set already; an error page keeps the strict ones
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        headers.forEach(response::setHeader);
        if (requestId != null) {
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        Where where = where(request);
        var answer = answerFor(where.path());
        if (answer.isPresent()) {
            try {
                answer.get().write(request, response, where.basePath(), where.path(), refusal);
                return;
            } catch (RuntimeException e) {
                // the plain answer below still says what happened
                log.warn("Could not write the {} answer for {}: {}", refusal.status(), where.path(), e.toString());
                response.resetBuffer();
            }
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream()
                .write((refusal.status() + ": " + refusal.detail() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private java.util.Optional<ChannelErrorAnswer> answerFor(String path) {
        List<ChannelErrorAnswer> all = answers.orderedStream().toList();
        return all.stream().filter(a -> a.answers(path)).findFirst();
    }

    private record Where(String basePath, String path) {}

    /** The path the client asked for (also on an error dispatch), split into the tenant's prefix and the rest. */
    private static Where where(HttpServletRequest request) {
        String root = request.getServletContext().getContextPath();
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                ? original
                : request.getRequestURI();
        String path = uri.startsWith(root) ? uri.substring(root.length()) : uri;
        Matcher tenant = TENANT_PREFIX.matcher(path);
        if (tenant.matches()) {
            return new Where(tenant.group(1), tenant.group(2) == null ? "/" : tenant.group(2));
        }
        return new Where("", path);
    }
}
