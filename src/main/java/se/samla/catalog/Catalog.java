package se.samla.catalog;

import java.util.List;
import java.util.Optional;
import se.samla.shared.TenantId;

/** The tenant's case types. */
public interface Catalog {

    /** The current version of every case type of the tenant. */
    List<CaseType> current(TenantId tenant);

    Optional<CaseType> current(TenantId tenant, String code);

    /** A given version, also an older one that running cases were started under. */
    Optional<CaseType> version(TenantId tenant, String code, int version);
}
