package se.samla.identity;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The logged-in user as Spring Security holds it: the provider's OIDC user plus Samla's view of them.
 * Its name is the opaque audit id, so session tables and logs never carry an identity number.
 */
final class SamlaPrincipal extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final SignedInUser user;

    SamlaPrincipal(OidcUser oidcUser, SignedInUser user, Collection<? extends GrantedAuthority> authorities) {
        super(authorities, oidcUser.getIdToken(), oidcUser.getUserInfo());
        this.user = user;
    }

    SignedInUser user() {
        return user;
    }

    @Override
    public String getName() {
        return user.auditId();
    }
}
