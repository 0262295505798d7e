package se.samla.tenancy;

import java.util.List;
import java.util.Optional;
import se.samla.shared.Confidentiality;

/**
 * How integrators reach a tenant's API: the issuer of their OAuth2 access tokens (client credentials),
 * and, for the demo provider, the clients it issues tokens to.
 *
 * @param issuer the issuer URI, or {@code demo} for the built-in demo provider
 */
public record ApiSettings(String issuer, List<Client> clients) {

    public ApiSettings {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public boolean usesDemoProvider() {
        return LoginSettings.DEMO_ISSUER.equals(issuer);
    }

    public Optional<Client> client(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    /**
     * An API client. Its tokens carry what it may do: scopes (cases:read, cases:write), the units and case
     * types it may touch ("*" for all), and the highest confidentiality level it may read.
     */
    public record Client(
            String clientId,
            String clientSecret,
            List<String> scopes,
            List<String> units,
            List<String> caseTypes,
            Confidentiality maxConfidentiality) {

        public Client {
            scopes = List.copyOf(scopes);
            units = List.copyOf(units);
            caseTypes = List.copyOf(caseTypes);
        }

        @Override
        public String toString() {
            return "Client[" + clientId + "]";
        }
    }
}
