package se.samla.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.UnitClosed;

/** Nobody keeps a role in a unit that no longer exists. */
@Component
class StaffRolesOfClosedUnits {

    private final JdbcClient jdbc;

    StaffRolesOfClosedUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(UnitClosed event) {
        jdbc.sql("DELETE FROM identity.staff_role WHERE tenant_id = :tenant AND unit_id = :unit")
                .param("tenant", CurrentTenant.require().value())
                .param("unit", event.unitId())
                .update();
    }
}
