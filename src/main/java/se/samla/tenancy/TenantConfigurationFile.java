package se.samla.tenancy;

import java.util.List;
import se.samla.shared.LocalizedText;

/** The shape of config/tenants/{slug}/tenant.yml. */
record TenantConfigurationFile(
        String slug,
        String name,
        String organisationNumber,
        List<String> hosts,
        Login login,
        List<UnitEntry> units) {

    record Login(Provider resident, Provider staff) {
    }

    record Provider(String issuer, String clientId, String clientSecret, String rolesClaim,
            String clearanceClaim) {
    }

    record UnitEntry(String code, LocalizedText name, List<UnitEntry> sections) {
    }
}
