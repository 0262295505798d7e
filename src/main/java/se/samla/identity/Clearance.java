package se.samla.identity;

import java.util.Arrays;
import java.util.Optional;

/** The highest confidentiality level a staff member may see, on Samla's ordered scale. */
public enum Clearance {
    PUBLIC("offentlig"),
    INTERNAL("intern"),
    CONFIDENTIAL("konfidentiell"),
    STRICTLY_CONFIDENTIAL("strikt-konfidentiell");

    private final String claimValue;

    Clearance(String claimValue) {
        this.claimValue = claimValue;
    }

    public boolean reaches(Clearance level) {
        return compareTo(level) >= 0;
    }

    public static Optional<Clearance> fromClaim(String value) {
        return Arrays.stream(values()).filter(c -> c.claimValue.equalsIgnoreCase(value)).findFirst();
    }
}
