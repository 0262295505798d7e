package se.samla.identity.demo;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import se.samla.tenancy.LoginSettings;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * The demo provider's clients: one for residents and one for staff of every tenant that uses it. Redirect
 * addresses are worked out from the tenants' host names and the port Samla listens on.
 */
final class DemoClients implements RegisteredClientRepository {

    private final Tenants tenants;
    private final Environment environment;

    DemoClients(Tenants tenants, Environment environment) {
        this.tenants = tenants;
        this.environment = environment;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // Clients come from the tenant configuration. The provider asks to save only to re-encode a
        // client secret, which for the demo's plain secrets there is no need to keep.
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        for (Tenant tenant : tenants.all()) {
            if (clientId.equals(tenant.residentLogin().clientId())
                    && tenant.residentLogin().usesDemoProvider()) {
                return client(tenant, tenant.residentLogin(), tenant.slug() + "-resident", true);
            }
            if (clientId.equals(tenant.staffLogin().clientId())
                    && tenant.staffLogin().usesDemoProvider()) {
                return client(tenant, tenant.staffLogin(), tenant.slug() + "-staff", false);
            }
            if (tenant.api().usesDemoProvider()) {
                var api = tenant.api().client(clientId);
                if (api.isPresent()) {
                    return RegisteredClient.withId(clientId)
                            .clientId(clientId)
                            .clientSecret("{noop}" + api.get().clientSecret())
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .scopes(scopes -> scopes.addAll(api.get().scopes()))
                            .build();
                }
            }
        }
        return null;
    }

    /** A login client; a resident's may also ask its person to sign (OIDC Sweden's signature extension). */
    private RegisteredClient client(Tenant tenant, LoginSettings login, String registrationId, boolean signs) {
        List<String> bases = bases(tenant);
        var client = RegisteredClient.withId(login.clientId())
                .clientId(login.clientId())
                .clientSecret("{noop}" + login.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> bases.forEach(base -> {
                    uris.add(base + "/login/oauth2/code/" + registrationId);
                    if (signs) {
                        uris.add(base + "/signering/svar");
                    }
                }))
                .postLogoutRedirectUris(uris -> bases.forEach(base -> uris.add(base + "/")))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build());
        if (signs) {
            client.scope(DemoSigning.SIGN_SCOPE);
        }
        return client.build();
    }

    private List<String> bases(Tenant tenant) {
        String port = environment.getProperty("local.server.port", "8080");
        List<String> platformHosts = Binder.get(environment)
                .bind("samla.tenancy.platform-hosts", String[].class)
                .map(List::of)
                .orElse(List.of("localhost", "127.0.0.1"));
        List<String> bases = new ArrayList<>();
        for (String scheme : List.of("http", "https")) {
            tenant.hosts().forEach(host -> bases.add(scheme + "://" + host + ":" + port));
            platformHosts.forEach(host -> bases.add(scheme + "://" + host + ":" + port + "/t/" + tenant.slug()));
        }
        return bases;
    }
}
