package se.samla.identity;

import java.util.Map;
import java.util.Optional;
import se.samla.shared.Confidentiality;

/** How a staff provider's clearance claim names the levels of Samla's confidentiality scale. */
final class Clearance {

    private static final Map<String, Confidentiality> CLAIM_VALUES = Map.of(
            "offentlig", Confidentiality.PUBLIC,
            "intern", Confidentiality.INTERNAL,
            "konfidentiell", Confidentiality.CONFIDENTIAL,
            "strikt-konfidentiell", Confidentiality.STRICTLY_CONFIDENTIAL);

    private Clearance() {}

    static Optional<Confidentiality> fromClaim(String value) {
        return Optional.ofNullable(value).map(v -> CLAIM_VALUES.get(v.toLowerCase(java.util.Locale.ROOT)));
    }
}
