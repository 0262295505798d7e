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
        List<UnitEntry> units,
        Api api,
        Contact contact) {

    /** The municipality's public e-mail address and web site. */
    record Contact(String email, String homepage) {
    }

    /** Integrators: the issuer of their access tokens, and the clients with what each may do. */
    record Api(String issuer, List<Client> clients) {
    }

    record Client(String clientId, String clientSecret, List<String> scopes, List<String> units,
            List<String> caseTypes, String maxConfidentiality) {
    }

    record Login(Provider resident, Provider staff) {
    }

    record Provider(String issuer, String clientId, String clientSecret, String rolesClaim,
            String clearanceClaim) {
    }

    record UnitEntry(String code, LocalizedText name, List<UnitEntry> sections) {
    }
}
