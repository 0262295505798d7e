package se.samla.identity.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Single sign-on only within what a client may be given: an identity kept in the provider's session from a login
 * at one municipality is not handed to a client it could not have chosen there (a Vänersborg case officer to
 * Trollhättan's staff login). The login page is shown instead. A federation's staff pass through every member.
 */
final class DemoClientIdentityFilter extends OncePerRequestFilter {

    private final HttpSessionSecurityContextRepository contexts;
    private final DemoIdentities identities;

    DemoClientIdentityFilter(HttpSessionSecurityContextRepository contexts, DemoIdentities identities) {
        this.contexts = contexts;
        this.identities = identities;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(DemoEndpoints.AUTHORIZE) || request.getParameter("client_id") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null
                && identities.forClient(request.getParameter("client_id")).stream()
                        .noneMatch(i -> i.id().equals(current.getName()))) {
            var empty = SecurityContextHolder.createEmptyContext();
            SecurityContextHolder.setContext(empty);
            contexts.saveContext(empty, request, response);
        }
        chain.doFilter(request, response);
    }
}
