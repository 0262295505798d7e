package se.samla.identity.demo;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import se.samla.tenancy.Tenants;

/**
 * The built-in demo identity provider: a real OpenID Connect provider (Spring Authorization Server)
 * whose login page lets you pick one of the clearly fake demo identities. On by default; refused under
 * the prod profile by {@link DemoIdentityProviderGuard}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "samla.demo-idp.enabled", havingValue = "true", matchIfMissing = true)
class DemoIdentityProviderConfiguration {

    /** The provider keeps its login apart from the application's, in its own session attribute and cookie. */
    static final String CONTEXT_ATTRIBUTE = "SAMLA_DEMO_IDP_SECURITY_CONTEXT";

    static final String SESSION_COOKIE = "SAMLA_DEMO_IDP";

    @Bean
    DemoIdentities demoIdentities(Environment environment, Tenants tenants) {
        return new DemoIdentities(
                Path.of(environment.getProperty("samla.demo-idp.identities", "config/demo-idp/identities.yml")),
                tenants);
    }

    @Bean
    HttpSessionSecurityContextRepository demoIdentityProviderContextRepository() {
        var repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        return repository;
    }

    @Bean
    @Order(1)
    SecurityFilterChain demoIdentityProviderSecurity(
            HttpSecurity http,
            DemoClients clients,
            HttpSessionSecurityContextRepository demoIdentityProviderContextRepository,
            DemoIdentities identities,
            Clock clock)
            throws Exception {
        var authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(new OrRequestMatcher(
                        authorizationServer.getEndpointsMatcher(),
                        PathPatternRequestMatcher.pathPattern(DemoEndpoints.PREFIX + "/**")))
                .with(
                        authorizationServer,
                        server -> server.registeredClientRepository(clients)
                                .authorizationEndpoint(endpoint -> endpoint.consentPage(DemoEndpoints.SIGN)
                                        .authenticationProviders(providers -> providers.forEach(provider -> {
                                            if (provider
                                                    instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider p) {
                                                p.setAuthenticationValidator(DemoSigning.validator(clock));
                                                // the sign page is the consent: shown for every signature, never for a
                                                // login
                                                p.setAuthorizationConsentRequired(context ->
                                                        DemoSigning.asksToSign(context.getAuthorizationRequest()
                                                                .getScopes()));
                                            }
                                        })))
                                .oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint ->
                                        endpoint.providerConfigurationCustomizer(
                                                metadata -> metadata.scope(DemoSigning.SIGN_SCOPE)
                                                        .claim(
                                                                "claims_supported",
                                                                List.of(
                                                                        "sub",
                                                                        "name",
                                                                        "given_name",
                                                                        "family_name",
                                                                        "acr",
                                                                        "auth_time",
                                                                        DemoSigning.PERSONAL_NUMBER,
                                                                        DemoSigning.USER_SIGNATURE))
                                                        .claim("request_parameter_supported", false)
                                                        .claim("request_uri_parameter_supported", false)
                                                        .claim("claims_parameter_supported", true)))))
                .addFilterAfter(
                        new DemoSignLoginFilter(demoIdentityProviderContextRepository),
                        SecurityContextHolderFilter.class)
                .addFilterAfter(
                        new DemoClientIdentityFilter(demoIdentityProviderContextRepository, identities),
                        DemoSignLoginFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(DemoEndpoints.LOGIN)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .securityContext(context -> context.securityContextRepository(demoIdentityProviderContextRepository))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(DemoEndpoints.LOGIN),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder()
                .authorizationEndpoint(DemoEndpoints.AUTHORIZE)
                .tokenEndpoint(DemoEndpoints.TOKEN)
                .jwkSetEndpoint(DemoEndpoints.JWKS)
                .oidcUserInfoEndpoint(DemoEndpoints.USERINFO)
                .oidcLogoutEndpoint(DemoEndpoints.LOGOUT)
                .tokenRevocationEndpoint(DemoEndpoints.PREFIX + "/revoke")
                .tokenIntrospectionEndpoint(DemoEndpoints.PREFIX + "/introspect")
                .pushedAuthorizationRequestEndpoint(DemoEndpoints.PREFIX + "/par")
                .deviceAuthorizationEndpoint(DemoEndpoints.PREFIX + "/device_authorization")
                .deviceVerificationEndpoint(DemoEndpoints.PREFIX + "/device_verification")
                .clientRegistrationEndpoint(DemoEndpoints.PREFIX + "/register")
                .oidcClientRegistrationEndpoint(DemoEndpoints.PREFIX + "/connect/register")
                .build();
    }

    @Bean
    DemoSigningAuthority demoSigningAuthority(Environment environment, Clock clock) {
        return new DemoSigningAuthority(
                Path.of(environment.resolvePlaceholders(environment.getProperty(
                        "samla.demo-idp.signing-authority", "${SAMLA_DATA_DIR:data}/demo-idp/demo-eid-ca.p12"))),
                clock);
    }

    @Bean
    DemoClients demoClients(Tenants tenants, Environment environment) {
        return new DemoClients(tenants, environment);
    }

    @Bean
    OAuth2AuthorizationService demoAuthorizationService() {
        return new InMemoryOAuth2AuthorizationService();
    }

    @Bean
    JWKSource<SecurityContext> demoSigningKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The claims a real provider would send: OIDC Sweden's identity number for residents, unit roles for staff. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoClaims(
            DemoIdentities identities,
            Tenants tenants,
            DemoClients clients,
            DemoSigningAuthority signingAuthority,
            Clock clock) {
        return context -> {
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                // an integrator's token says which tenant it is for and what it may touch
                String clientId = context.getRegisteredClient().getClientId();
                for (var tenant : tenants.all()) {
                    tenant.api()
                            .client(clientId)
                            .ifPresent(client -> context.getClaims()
                                    .claim("samla_tenant", tenant.slug())
                                    .claim("samla_units", client.units())
                                    .claim("samla_case_types", client.caseTypes())
                                    .claim(
                                            "samla_max_confidentiality",
                                            client.maxConfidentiality().name()));
                }
                return;
            }
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            identities.byId(context.getPrincipal().getName()).ifPresent(identity -> {
                var claims = context.getClaims();
                claims.claim("name", identity.name());
                claims.claim("given_name", identity.givenName());
                claims.claim("family_name", identity.familyName());
                if (identity.kind() == DemoIdentity.Kind.RESIDENT) {
                    claims.claim(
                            "acr",
                            "http://id.elegnamnden.se/loa/1.0/loa"
                                    + (identity.assuranceLevel() == null ? 3 : identity.assuranceLevel()));
                    if (identity.personalIdentityNumber() != null) {
                        claims.claim(
                                "https://id.oidc.se/claim/personalIdentityNumber", identity.personalIdentityNumber());
                    }
                    if (context.getAuthorizedScopes().contains(DemoSigning.SIGN_SCOPE)
                            && context.getAuthorization() != null) {
                        // section 5.2: the signature goes in the ID token, with the time it was made
                        OAuth2AuthorizationRequest request =
                                context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
                        var sign = DemoSigning.verify(
                                (String) request.getAdditionalParameters().get(DemoSigning.SIGN_REQUEST),
                                clients.findByClientId(request.getClientId()),
                                clock);
                        String signature =
                                signingAuthority.sign(identity, sign.tbsData(), sign.message(), request.getClientId());
                        claims.claim(
                                DemoSigning.USER_SIGNATURE,
                                java.util.Base64.getEncoder()
                                        .encodeToString(
                                                signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                        claims.claim("auth_time", clock.instant().getEpochSecond());
                    }
                } else {
                    claims.claim("email", identity.email());
                    claims.claim(
                            "samla_roles",
                            identities.rolesFor(
                                    identity, context.getRegisteredClient().getClientId()));
                    if (identity.clearance() != null) {
                        claims.claim("samla_clearance", identity.clearance());
                    }
                }
            });
        };
    }

    /** The provider's pages use their own session cookie, so logging in there never touches the application's session. */
    @Bean
    HttpSessionIdResolver httpSessionIdResolver(Environment environment) {
        CookieHttpSessionIdResolver application =
                resolver(environment.getProperty("server.servlet.session.cookie.name", "SAMLA_SESSION"));
        CookieHttpSessionIdResolver provider = resolver(SESSION_COOKIE);
        return new HttpSessionIdResolver() {
            private HttpSessionIdResolver pick(HttpServletRequest request) {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                return path.startsWith(DemoEndpoints.PREFIX) ? provider : application;
            }

            @Override
            public List<String> resolveSessionIds(HttpServletRequest request) {
                return pick(request).resolveSessionIds(request);
            }

            @Override
            public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
                pick(request).setSessionId(request, response, sessionId);
            }

            @Override
            public void expireSession(HttpServletRequest request, HttpServletResponse response) {
                pick(request).expireSession(request, response);
            }
        };
    }

    private static CookieHttpSessionIdResolver resolver(String cookieName) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(cookieName);
        serializer.setSameSite("Lax");
        serializer.setUseHttpOnlyCookie(true);
        CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
        resolver.setCookieSerializer(serializer);
        return resolver;
    }
}
