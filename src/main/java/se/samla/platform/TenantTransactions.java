package se.samla.platform;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.shared.CurrentFederation;
import se.samla.shared.CurrentTenant;
import se.samla.shared.FederationId;
import se.samla.shared.TenantId;

/**
 * Work for a named tenant in a transaction that PostgreSQL knows belongs to that tenant. Use this
 * wherever the tenant is not the one of the current request: event listeners, scheduled jobs, and
 * APIs that take a tenant id. (A plain {@code @Transactional} starts its transaction before the method
 * body could choose a tenant.)
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    TenantTransactions(PlatformTransactionManager transactionManager) {
        this.readWrite = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    public <T> T call(TenantId tenant, Supplier<T> work) {
        return in(tenant, readWrite, work);
    }

    public <T> T read(TenantId tenant, Supplier<T> work) {
        return in(tenant, readOnly, work);
    }

    /**
     * Reads one member's cases for a federation: PostgreSQL shows the cases of the tenant that the federation's
     * units own, nothing else of the tenant, and refuses every write. Always a transaction of its own.
     */
    public <T> T readForFederation(FederationId federation, TenantId tenant, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A federation read needs a transaction of its own");
        }
        try (CurrentTenant.Scope ignored = CurrentFederation.open(federation)) {
            return CurrentTenant.callAs(tenant, () -> readOnly.execute(status -> work.get()));
        }
    }

    public void run(TenantId tenant, Runnable work) {
        in(tenant, readWrite, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T in(TenantId tenant, TransactionTemplate template, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && (!CurrentTenant.get().map(tenant::equals).orElse(false)
                        || CurrentFederation.get().isPresent())) {
            // joining would run this tenant's work in a transaction PostgreSQL holds for another, or narrowed to a
            // federation's reading
            throw new IllegalStateException("A transaction for another tenant is already open");
        }
        // work for a tenant is never narrowed by a federation unless it asks for it
        try (CurrentTenant.Scope ignored = CurrentFederation.open(null)) {
            return CurrentTenant.callAs(tenant, () -> template.execute(status -> work.get()));
        }
    }
}
