package se.samla.shared;

/**
 * An event about one municipality's data. A module listener that handles it runs as that tenant, so its own
 * transaction is bound to the tenant's rows like a request's is.
 */
public interface TenantEvent {

    TenantId tenantId();
}
