package se.samla.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import se.samla.identity.demo.DemoEndpoints;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * The API under /api: stateless, OAuth2 bearer tokens only. A token is checked against the issuer the
 * request's tenant names, and must have been issued for that tenant (claim samla_tenant). Refusals are
 * RFC 9457 problem details.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String TENANT_CLAIM = "samla_tenant";

    @Bean
    @Order(5)
    SecurityFilterChain apiSecurity(HttpSecurity http, Tenants tenants, Environment environment) throws Exception {
        TenantJwtDecoder decoder = new TenantJwtDecoder(tenants, environment);
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(jwt ->
                                jwt.decoder(decoder).jwtAuthenticationConverter(ApiSecurityConfiguration::client))
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                "unauthorized",
                                "A valid bearer token for this municipality is required"))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, 403, "forbidden", "The token does not allow this")));
        return http.build();
    }

    static AbstractAuthenticationToken client(Jwt jwt) {
        Set<String> scopes = new HashSet<>(
                Optional.ofNullable(jwt.getClaimAsStringList("scope")).orElse(List.of()));
        var client = new ApiClient(
                CurrentTenant.require(),
                jwt.getSubject(),
                scopes,
                Optional.ofNullable(jwt.getClaimAsStringList("samla_units")).orElse(List.of()),
                Optional.ofNullable(jwt.getClaimAsStringList("samla_case_types"))
                        .orElse(List.of()),
                Optional.ofNullable(jwt.getClaimAsString("samla_max_confidentiality"))
                        .map(Confidentiality::valueOf)
                        .orElse(Confidentiality.PUBLIC));
        var authorities = scopes.stream()
                .map(s -> new SimpleGrantedAuthority("SCOPE_" + s))
                .toList();
        return new AbstractAuthenticationToken(authorities) {
            {
                setAuthenticated(true);
            }

            @Override
            public Object getCredentials() {
                return jwt;
            }

            @Override
            public Object getPrincipal() {
                return client;
            }

            @Override
            public String getName() {
                return client.auditId();
            }
        };
    }

    static void problem(HttpServletResponse response, int status, String type, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"https://samla.se/problems/" + type + "\",\"title\":\""
                        + (status == 401 ? "Unauthorized" : "Forbidden") + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }

    /** Checks tokens against the issuer and keys of the request's tenant, and that they were issued for it. */
    static final class TenantJwtDecoder implements JwtDecoder {

        private final Tenants tenants;
        private final Environment environment;
        private final Map<String, JwtDecoder> byIssuer = new ConcurrentHashMap<>();

        TenantJwtDecoder(Tenants tenants, Environment environment) {
            this.tenants = tenants;
            this.environment = environment;
        }

        @Override
        public Jwt decode(String token) throws JwtException {
            Tenant tenant = CurrentTenant.get()
                    .flatMap(tenants::byId)
                    .orElseThrow(() -> new BadJwtException("no municipality for this request"));
            String issuer = tenant.api().usesDemoProvider()
                    ? DemoEndpoints.baseUrl(environment)
                    : tenant.api().issuer();
            JwtDecoder decoder = byIssuer.computeIfAbsent(issuer, this::decoderFor);
            Jwt jwt = decoder.decode(token);
            if (!tenant.slug().equals(jwt.getClaimAsString(TENANT_CLAIM))) {
                throw new BadJwtException("the token was issued for another municipality");
            }
            return jwt;
        }

        private JwtDecoder decoderFor(String issuer) {
            NimbusJwtDecoder decoder = issuer.equals(DemoEndpoints.baseUrl(environment))
                    ? NimbusJwtDecoder.withJwkSetUri(issuer + DemoEndpoints.JWKS)
                            .build()
                    : NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            return decoder;
        }
    }
}
