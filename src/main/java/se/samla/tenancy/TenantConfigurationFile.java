package se.samla.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import se.samla.platform.RateLimit;
import se.samla.shared.LocalizedText;

/** The shape of config/tenants/{slug}/tenant.yml. */
record TenantConfigurationFile(
        String slug,
        String name,
        String organisationNumber,
        List<String> hosts,
        Login login,
        List<UnitEntry> units,
        Api api,
        Contact contact,
        RateLimits rateLimits,
        Places places,
        String municipalityCode) {

    /** Where addresses of the municipality lie: postal code beginnings and postal towns. */
    record Places(List<String> postalCodes, List<String> towns) {}

    /** Limits of anonymous writes; what is left out takes the default (see Tenant.WriteLimits.DEFAULT). */
    record RateLimits(Rate anonymousWrites, Rate open311) {}

    record Rate(Count perMinute, Count burst) {}

    /** A whole number from 1 to RateLimit.MAX, checked as it is read so that a wrong one is reported with its line. */
    record Count(int value) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Count of(Number given) {
            // a Number, not an int, so that 1.5 is refused rather than quietly made 1
            if (!(given instanceof Integer value) || value < 1 || value > RateLimit.MAX) {
                throw new IllegalArgumentException(
                        "must be a whole number from 1 to " + RateLimit.MAX + ", not " + given);
            }
            return new Count(value);
        }
    }

    /** The municipality's public e-mail address and web site. */
    record Contact(String email, String homepage) {}

    /** Integrators: the issuer of their access tokens, and the clients with what each may do. */
    record Api(String issuer, List<Client> clients) {}

    record Client(
            String clientId,
            String clientSecret,
            List<String> scopes,
            List<String> units,
            List<String> caseTypes,
            String maxConfidentiality) {}

    record Login(Provider resident, Provider staff) {}

    record Provider(String issuer, String clientId, String clientSecret, String rolesClaim, String clearanceClaim) {}

    record UnitEntry(String code, LocalizedText name, List<UnitEntry> sections) {}
}
