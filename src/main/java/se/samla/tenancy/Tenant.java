package se.samla.tenancy;

import java.util.List;
import se.samla.platform.RateLimit;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.TenantId;

/**
 * One municipality served by this installation.
 *
 * @param municipalityCode its four-digit kommunkod (SCB), which Kolada and other national statistics name it by; null
 *     when not configured
 */
public record Tenant(
        TenantId id,
        String slug,
        String name,
        OrganisationNumber organisationNumber,
        List<String> hosts,
        LoginSettings residentLogin,
        LoginSettings staffLogin,
        ApiSettings api,
        PublicContact contact,
        WriteLimits writeLimits,
        Places places,
        String municipalityCode) {

    public Tenant {
        hosts = List.copyOf(hosts);
        places = places == null ? Places.NONE : places;
    }

    public Tenant(
            TenantId id,
            String slug,
            String name,
            OrganisationNumber organisationNumber,
            List<String> hosts,
            LoginSettings residentLogin,
            LoginSettings staffLogin,
            ApiSettings api,
            PublicContact contact,
            WriteLimits writeLimits) {
        this(
                id,
                slug,
                name,
                organisationNumber,
                hosts,
                residentLogin,
                staffLogin,
                api,
                contact,
                writeLimits,
                null,
                null);
    }

    /**
     * How an address is known to lie in the municipality: the beginnings of its postal codes (postnummer, digits
     * only) and its postal towns (postorter).
     */
    public record Places(List<String> postalCodes, List<String> towns) {

        public static final Places NONE = new Places(List.of(), List.of());

        public Places {
            postalCodes = postalCodes == null ? List.of() : List.copyOf(postalCodes);
            towns = towns == null ? List.of() : List.copyOf(towns);
        }
    }

    /** How the public reaches the municipality: the address and web site its open data catalogue names. */
    public record PublicContact(String email, String homepage) {}

    /**
     * How often one client may write without logging in: {@code anonymousWrites} per client address over all
     * the public forms together, {@code open311} per api key and per address for Open311 service requests
     * (an integrator's app posts for many residents from one server).
     */
    public record WriteLimits(RateLimit anonymousWrites, RateLimit open311) {

        public static final WriteLimits DEFAULT = new WriteLimits(new RateLimit(20, 10), new RateLimit(120, 30));
    }
}
