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

    /** The tenant's configuration folder, where other modules keep their own files (e.g. case-types/). */
    java.nio.file.Path configurationDirectory(TenantId tenant);

    /** The tenant the current request or work is for. */
    default Tenant current() {
        TenantId id = CurrentTenant.require();
        return byId(id).orElseThrow(() -> new IllegalStateException("Unknown tenant " + id));
    }
}
