package se.samla.identity;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;
import se.samla.shared.CurrentTenant;

/** The user logged in to the tenant of the current request, if any. */
public final class CurrentUser {

    private CurrentUser() {}

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

    /** The staff member logged in to this tenant; anyone else is refused with 403. */
    public static SignedInUser.Staff requireStaff() {
        return staff().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    /** The staff member logged in to this tenant with this role; anyone else is refused with 403. */
    public static SignedInUser.Staff requireStaff(StaffRole role) {
        return staff().filter(s -> s.hasRole(role))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
