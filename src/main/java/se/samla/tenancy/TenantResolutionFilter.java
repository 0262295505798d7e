package se.samla.tenancy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samla.shared.CurrentTenant;

/**
 * Decides which municipality a request is for: by its host name, or on a platform host by the path
 * prefix /t/{slug}. Under a prefix the request is shown to the rest of the application with the prefix
 * as its context path, so links, redirects and session cookies stay inside that tenant without any
 * page knowing about it. Requests for no known tenant get the "unknown municipality" page.
 */
class TenantResolutionFilter extends OncePerRequestFilter {

    static final String UNKNOWN_TENANT_PATH = "/_samla/unknown-tenant";
    static final String PLATFORM_HOME_PATH = "/_samla/platform-home";
    /** Request attribute: the path the visitor asked for, where another page serves the request. */
    static final String ORIGINAL_PATH = TenantPaths.ORIGINAL_PATH;

    private static final Pattern PREFIX = Pattern.compile("^/t/([a-z0-9-]{2,40})(/.*)?$");
    /** Paths that belong to the installation, not to a tenant, on any host. */
    private static final List<String> GLOBAL_PATHS = List.of(
            "/actuator",
            "/livez",
            "/readyz",
            "/assets/",
            "/webjars/",
            "/demo-idp",
            // the demo mailbox operator's SOAP services stand for a national service, outside every municipality
            "/demo-brevlada/ws/",
            // so does the demo Mina ombud
            "/demo-mina-ombud/",
            "/.well-known/",
            "/favicon.ico",
            "/_samla/",
            "/v3/api-docs",
            "/swagger-ui",
            // Open311 chooses the municipality by jurisdiction_id (or by the host it is reached on)
            "/open311/");

    private final Tenants tenants;
    private final List<String> platformHosts;

    TenantResolutionFilter(Tenants tenants, List<String> platformHosts) {
        this.tenants = tenants;
        this.platformHosts =
                platformHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean error = request.getDispatcherType() == DispatcherType.ERROR;
        // an error dispatch carries the path of the request that failed, which names the tenant
        String uri =
                error ? (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : request.getRequestURI();
        String path = uri == null
                ? ""
                : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (!error && isGlobal(path)) {
            chain.doFilter(request, response);
            return;
        }
        String host = Optional.ofNullable(request.getServerName()).orElse("").toLowerCase(Locale.ROOT);
        Optional<Tenant> byHost = tenants.byHost(host);
        if (byHost.isPresent()) {
            serve(byHost.get(), request, response, chain);
            return;
        }
        if (platformHosts.contains(host)) {
            Matcher m = PREFIX.matcher(path);
            if (m.matches()) {
                Optional<Tenant> bySlug = tenants.bySlug(m.group(1));
                if (bySlug.isPresent()) {
                    serve(
                            bySlug.get(),
                            error ? request : new PrefixedRequest(request, "/t/" + m.group(1)),
                            response,
                            chain);
                    return;
                }
            } else if (!error && (path.isEmpty() || path.equals("/"))) {
                chain.doFilter(new RewrittenRequest(request, PLATFORM_HOME_PATH), response);
                return;
            }
        }
        if (error) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new RewrittenRequest(request, UNKNOWN_TENANT_PATH), response);
    }

    private static boolean isGlobal(String path) {
        return GLOBAL_PATHS.stream().anyMatch(path::startsWith);
    }

    private static void serve(
            Tenant tenant, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(Tenant.class.getName(), tenant);
        try (CurrentTenant.Scope ignored = CurrentTenant.open(tenant.id())) {
            chain.doFilter(request, response);
        }
    }

    /**
     * The request, served by another page of the installation (an internal rewrite rather than a forward,
     * so security and every filter see the page that is really served). The original path stays
     * available as {@link #ORIGINAL_PATH}.
     */
    private static final class RewrittenRequest extends HttpServletRequestWrapper {

        private final String path;

        RewrittenRequest(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
            request.setAttribute(ORIGINAL_PATH, request.getRequestURI());
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme() + "://" + getServerName() + ":" + getServerPort() + getRequestURI());
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }

    /** The same request, with the tenant prefix moved from the path into the context path. */
    private static final class PrefixedRequest extends HttpServletRequestWrapper {

        private final String contextPath;

        PrefixedRequest(HttpServletRequest request, String prefix) {
            super(request);
            this.contextPath = request.getContextPath() + prefix;
        }

        @Override
        public String getContextPath() {
            return contextPath;
        }

        @Override
        public String getServletPath() {
            String rest = getRequestURI().substring(contextPath.length());
            return rest.isEmpty() ? "/" : rest;
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Runs before the session and security filters, so both see the tenant's context path. */
        @Bean
        FilterRegistrationBean<TenantResolutionFilter> tenantResolutionFilter(
                Tenants tenants, TenancySettings settings) {
            var registration =
                    new FilterRegistrationBean<>(new TenantResolutionFilter(tenants, settings.platformHosts()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
            return registration;
        }
    }
}
