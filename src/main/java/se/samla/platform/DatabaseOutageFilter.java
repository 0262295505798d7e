package se.samla.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 in the request's own channel when the database cannot be reached. It runs outside every
 * filter that touches the database (the session, security), so it also catches what they throw, and
 * what the DispatcherServlet rethrows. Without it Tomcat would log each such request with a full stack
 * trace and show a generic 500.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

    private final DatabaseOutageResponder responder;
    private final Clock clock;

    DatabaseOutageFilter(DatabaseOutageResponder responder, Clock clock) {
        this.responder = responder;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(DatabaseOutageResponder.STARTED, clock.instant());
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!responder.handle(e, request, response)) {
                throw e;
            }
        }
    }
}
