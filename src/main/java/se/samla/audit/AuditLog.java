package se.samla.audit;

import java.util.List;
import se.samla.shared.TenantId;

/** Writes to and checks the audit log of the current tenant. */
public interface AuditLog {

    /**
     * Appends an entry inside the caller's transaction, so the entry and the change it records are
     * committed together or not at all. Fails when there is no transaction or no tenant.
     */
    void record(AuditRecord record);

    /** Recomputes the tenant's whole chain and reports every entry that was changed, removed or inserted. */
    ChainVerification verify(TenantId tenant);

    /** The entries about the given objects, by the given actions, newest first. */
    List<AuditEntry> about(
            TenantId tenant,
            String objectType,
            java.util.Collection<String> objectIds,
            java.util.Collection<String> actions,
            int limit);

    /** The most recent entries, newest first. */
    List<AuditEntry> latest(TenantId tenant, int limit);
}
