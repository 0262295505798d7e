package se.samla.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.PersonIdentifier;
import se.samla.shared.TenantId;
import se.samla.tenancy.Federation;
import se.samla.tenancy.LoginSettings;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import se.samla.tenancy.Unit;

/**
 * Turns what an identity provider says about someone into a Samla user of the current tenant: checks
 * the claims Samla needs, remembers the person or staff member, and audits the login.
 */
@Service
class SignInService {

    static final String PERSONAL_NUMBER_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber";
    static final String COORDINATION_NUMBER_CLAIM = "https://id.oidc.se/claim/coordinationNumber";

    /** Error codes shown (as sentences) on the login failure page. */
    static final String MISSING_IDENTITY_NUMBER = "missing_identity_number";

    static final String INVALID_IDENTITY_NUMBER = "invalid_identity_number";
    static final String NO_STAFF_ROLE = "no_staff_role";
    static final String WRONG_TENANT = "wrong_tenant";

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final Clock clock;

    SignInService(JdbcClient jdbc, AuditLog audit, Tenants tenants, TenantTransactions transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional
    public SamlaPrincipal resident(Tenant tenant, OidcUser oidc) {
        String claimed = Optional.ofNullable(oidc.getClaimAsString(PERSONAL_NUMBER_CLAIM))
                .orElse(oidc.getClaimAsString(COORDINATION_NUMBER_CLAIM));
        if (claimed == null || claimed.isBlank()) {
            throw refusal(MISSING_IDENTITY_NUMBER, "the identity has no personal or coordination number claim");
        }
        PersonIdentifier number;
        try {
            number = PersonIdentifier.parse(claimed, clock);
        } catch (InvalidIdentifierException e) {
            throw refusal(INVALID_IDENTITY_NUMBER, "the identity number claim is not valid: " + e.reason());
        }
        String name = displayName(oidc);
        Instant now = clock.instant();
        UUID personId = jdbc.sql("""
                INSERT INTO identity.person (id, tenant_id, personal_identity_number, name, first_seen_at, last_login_at)
                VALUES (:id, :tenant, :number, :name, :now, :now)
                ON CONFLICT (tenant_id, personal_identity_number) DO UPDATE SET name = excluded.name, last_login_at = :now
                RETURNING id
                """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.id().value())
                .param("number", number.digits())
                .param("name", name)
                .param("now", java.sql.Timestamp.from(now))
                .query(UUID.class)
                .single();
        var user = new SignedInUser.Resident(tenant.id(), personId, number, name, oidc.getClaimAsString("acr"));
        audit.record(new AuditRecord(
                Actor.of(user.auditId()),
                "LOGIN",
                "person",
                personId.toString(),
                Map.of(
                        "provider",
                        oidc.getIssuer() == null ? "" : oidc.getIssuer().toString())));
        return new SamlaPrincipal(oidc, user, List.of(new SimpleGrantedAuthority("ROLE_RESIDENT")));
    }

    /**
     * A staff login: the roles the provider gives in the tenant's units. Roles in a federation's units reach the
     * other members those units serve too, so the staff member is registered there as well (with only those
     * roles), each member in a transaction of its own, and the member's audit log shows it.
     */
    public SamlaPrincipal staff(Tenant tenant, LoginSettings settings, OidcUser oidc) {
        Map<String, Set<StaffRole>> roles = new HashMap<>();
        List<String> claimed = Optional.ofNullable(oidc.getClaimAsStringList(settings.rolesClaim()))
                .orElse(List.of());
        for (String value : claimed) {
            String[] parts = value.split(":", 2);
            Optional<StaffRole> role = StaffRole.fromClaim(parts[0]);
            Optional<Unit> unit = parts.length == 2 ? tenants.unit(tenant.id(), parts[1]) : Optional.empty();
            if (role.isPresent() && unit.isPresent()) {
                roles.computeIfAbsent(unit.get().code(), c -> new HashSet<>()).add(role.get());
            } else {
                log.warn(
                        "Ignored staff role claim value '{}' for tenant {}: unknown role or unit",
                        value,
                        tenant.slug());
            }
        }
        if (roles.isEmpty()) {
            throw refusal(NO_STAFF_ROLE, "the staff identity holds no role in any unit of " + tenant.slug());
        }
        Confidentiality clearance = Optional.ofNullable(oidc.getClaimAsString(settings.clearanceClaim()))
                .flatMap(Clearance::fromClaim)
                .orElse(Confidentiality.INTERNAL);
        String issuer = oidc.getIssuer() == null ? "" : oidc.getIssuer().toString();
        UUID staffId = transactions.call(
                tenant.id(),
                () -> register(
                        tenant,
                        issuer,
                        oidc,
                        clearance,
                        roles,
                        null,
                        "LOGIN",
                        Map.of("provider", issuer, "roles", roles.toString())));
        // Roles on a federation's units (codes that are that federation's units here) reach the other members those
        // units serve: the staff member is registered there with only those roles, replacing only what they held of
        // the federations' units there; a member they no longer reach loses those roles.
        Map<TenantId, Map<String, Set<StaffRole>>> reached = new LinkedHashMap<>();
        Map<TenantId, Set<String>> federationUnits = new HashMap<>();
        for (Federation federation : tenants.federations()) {
            if (!federation.members().contains(tenant.id())) {
                continue;
            }
            Set<String> ours = new HashSet<>();
            for (String code : roles.keySet()) {
                if (tenants.federationOf(tenant.id(), code)
                        .filter(f -> f.id().equals(federation.id()))
                        .isPresent()) {
                    ours.add(code);
                }
            }
            for (TenantId member : federation.members()) {
                if (member.equals(tenant.id())) {
                    continue;
                }
                federationUnits
                        .computeIfAbsent(member, m -> new HashSet<>())
                        .addAll(federation.unitsServing(
                                member,
                                federation.units().stream()
                                        .map(Federation.FederationUnit::code)
                                        .toList()));
                Map<String, Set<StaffRole>> there = reached.computeIfAbsent(member, m -> new HashMap<>());
                federation.unitsServing(member, ours).forEach(code -> there.put(code, roles.get(code)));
            }
        }
        Map<TenantId, UUID> elsewhere = new LinkedHashMap<>();
        for (var entry : reached.entrySet()) {
            TenantId member = entry.getKey();
            Map<String, Set<StaffRole>> there = entry.getValue();
            Tenant other = tenants.byId(member).orElseThrow();
            Set<String> replaced = federationUnits.getOrDefault(member, Set.of());
            if (there.isEmpty()) {
                transactions.run(member, () -> revoke(other, issuer, oidc.getSubject(), replaced, tenant.slug()));
                continue;
            }
            elsewhere.put(
                    member,
                    transactions.call(
                            member,
                            () -> register(
                                    other,
                                    issuer,
                                    oidc,
                                    clearance,
                                    there,
                                    replaced,
                                    "LOGIN_VIA_FEDERATION",
                                    Map.of(
                                            "provider",
                                            issuer,
                                            "loggedInAt",
                                            tenant.slug(),
                                            "roles",
                                            there.toString()))));
        }
        var user = new SignedInUser.Staff(
                tenant.id(), staffId, displayName(oidc), oidc.getEmail(), roles, clearance, elsewhere);
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
        roles.values().stream()
                .flatMap(Set::stream)
                .distinct()
                .forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        return new SamlaPrincipal(oidc, user, authorities);
    }

    /**
     * Remembers the staff member in the tenant with these roles, and audits it; gives their id there.
     *
     * @param replacedUnits the unit codes whose roles the login replaces; null: all of them
     */
    private UUID register(
            Tenant tenant,
            String issuer,
            OidcUser oidc,
            Confidentiality clearance,
            Map<String, Set<StaffRole>> roles,
            Set<String> replacedUnits,
            String action,
            Map<String, String> details) {
        UUID staffId = jdbc.sql("""
                INSERT INTO identity.staff_member (id, tenant_id, issuer, subject, name, email, clearance, last_login_at)
                VALUES (:id, :tenant, :issuer, :subject, :name, :email, :clearance, now())
                ON CONFLICT (tenant_id, issuer, subject) DO UPDATE SET name = excluded.name, email = excluded.email,
                    clearance = excluded.clearance, last_login_at = excluded.last_login_at
                RETURNING id
                """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.id().value())
                .param("issuer", issuer)
                .param("subject", oidc.getSubject())
                .param("name", displayName(oidc))
                .param("email", oidc.getEmail())
                .param("clearance", clearance.name())
                .query(UUID.class)
                .single();
        if (replacedUnits == null) {
            jdbc.sql("DELETE FROM identity.staff_role WHERE tenant_id = :tenant AND staff_id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", staffId)
                    .update();
        } else {
            deleteRoles(tenant, staffId, replacedUnits);
        }
        roles.forEach((unitCode, unitRoles) -> unitRoles.forEach(role -> jdbc.sql("""
                INSERT INTO identity.staff_role (tenant_id, staff_id, unit_id, role) VALUES (:tenant, :staff, :unit, :role)
                """)
                .param("tenant", tenant.id().value())
                .param("staff", staffId)
                .param("unit", tenants.unit(tenant.id(), unitCode).orElseThrow().id())
                .param("role", role.name())
                .update()));
        audit.record(new AuditRecord(Actor.of("staff:" + staffId), action, "staff", staffId.toString(), details));
        return staffId;
    }

    /** The staff member's roles on these units of the tenant go: their federation role no longer reaches it. */
    private void revoke(Tenant tenant, String issuer, String subject, Set<String> units, String loggedInAt) {
        jdbc.sql(
                        "SELECT id FROM identity.staff_member WHERE tenant_id = :tenant AND issuer = :issuer AND subject = :subject")
                .param("tenant", CurrentTenant.require().value())
                .param("issuer", issuer)
                .param("subject", subject)
                .query(UUID.class)
                .optional()
                .ifPresent(staffId -> {
                    if (deleteRoles(tenant, staffId, units) > 0) {
                        audit.record(new AuditRecord(
                                Actor.of("staff:" + staffId),
                                "FEDERATION_ROLES_REVOKED",
                                "staff",
                                staffId.toString(),
                                Map.of("loggedInAt", loggedInAt)));
                    }
                });
    }

    private int deleteRoles(Tenant tenant, UUID staffId, Set<String> unitCodes) {
        List<UUID> unitIds = unitCodes.stream()
                .map(code -> tenants.unit(tenant.id(), code))
                .flatMap(Optional::stream)
                .map(Unit::id)
                .toList();
        if (unitIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(
                        "DELETE FROM identity.staff_role WHERE tenant_id = :tenant AND staff_id = :id AND unit_id IN (:units)")
                .param("tenant", CurrentTenant.require().value())
                .param("id", staffId)
                .param("units", unitIds)
                .update();
    }

    private static String displayName(OidcUser oidc) {
        if (oidc.getFullName() != null && !oidc.getFullName().isBlank()) {
            return oidc.getFullName();
        }
        String joined = String.join(
                        " ",
                        Optional.ofNullable(oidc.getGivenName()).orElse(""),
                        Optional.ofNullable(oidc.getFamilyName()).orElse(""))
                .strip();
        return joined.isEmpty() ? "?" : joined;
    }

    static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }
}
