package se.samla.shared;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The tenant the current thread works for. The web layer sets it per request; background work sets it
 * explicitly with {@link #callAs}. Every database transaction hands it to PostgreSQL, whose row-level
 * security then shows only that tenant's rows.
 */
public final class CurrentTenant {

    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private CurrentTenant() {}

    public static Optional<TenantId> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantId require() {
        TenantId tenant = CURRENT.get();
        if (tenant == null) {
            throw new IllegalStateException("No tenant is selected for this work");
        }
        return tenant;
    }

    /** Sets the tenant for the rest of this thread's current unit of work; prefer {@link #callAs}. */
    public static Scope open(TenantId tenant) {
        TenantId previous = CURRENT.get();
        CURRENT.set(tenant);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static <T> T callAs(TenantId tenant, Callable<T> work) {
        try (Scope ignored = open(tenant)) {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        try (Scope ignored = open(tenant)) {
            work.run();
        }
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
