package se.samla.shared;

import java.util.Optional;

/**
 * The federation a read-only transaction works for, on top of its tenant. Set only by
 * {@code TenantTransactions.readForFederation}; PostgreSQL then shows that tenant's cases of the federation's
 * units and nothing else, and refuses every write.
 */
public final class CurrentFederation {

    private static final ThreadLocal<FederationId> CURRENT = new ThreadLocal<>();

    private CurrentFederation() {}

    public static Optional<FederationId> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Sets (or, with null, clears) the federation until the returned scope closes. */
    public static CurrentTenant.Scope open(FederationId federation) {
        FederationId previous = CURRENT.get();
        if (federation == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(federation);
        }
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }
}
