package se.samla.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.UnitClosed;

/** Nobody keeps a role in a unit that no longer exists. */
@Component
class StaffRolesOfClosedUnits {

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    StaffRolesOfClosedUnits(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    // The tenant must be chosen before the transaction starts, so the transaction is opened here
    // rather than by @ApplicationModuleListener's own @Transactional.
    @Async
    @TransactionalEventListener
    void on(UnitClosed event) {
        transactions.run(event.tenantId(), () ->
                jdbc.sql("DELETE FROM identity.staff_role WHERE unit_id = :unit").param("unit", event.unitId()).update());
    }
}
