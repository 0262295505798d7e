package se.samla.tenancy;

import java.util.List;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.TenantId;

/** One municipality served by this installation. */
public record Tenant(
        TenantId id,
        String slug,
        String name,
        OrganisationNumber organisationNumber,
        List<String> hosts,
        LoginSettings residentLogin,
        LoginSettings staffLogin,
        ApiSettings api,
        PublicContact contact) {

    public Tenant {
        hosts = List.copyOf(hosts);
    }

    /** How the public reaches the municipality: the address and web site its open data catalogue names. */
    public record PublicContact(String email, String homepage) {
    }
}
