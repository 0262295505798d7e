package se.samla.identity;

import java.util.Arrays;
import java.util.Optional;

/** What a staff member may do in a unit. The claim value is the Swedish word the municipality's provider sends. */
public enum StaffRole {
    CASE_OFFICER("handlaggare"),
    REGISTRAR("registrator"),
    ARCHIVIST("arkivarie"),
    ADMINISTRATOR("administrator"),
    /** Sees the management figures of the unit and its sections. */
    MANAGER("chef");

    private final String claimValue;

    StaffRole(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<StaffRole> fromClaim(String value) {
        return Arrays.stream(values())
                .filter(r -> r.claimValue.equalsIgnoreCase(value))
                .findFirst();
    }
}
