package se.samla.audit;

import java.util.List;
import se.samla.shared.TenantId;

/** Writes to and checks the audit log of the current tenant. */
public interface AuditLog {

    /**
     * Adds an entry to the caller's transaction: it is chained when the transaction commits, so the entry and the
     * change it records are committed together or not at all, and a problem writing it fails the commit. Fails at
     * once when there is no transaction or no tenant. Not to be called from a transaction synchronization's
     * callbacks, which run when the commit is already under way.
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
