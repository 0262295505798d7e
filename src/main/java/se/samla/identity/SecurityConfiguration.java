package se.samla.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samla.shared.CurrentTenant;

/** Who may see which page, and login and logout through each tenant's identity providers. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String LOGIN_PAGE = "/logga-in";
    static final String LOGIN_FAILED_PAGE = "/logga-in/misslyckades";
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; " + "base-uri 'self'; frame-ancestors 'none'";
    private static final Set<String> KNOWN_FAILURES = Set.of(
            SignInService.MISSING_IDENTITY_NUMBER,
            SignInService.INVALID_IDENTITY_NUMBER,
            SignInService.NO_STAFF_ROLE,
            SignInService.WRONG_TENANT,
            "access_denied");

    @Bean
    @Order(10)
    SecurityFilterChain applicationSecurity(
            HttpSecurity http, TenantClientRegistrations registrations, SamlaOidcUserService userService)
            throws Exception {
        var loggedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        loggedOut.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                "/",
                                LOGIN_PAGE,
                                LOGIN_FAILED_PAGE,
                                "/error",
                                "/_samla/**",
                                "/e-tjanster",
                                "/e-tjanster/**",
                                "/sok",
                                "/livshandelser/**",
                                "/demo-postlada",
                                "/demo-brevlada",
                                "/demo-brevlada/**",
                                "/demo-mina-ombud/**",
                                "/felanmalan",
                                "/felanmalan/**",
                                "/lokaler",
                                "/lokaler/**",
                                "/kalender/**",
                                "/lasnyckel",
                                "/sensors/v1/**",
                                "/givare",
                                "/givare/**",
                                "/demo-las",
                                "/demo-las/**",
                                "/open311/**",
                                "/diarium",
                                "/diarium.json",
                                "/diarium/**",
                                "/datasets",
                                "/datasets/**",
                                "/oppna-data",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/assets/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/livez",
                                "/readyz",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/mina-sidor", "/mina-sidor/**", "/signering/**")
                        .hasRole("RESIDENT")
                        .requestMatchers("/personal", "/personal/**")
                        .hasRole("STAFF")
                        .requestMatchers("/admin", "/admin/**")
                        .hasRole("ADMINISTRATOR")
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage(LOGIN_PAGE)
                        .clientRegistrationRepository(registrations)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(userService))
                        .successHandler(successHandler())
                        .failureHandler(failureHandler()))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE)))
                .logout(logout -> logout.logoutUrl("/logga-ut")
                        .logoutSuccessHandler(loggedOut)
                        .invalidateHttpSession(true)
                        .deleteCookies("SAMLA_SESSION"))
                // Open311 clients authenticate each request with their api_key, as the specification says
                // the demo mailbox operator's SOAP services are called by Samla's own post, as a real operator's are
                // so is the demo Mina ombud, by bearer token
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        "/open311/**", "/demo-brevlada/ws/**", "/demo-mina-ombud/**", "/sensors/v1/**"))
                .addFilterBefore(new TenantBoundLogin(), AuthorizationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }

    /** After login: back to the page that asked for it, else to Mina sidor or the staff start page. */
    private static SavedRequestAwareAuthenticationSuccessHandler successHandler() {
        var handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(
                    HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
                boolean staff =
                        authentication.getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()));
                return staff ? "/personal" : "/mina-sidor";
            }
        };
        handler.setRequestCache(new HttpSessionRequestCache());
        return handler;
    }

    /** A refused login leaves no session behind and explains itself on the failure page. */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            String code = exception instanceof OAuth2AuthenticationException oauth
                    ? oauth.getError().getErrorCode()
                    : "unknown";
            String reason = KNOWN_FAILURES.contains(code) ? code : "unknown";
            response.sendRedirect(request.getContextPath() + LOGIN_FAILED_PAGE + "?orsak=" + reason);
        };
    }

    /**
     * A login is valid for the tenant it was made for only. Where tenants share a host, a session of one
     * must never act in another: there the request is treated as not logged in.
     */
    static final class TenantBoundLogin extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null
                    && authentication.getPrincipal() instanceof SamlaPrincipal principal
                    && !CurrentTenant.get()
                            .map(principal.user().tenantId()::equals)
                            .orElse(false)) {
                SecurityContextHolder.clearContext();
            }
            chain.doFilter(request, response);
        }
    }
}
