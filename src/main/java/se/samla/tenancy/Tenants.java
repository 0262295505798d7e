package se.samla.tenancy;

import java.util.List;
import java.util.Optional;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** The municipalities this installation serves, and their units. */
public interface Tenants {

    List<Tenant> all();

    Optional<Tenant> byId(TenantId id);

    Optional<Tenant> bySlug(String slug);

    Optional<Tenant> byHost(String host);

    /** Active units of the tenant, administrations before their sections. */
    List<Unit> units(TenantId tenant);

    Optional<Unit> unit(TenantId tenant, String code);

    /**
     * The active units that roles held in the given units reach: the units themselves, and the sections of an
     * administration.
     */
    default List<String> unitsReachedFrom(TenantId tenant, java.util.Set<String> unitsWithRoles) {
        return units(tenant).stream()
                .filter(u -> unitsWithRoles.contains(u.code())
                        || (u.parentCode() != null && unitsWithRoles.contains(u.parentCode())))
                .map(Unit::code)
                .toList();
    }

    /** The federations whose units serve municipalities of this installation; none unless configured. */
    default List<Federation> federations() {
        return List.of();
    }

    /** The federation whose unit this is in the tenant; empty for the tenant's own units. */
    default Optional<Federation> federationOf(TenantId tenant, String unitCode) {
        return federations().stream()
                .filter(f -> f.units().stream()
                        .anyMatch(u -> u.code().equals(unitCode) && u.serves().contains(tenant)))
                .findFirst();
    }

    /** The tenant's configuration folder, where other modules keep their own files (e.g. case-types/). */
    java.nio.file.Path configurationDirectory(TenantId tenant);

    /** The tenant the current request or work is for. */
    default Tenant current() {
        TenantId id = CurrentTenant.require();
        return byId(id).orElseThrow(() -> new IllegalStateException("Unknown tenant " + id));
    }
}
