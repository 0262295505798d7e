package se.samla.tenancy;

/**
 * How a tenant's residents or staff log in: an OpenID Connect provider and this installation's client there.
 *
 * @param issuer         the provider's issuer URI, or {@code demo} for the built-in demo identity provider
 * @param clientId       our client id at the provider
 * @param clientSecret   our client secret (never printed)
 * @param rolesClaim     for staff: the claim listing unit roles as {@code role:UNITCODE}
 * @param clearanceClaim for staff: the claim with the highest confidentiality level they may see
 */
public record LoginSettings(
        String issuer, String clientId, String clientSecret, String rolesClaim, String clearanceClaim) {

    public static final String DEMO_ISSUER = "demo";

    public boolean usesDemoProvider() {
        return DEMO_ISSUER.equals(issuer);
    }

    @Override
    public String toString() {
        return "LoginSettings[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
