package se.samla.identity;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** After the provider has answered: make a Samla user of the current tenant, or refuse the login. */
@Component
class SamlaOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final SignInService signIn;
    private final Tenants tenants;

    SamlaOidcUserService(SignInService signIn, Tenants tenants) {
        this.signIn = signIn;
        this.tenants = tenants;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser oidc = delegate.loadUser(request);
        var registration = TenantClientRegistrations.RegistrationName.parse(
                request.getClientRegistration().getRegistrationId());
        Tenant tenant = CurrentTenant.get()
                .flatMap(tenants::byId)
                .filter(t -> registration != null && t.slug().equals(registration.slug()))
                .orElseThrow(() -> SignInService.refusal(
                        SignInService.WRONG_TENANT, "the login was started for another municipality"));
        return registration.staff() ? signIn.staff(tenant, tenant.staffLogin(), oidc) : signIn.resident(tenant, oidc);
    }
}
