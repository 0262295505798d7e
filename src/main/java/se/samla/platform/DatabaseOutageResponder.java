package se.samla.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a failure to reach the database into the channel's 503. It is asked in two places: by Spring MVC
 * first (as the first exception resolver), because MVC takes a database connection that breaks with
 * "Broken pipe" for a visitor who went away and answers an empty 200; and by {@link DatabaseOutageFilter}
 * for what filters throw and what MVC passes on.
 */
class DatabaseOutageResponder implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageResponder.class);
    /** Request attribute: when the request came in, so a request from an outage that ended starts no new one. */
    static final String STARTED = DatabaseOutageResponder.class.getName() + ".started";
    /** A tenant's path prefix on a single-host installation (see the README's "Tenants"). */
    private static final Pattern TENANT_PREFIX = Pattern.compile("^(/t/[a-z0-9-]{2,40})(/.*)?$");

    private final DatabaseAvailability availability;
    private final List<DatabaseOutageAnswer> answers;

    DatabaseOutageResponder(DatabaseAvailability availability, List<DatabaseOutageAnswer> answers) {
        this.availability = availability;
        this.answers = answers;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        try {
            return handle(failure, request, response) ? new ModelAndView() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return whether the failure was one of reaching the database, and is answered (or, with the response
     *         already committed, can no longer be)
     */
    boolean handle(Throwable failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant started = request.getAttribute(STARTED) instanceof Instant i ? i : Instant.now();
        if (!availability.failed(failure, started)) {
            return false;
        }
        if (!response.isCommitted()) {
            answer(request, response);
        }
        return true;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseAvailability.RETRY_AFTER.toSeconds()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (requestId != null) {
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        // MVC may see the request with the tenant prefix moved into the context path: work from the root
        String uri = request.getRequestURI();
        String root = request.getServletContext().getContextPath();
        String path = uri.startsWith(root) ? uri.substring(root.length()) : uri;
        String basePath = "";
        Matcher tenant = TENANT_PREFIX.matcher(path);
        if (tenant.matches()) {
            basePath = tenant.group(1);
            path = tenant.group(2) == null ? "/" : tenant.group(2);
        }
        for (DatabaseOutageAnswer answer : answers) {
            if (answer.answers(path)) {
                try {
                    answer.write(request, response, basePath, path);
                    return;
                } catch (RuntimeException e) {
                    // the plain answer below still tells the client to come back
                    log.warn("Could not write the outage answer for {}: {}", path, e.toString());
                    response.resetBuffer();
                    break;
                }
            }
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("503 Service Unavailable: the database cannot be reached; try again shortly.\n"
                .getBytes(StandardCharsets.UTF_8));
    }
}
