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
        ApiSettings api) {

    public Tenant {
        hosts = List.copyOf(hosts);
    }
}
