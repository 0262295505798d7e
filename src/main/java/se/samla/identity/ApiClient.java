package se.samla.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/**
 * An integrator's system calling the API with an OAuth2 access token (client credentials), and what that
 * token allows: scopes, units and case types ("*" for all), and the highest confidentiality it may read.
 */
public record ApiClient(
        TenantId tenantId,
        String clientId,
        Set<String> scopes,
        List<String> units,
        List<String> caseTypes,
        Confidentiality maxConfidentiality) {

    public static final String READ = "cases:read";
    public static final String WRITE = "cases:write";

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public boolean coversUnit(String unit) {
        return units.contains("*") || units.contains(unit);
    }

    public boolean coversCaseType(String caseType) {
        return caseTypes.contains("*") || caseTypes.contains(caseType);
    }

    public String auditId() {
        return "client:" + clientId;
    }

    /** The API client of the current request, if the request came with a valid token for this tenant. */
    public static Optional<ApiClient> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof ApiClient client
                && CurrentTenant.get().map(client.tenantId()::equals).orElse(false)) {
            return Optional.of(client);
        }
        return Optional.empty();
    }
}
