package se.samla.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;

/**
 * Logs a resident or staff member in for MockMvc tests the way a real login does: through the sign-in
 * service with the claims a provider sends, so the person exists and the login is audited.
 */
public final class TestLogins {

    private final SignInService signIn;
    private final TenantTransactions transactions;

    public TestLogins(SignInService signIn, TenantTransactions transactions) {
        this.signIn = signIn;
        this.transactions = transactions;
    }

    public static TestLogins from(org.springframework.context.ApplicationContext context) {
        return new TestLogins(context.getBean(SignInService.class), context.getBean(TenantTransactions.class));
    }

    public record Login(SignedInUser user, RequestPostProcessor processor) {}

    public Login resident(Tenant tenant, String name, String personalIdentityNumber) {
        return resident(tenant, name, personalIdentityNumber, 3);
    }

    /** A resident logged in with an e-ID at the given assurance level (tillitsnivå). */
    public Login resident(Tenant tenant, String name, String personalIdentityNumber, int assuranceLevel) {
        var token = new OidcIdToken(
                "token",
                Instant.now(),
                Instant.now().plusSeconds(600),
                Map.of(
                        "sub",
                        "test-" + personalIdentityNumber,
                        "iss",
                        "https://test.example",
                        "name",
                        name,
                        "acr",
                        "http://id.elegnamnden.se/loa/1.0/loa" + assuranceLevel,
                        SignInService.PERSONAL_NUMBER_CLAIM,
                        personalIdentityNumber));
        var oidc = new DefaultOidcUser(List.of(), token);
        SamlaPrincipal principal = transactions.call(tenant.id(), () -> signIn.resident(tenant, oidc));
        return login(principal, tenant.slug() + "-resident");
    }

    public Login staff(Tenant tenant, String subject, String name, List<String> roles, String clearance) {
        var token = new OidcIdToken(
                "token",
                Instant.now(),
                Instant.now().plusSeconds(600),
                Map.of(
                        "sub",
                        subject,
                        "iss",
                        "https://test.example",
                        "name",
                        name,
                        "email",
                        subject + "@test.example",
                        "samla_roles",
                        roles,
                        "samla_clearance",
                        clearance));
        var oidc = new DefaultOidcUser(List.of(), token);
        SamlaPrincipal principal = signIn.staff(tenant, tenant.staffLogin(), oidc);
        return login(principal, tenant.slug() + "-staff");
    }

    private static Login login(SamlaPrincipal principal, String registration) {
        var authentication = new OAuth2AuthenticationToken(principal, principal.getAuthorities(), registration);
        return new Login(principal.user(), SecurityMockMvcRequestPostProcessors.authentication(authentication));
    }
}
