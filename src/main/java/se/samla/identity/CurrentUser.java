package se.samla.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import se.samla.shared.CurrentTenant;

/** The user logged in to the tenant of the current request, if any. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<SignedInUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SamlaPrincipal principal)) {
            return Optional.empty();
        }
        SignedInUser user = principal.user();
        return CurrentTenant.get().filter(user.tenantId()::equals).map(t -> user);
    }

    /** The staff member logged in to this tenant, if a staff member is. */
    public static Optional<SignedInUser.Staff> staff() {
        return get().filter(SignedInUser.Staff.class::isInstance).map(SignedInUser.Staff.class::cast);
    }
}
