package se.samla.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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

    /** Request attribute: when the request came in, so a request from an outage that ended starts no new one. */
    static final String STARTED = DatabaseOutageResponder.class.getName() + ".started";

    private final DatabaseAvailability availability;
    private final ChannelErrors errors;
    private final Clock clock;

    DatabaseOutageResponder(DatabaseAvailability availability, ChannelErrors errors, Clock clock) {
        this.availability = availability;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
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
        Instant started = request.getAttribute(STARTED) instanceof Instant i ? i : clock.instant();
        if (!availability.failed(failure, started)) {
            return false;
        }
        if (response.isCommitted()) {
            // half a download must not end as if it were whole (and be cached so): the failure goes on, and the
            // connection is cut
            return false;
        }
        answer(request, response);
        return true;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(
                request,
                response,
                new ChannelErrorAnswer.Refusal(
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "unavailable",
                        "The database cannot be reached right now; try again after the time in Retry-After"),
                Map.of(
                        HttpHeaders.RETRY_AFTER,
                        String.valueOf(DatabaseAvailability.RETRY_AFTER.toSeconds()),
                        HttpHeaders.CACHE_CONTROL,
                        "no-store"));
    }
}
