package se.samla.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;
import se.samla.identity.demo.DemoEndpoints;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.LoginSettings;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Each tenant has two OIDC clients: {slug}-resident and {slug}-staff. Registrations are built on first use
 * (a provider's discovery document is fetched then, not at start) and only for the tenant of the request.
 */
@Component
class TenantClientRegistrations implements ClientRegistrationRepository {

    private final Tenants tenants;
    private final Environment environment;
    private final Map<String, ClientRegistration> cache = new ConcurrentHashMap<>();

    TenantClientRegistrations(Tenants tenants, Environment environment) {
        this.tenants = tenants;
        this.environment = environment;
    }

    record RegistrationName(String slug, boolean staff) {

        static RegistrationName parse(String registrationId) {
            if (registrationId.endsWith("-resident")) {
                return new RegistrationName(registrationId.substring(0, registrationId.length() - 9), false);
            }
            if (registrationId.endsWith("-staff")) {
                return new RegistrationName(registrationId.substring(0, registrationId.length() - 6), true);
            }
            return null;
        }

        static String of(Tenant tenant, boolean staff) {
            return tenant.slug() + (staff ? "-staff" : "-resident");
        }
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        RegistrationName name = RegistrationName.parse(registrationId);
        if (name == null) {
            return null;
        }
        Tenant tenant = CurrentTenant.get()
                .flatMap(tenants::byId)
                .filter(t -> t.slug().equals(name.slug()))
                .orElse(null);
        if (tenant == null) {
            return null;
        }
        return cache.computeIfAbsent(
                registrationId,
                id -> build(id, name.staff() ? tenant.staffLogin() : tenant.residentLogin(), name.staff()));
    }

    private ClientRegistration build(String registrationId, LoginSettings login, boolean staff) {
        ClientRegistration.Builder builder;
        if (login.usesDemoProvider()) {
            String base = DemoEndpoints.baseUrl(environment);
            builder = ClientRegistration.withRegistrationId(registrationId)
                    .issuerUri(base)
                    .authorizationUri(base + DemoEndpoints.AUTHORIZE)
                    .tokenUri(base + DemoEndpoints.TOKEN)
                    .jwkSetUri(base + DemoEndpoints.JWKS)
                    .providerConfigurationMetadata(Map.of("end_session_endpoint", base + DemoEndpoints.LOGOUT))
                    .userNameAttributeName("sub");
        } else {
            builder = ClientRegistrations.fromIssuerLocation(login.issuer()).registrationId(registrationId);
        }
        return builder.clientId(login.clientId())
                .clientSecret(login.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(staff ? new String[] {"openid", "profile", "email"} : new String[] {"openid", "profile"})
                .clientName(staff ? "staff" : "resident")
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build())
                .build();
    }
}
