package se.samla.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did something: a person or staff member by their opaque audit id (never an identity number),
 * the system itself, or an anonymous visitor.
 */
public record Actor(String type, String id) {

    public static Actor of(String auditId) {
        int colon = auditId.indexOf(':');
        return colon < 0
                ? new Actor("user", auditId)
                : new Actor(auditId.substring(0, colon), auditId.substring(colon + 1));
    }

    /** Whoever is logged in on this thread (their principal name is their audit id), else anonymous. */
    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return anonymous();
        }
        return of(authentication.getName());
    }

    public static Actor system(String component) {
        return new Actor("system", component);
    }

    public static Actor anonymous() {
        return new Actor("anonymous", null);
    }
}
