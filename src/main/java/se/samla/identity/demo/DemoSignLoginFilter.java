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
 * prompt=login for signatures: a sign request is answered only after a login made for that very request, never on
 * an earlier login kept in the provider's session. Anything else passes untouched.
 */
final class DemoSignLoginFilter extends OncePerRequestFilter {

    private final HttpSessionSecurityContextRepository contexts;

    DemoSignLoginFilter(HttpSessionSecurityContextRepository contexts) {
        this.contexts = contexts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(DemoEndpoints.AUTHORIZE) || request.getParameter(DemoSigning.SIGN_REQUEST) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fresh = DemoSigning.freshLogin(request.getParameter(DemoSigning.SIGN_REQUEST));
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean loggedInForThis =
                current != null && current.getAuthorities().stream().anyMatch(a -> fresh.equals(a.getAuthority()));
        if (!loggedInForThis && current != null) {
            var empty = SecurityContextHolder.createEmptyContext();
            SecurityContextHolder.setContext(empty);
            contexts.saveContext(empty, request, response);
        }
        chain.doFilter(request, response);
    }
}
