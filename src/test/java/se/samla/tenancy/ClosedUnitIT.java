package se.samla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.TenantId;

/**
 * A unit dropped from a tenant's configuration is closed at the next start, and the identity module,
 * told through the event publication registry, takes away every staff role in it.
 */
class ClosedUnitIT extends SamlaIntegrationTest {

    @Autowired
    TenantSynchroniser synchroniser;

    @Test
    void aUnitNoLongerConfiguredIsClosedAndItsStaffRolesGo() {
        TenantId tenant = tenants.bySlug("vanersborg").orElseThrow().id();
        UUID unit = UUID.randomUUID();
        UUID staff = UUID.randomUUID();
        transactions.run(tenant, () -> {
            jdbc.sql("INSERT INTO tenancy.unit (id, tenant_id, code, name_sv, name_en, kind) "
                            + "VALUES (:id, :t, 'NEDLAGD', 'Nedlagd enhet', 'Closed unit', 'ADMINISTRATION')")
                    .param("id", unit)
                    .param("t", tenant.value())
                    .update();
            jdbc.sql(
                            "INSERT INTO identity.staff_member (id, tenant_id, issuer, subject, name, clearance, last_login_at) "
                                    + "VALUES (:id, :t, 'test', :id, 'Test Testsson', 'INTERNAL', now())")
                    .param("id", staff)
                    .param("t", tenant.value())
                    .update();
            jdbc.sql(
                            "INSERT INTO identity.staff_role (tenant_id, staff_id, unit_id, role) VALUES (:t, :s, :u, 'CASE_OFFICER')")
                    .param("t", tenant.value())
                    .param("s", staff)
                    .param("u", unit)
                    .update();
        });

        synchroniser.afterSingletonsInstantiated();

        Boolean active = transactions.read(
                tenant,
                () -> jdbc.sql("SELECT active FROM tenancy.unit WHERE id = :id")
                        .param("id", unit)
                        .query(Boolean.class)
                        .single());
        assertThat(active).isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Integer roles = transactions.read(
                    tenant,
                    () -> jdbc.sql("SELECT count(*) FROM identity.staff_role WHERE unit_id = :u")
                            .param("u", unit)
                            .query(Integer.class)
                            .single());
            assertThat(roles).isZero();
            Integer left = jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%UnitClosed' "
                            + "AND serialized_event LIKE :unit")
                    .param("unit", "%" + unit + "%")
                    .query(Integer.class)
                    .single();
            assertThat(left)
                    .as("no publication of it is left unfinished; a completed one is forgotten at once")
                    .isZero();
        });
        Integer configuredStillActive = transactions.read(
                tenant,
                () -> jdbc.sql("SELECT count(*) FROM tenancy.unit WHERE code = 'SBF-KOV' AND active")
                        .query(Integer.class)
                        .single());
        assertThat(configuredStillActive).isEqualTo(1);
    }
}
