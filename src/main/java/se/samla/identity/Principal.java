package se.samla.identity;

import java.io.Serializable;

/**
 * Whom a logged-in person acts for: themselves, their child (as guardian), another person (as ombud with a power
 * of attorney in Mina ombud), or an organisation (as one who signs for it).
 *
 * @param identifier the principal's personal identity number (twelve digits) or organisation number (ten)
 * @param name       the principal's name, as the register gave it
 * @param basis      what gives the right, for people to read: the custody, the power of attorney's id, the signatory
 * @param authorities for a power of attorney: the case types it lets the ombud act in, and whether actively
 */
public record Principal(
        Kind kind, String identifier, String name, String basis, java.util.Map<String, Boolean> authorities)
        implements Serializable {

    public Principal {
        authorities = authorities == null ? java.util.Map.of() : java.util.Map.copyOf(authorities);
    }

    public enum Kind {
        SELF,
        CHILD,
        POWER_OF_ATTORNEY,
        ORGANISATION
    }

    public static Principal self(SignedInUser.Resident resident) {
        return new Principal(Kind.SELF, resident.identityNumber().digits(), resident.displayName(), null, null);
    }

    public boolean isSelf() {
        return kind == Kind.SELF;
    }

    public boolean isOrganisation() {
        return kind == Kind.ORGANISATION;
    }

    /** Whether the principal lets the actor start a case of this type: always for oneself, a child or a company. */
    public boolean mayStart(String caseType) {
        return kind != Kind.POWER_OF_ATTORNEY || Boolean.TRUE.equals(authorities.get(caseType));
    }

    /** Whether the actor may act in the principal's cases of this type: write, answer, send (an active authority). */
    public boolean mayAct(String caseType) {
        return mayStart(caseType);
    }

    /** Whether the actor may see the principal's cases of this type (a passive authority reads, an active acts). */
    public boolean maySee(String caseType) {
        return kind != Kind.POWER_OF_ATTORNEY || authorities.containsKey(caseType);
    }

    /** The same principal: kind and identifier; names and authorities may have changed since. */
    public boolean sameAs(Principal other) {
        return other != null && kind == other.kind && identifier.equals(other.identifier);
    }
}
