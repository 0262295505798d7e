package se.samla.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samla.identity.CurrentUser;
import se.samla.platform.RateLimiter;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Limits how often one client address may send the public forms that need no login: problem reports and
 * "I see it too" / unfollow on a report, requests for public documents, and e-service forms sent by someone
 * not logged in. One bucket per address and tenant covers them all. A refused request is answered 429 with
 * Retry-After before any controller runs, so nothing of it is stored. (Open311 is limited by its controller,
 * which knows the jurisdiction and api key and answers in GeoReport's own format.)
 */
class AnonymousWriteLimitFilter extends OncePerRequestFilter {

    /** Paths within the tenant; a /t/{slug} prefix is the request's context path by now. */
    private static final Pattern ALWAYS_LIMITED = Pattern.compile("/felanmalan/.+|/diarium/begar/[^/]+");

    private static final Pattern LIMITED_WITHOUT_LOGIN = Pattern.compile("/e-tjanster/[^/]+/formular");

    private final RateLimiter limiter;
    private final Tenants tenants;

    AnonymousWriteLimitFilter(RateLimiter limiter, Tenants tenants) {
        this.limiter = limiter;
        this.tenants = tenants;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || CurrentTenant.get().isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String path =
                uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        boolean limited = ALWAYS_LIMITED.matcher(path).matches()
                // logged-in residents are known, and answer for what they send
                || (LIMITED_WITHOUT_LOGIN.matcher(path).matches()
                        && CurrentUser.get().isEmpty());
        String address = request.getRemoteAddr();
        if (limited && !limiter.exempt(address)) {
            Tenant tenant = tenants.byId(CurrentTenant.require()).orElseThrow();
            var verdict = limiter.consume(
                    tenant.id(), "write:ip:" + address, tenant.writeLimits().anonymousWrites());
            if (!verdict.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
                // the error page says it in the visitor's language (ErrorPageController)
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /**
         * After tenant resolution and after Spring Security (order -100), so that the tenant and the logged-in
         * user are known, and so that a post without a valid CSRF token is turned away without using a token.
         */
        @Bean
        FilterRegistrationBean<AnonymousWriteLimitFilter> anonymousWriteLimitFilter(
                RateLimiter limiter, Tenants tenants) {
            var registration = new FilterRegistrationBean<>(new AnonymousWriteLimitFilter(limiter, tenants));
            registration.setOrder(-90);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            return registration;
        }
    }
}
