package se.samla.tenancy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;

/**
 * Brings the database in line with the tenant configuration at every start, before requests are served:
 * new tenants and units are added, changed names updated, and units no longer configured are closed
 * (kept, since cases refer to them) and announced with {@link UnitClosed}.
 */
@Component
class TenantSynchroniser implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TenantSynchroniser.class);

    private final TenantRegistry registry;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final ApplicationEventPublisher events;

    TenantSynchroniser(
            TenantRegistry registry,
            JdbcClient jdbc,
            TenantTransactions transactions,
            ApplicationEventPublisher events) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Tenant tenant : registry.all()) {
            transactions.run(tenant.id(), () -> synchronise(tenant));
        }
    }

    private void synchronise(Tenant tenant) {
        jdbc.sql("""
                INSERT INTO tenancy.tenant (id, slug, name, organisation_number, hosts, updated_at)
                VALUES (:id, :slug, :name, :org, string_to_array(:hosts, ','), now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, organisation_number = excluded.organisation_number,
                    hosts = excluded.hosts, updated_at = excluded.updated_at
                """)
                .param("id", tenant.id().value())
                .param("slug", tenant.slug())
                .param("name", tenant.name())
                .param("org", tenant.organisationNumber().digits())
                .param("hosts", String.join(",", tenant.hosts()))
                .update();
        for (Federation federation : registry.federations()) {
            if (federation.members().contains(tenant.id())) {
                jdbc.sql("""
                        INSERT INTO tenancy.federation (id, slug, name, organisation_number, updated_at)
                        VALUES (:id, :slug, :name, :org, now())
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                            organisation_number = excluded.organisation_number, updated_at = excluded.updated_at
                        """)
                        .param("id", federation.id().value())
                        .param("slug", federation.slug())
                        .param("name", federation.name())
                        .param("org", federation.organisationNumber().digits())
                        .update();
            }
        }
        List<Unit> units = registry.units(tenant.id());
        Set<UUID> configured = new HashSet<>();
        for (Unit unit : units) {
            configured.add(unit.id());
            UUID parent = unit.parentCode() == null ? null : TenantRegistry.unitId(tenant.id(), unit.parentCode());
            jdbc.sql("""
                    INSERT INTO tenancy.unit (id, tenant_id, code, name_sv, name_en, parent_id, kind, active, federation_id)
                    VALUES (:id, :tenant, :code, :sv, :en, :parent, :kind, true, :federation)
                    ON CONFLICT (tenant_id, id) DO UPDATE SET name_sv = excluded.name_sv, name_en = excluded.name_en,
                        parent_id = excluded.parent_id, kind = excluded.kind, active = true,
                        federation_id = excluded.federation_id
                    """)
                    .param(
                            "federation",
                            registry.federationOf(tenant.id(), unit.code())
                                    .map(f -> f.id().value())
                                    .orElse(null))
                    .param("id", unit.id())
                    .param("tenant", tenant.id().value())
                    .param("code", unit.code())
                    .param("sv", unit.name().sv())
                    .param(
                            "en",
                            unit.name().en() == null
                                    ? unit.name().sv()
                                    : unit.name().en())
                    .param("parent", parent)
                    .param("kind", unit.kind().name())
                    .update();
        }
        // what the row-level security policy on cases lets a federation read: exactly its configured units here
        jdbc.sql("DELETE FROM tenancy.federation_unit WHERE tenant_id = :tenant")
                .param("tenant", tenant.id().value())
                .update();
        for (Unit unit : units) {
            registry.federationOf(tenant.id(), unit.code())
                    .ifPresent(federation -> jdbc.sql("""
                    INSERT INTO tenancy.federation_unit (federation_id, tenant_id, unit_code) VALUES (:f, :t, :code)
                    """)
                            .param("f", federation.id().value())
                            .param("t", tenant.id().value())
                            .param("code", unit.code())
                            .update());
        }
        List<ClosedUnit> closing = jdbc
                .sql("SELECT id, code FROM tenancy.unit WHERE tenant_id = :tenant AND active")
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new ClosedUnit(rs.getObject("id", UUID.class), rs.getString("code")))
                .list()
                .stream()
                .filter(u -> !configured.contains(u.id()))
                .toList();
        for (ClosedUnit unit : closing) {
            jdbc.sql("UPDATE tenancy.unit SET active = false WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", unit.id())
                    .update();
            events.publishEvent(new UnitClosed(tenant.id(), unit.id(), unit.code()));
            log.info("Closed unit {} of {}: no longer in its configuration", unit.code(), tenant.slug());
        }
    }

    private record ClosedUnit(UUID id, String code) {}
}
