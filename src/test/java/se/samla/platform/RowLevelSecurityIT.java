package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** SQL that forgets its tenant filter still sees and touches only its own tenant's rows. */
class RowLevelSecurityIT extends SamlaIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    TenantId vanersborg() {
        return tenants.bySlug("vanersborg").orElseThrow().id();
    }

    TenantId trollhattan() {
        return tenants.bySlug("trollhattan").orElseThrow().id();
    }

    <T> T inTenant(TenantId tenant, java.util.function.Supplier<T> work) {
        return CurrentTenant.callAs(tenant, () -> transactions.execute(status -> work.get()));
    }

    @Test
    void unfilteredQueryReturnsOnlyTheCurrentTenantsRows() {
        List<UUID> owners = inTenant(
                vanersborg(),
                () -> jdbc.sql("SELECT tenant_id FROM tenancy.unit")
                        .query(UUID.class)
                        .list());
        assertThat(owners).isNotEmpty().containsOnly(vanersborg().value());

        Integer othersEvenWhenAsked = inTenant(
                vanersborg(),
                () -> jdbc.sql("SELECT count(*) FROM tenancy.unit WHERE tenant_id = :other")
                        .param("other", trollhattan().value())
                        .query(Integer.class)
                        .single());
        assertThat(othersEvenWhenAsked).isZero();
    }

    @Test
    void insertingARowForAnotherTenantFails() {
        assertThatThrownBy(() -> inTenant(
                        vanersborg(),
                        () -> jdbc.sql("""
                INSERT INTO tenancy.unit (id, tenant_id, code, name_sv, name_en, kind)
                VALUES (:id, :other, 'INTRUDER', 'Inkräktare', 'Intruder', 'ADMINISTRATION')
                """)
                                .param("id", UUID.randomUUID())
                                .param("other", trollhattan().value())
                                .update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("row-level security");
        Integer stored = inTenant(
                trollhattan(),
                () -> jdbc.sql("SELECT count(*) FROM tenancy.unit WHERE code = 'INTRUDER'")
                        .query(Integer.class)
                        .single());
        assertThat(stored).isZero();
    }

    @Test
    void updatingOrDeletingAnotherTenantsRowsChangesNothing() {
        int updated = inTenant(
                vanersborg(),
                () -> jdbc.sql("UPDATE tenancy.unit SET name_sv = 'Kapad' WHERE tenant_id = :other")
                        .param("other", trollhattan().value())
                        .update());
        assertThat(updated).isZero();
        List<String> names = inTenant(
                trollhattan(),
                () -> jdbc.sql("SELECT name_sv FROM tenancy.unit")
                        .query(String.class)
                        .list());
        assertThat(names).isNotEmpty().doesNotContain("Kapad");
    }

    @Test
    void movingOwnRowToAnotherTenantFails() {
        assertThatThrownBy(() -> inTenant(
                        vanersborg(),
                        () -> jdbc.sql("UPDATE tenancy.unit SET tenant_id = :other")
                                .param("other", trollhattan().value())
                                .update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                // Citus refuses before the policy is asked: a row cannot leave its shard
                .hasMessageContaining(
                        TestDatabase.isCitus(context)
                                ? "modifying the partition value of rows is not allowed"
                                : "row-level security");
        Integer moved = inTenant(
                trollhattan(),
                () -> jdbc.sql("SELECT count(*) FROM tenancy.unit WHERE tenant_id <> :own")
                        .param("own", trollhattan().value())
                        .query(Integer.class)
                        .single());
        assertThat(moved).isZero();
    }

    @Test
    void theSearchIndexAnswersOnlyForTheCurrentTenant() {
        UUID otherCase = UUID.randomUUID();
        // a Trollhättan case whose words are indexed for Trollhättan
        inTenant(
                trollhattan(),
                () -> jdbc.sql("""
                INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
                    submission_id, channel, answers, submitted_at, planned_decision_on, latest_decision_on)
                VALUES (:id, :t, :ref, 'bygglov', 1, 'SBF-BYGG', 'mottagen', 'PUBLIC', :s, 'API', '{}', now(), current_date, current_date)
                """)
                                .param("id", otherCase)
                                .param("t", trollhattan().value())
                                .param("ref", "T " + otherCase)
                                .param("s", UUID.randomUUID())
                                .update()
                        + jdbc.sql("SELECT cases.index_case(:t, :id, 'hemlighetsfullt trollhättanord')")
                                .param("t", trollhattan().value())
                                .param("id", otherCase)
                                .query((rs, n) -> n)
                                .list()
                                .size());
        // Vänersborg finds nothing, whether it names itself or Trollhättan as the tenant to search
        for (TenantId named : List.of(vanersborg(), trollhattan())) {
            List<UUID> fromVanersborg = inTenant(
                    vanersborg(),
                    () -> jdbc.sql(
                                    "SELECT cases.matching_cases(:t, 'trollhättanord', ARRAY['SBF-BYGG'], ARRAY['PUBLIC'], 100)")
                            .param("t", named.value())
                            .query(UUID.class)
                            .list());
            assertThat(fromVanersborg).as("named " + named).isEmpty();
        }
        List<UUID> fromTrollhattan = inTenant(
                trollhattan(),
                () -> jdbc.sql(
                                "SELECT cases.matching_cases(:t, 'trollhättanord', ARRAY['SBF-BYGG'], ARRAY['PUBLIC'], 100)")
                        .param("t", trollhattan().value())
                        .query(UUID.class)
                        .list());
        assertThat(fromTrollhattan).containsExactly(otherCase);
        // nor can a tenant index another tenant's case, under its own name or the other's
        for (TenantId named : List.of(vanersborg(), trollhattan())) {
            inTenant(
                    vanersborg(),
                    () -> jdbc.sql("SELECT cases.index_case(:t, :id, 'kapat')")
                            .param("t", named.value())
                            .param("id", otherCase)
                            .query((rs, n) -> n)
                            .list());
        }
        assertThat(inTenant(
                        trollhattan(),
                        () -> jdbc.sql(
                                        "SELECT cases.matching_cases(:t, 'kapat', ARRAY['SBF-BYGG'], ARRAY['PUBLIC'], 100)")
                                .param("t", trollhattan().value())
                                .query(UUID.class)
                                .list()))
                .isEmpty();
        if (TestDatabase.isCitus(context)) {
            // on Citus the index is open to the application, under the same policy as every municipal table
            assertThat(inTenant(
                            vanersborg(),
                            () -> jdbc.sql("SELECT count(*) FROM cases.case_search WHERE case_id = :c")
                                    .param("c", otherCase)
                                    .query(Integer.class)
                                    .single()))
                    .isZero();
        } else {
            assertThatThrownBy(() -> inTenant(
                            vanersborg(),
                            () -> jdbc.sql("SELECT count(*) FROM cases.case_search")
                                    .query(Integer.class)
                                    .single()))
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
    }

    /**
     * The tenant is found once per statement (a sub-select), not once per row read, and the policy lets PostgreSQL
     * use parallel workers: those start with the leader's settings, so they too see only the current tenant's rows.
     */
    @Test
    void aParallelQuerySeesOnlyTheCurrentTenantsRows() {
        boolean citus = TestDatabase.isCitus(context);
        List<String> otherwise = jdbc.sql("""
                SELECT schemaname || '.' || tablename FROM pg_policies
                WHERE policyname = 'tenant_isolation'
                  AND (regexp_replace(qual, '[[:space:]]+', ' ', 'g') <> :policy
                       OR regexp_replace(with_check, '[[:space:]]+', ' ', 'g') <> :policy)
                """)
                .param(
                        "policy",
                        citus
                                // Citus allows no sub-select in a policy; each query names its tenant instead
                                ? "(tenant_id = CASE WHEN (samla_current_federation() IS NULL) THEN"
                                        + " samla_current_tenant() ELSE NULL::uuid END)"
                                : "((tenant_id = ( SELECT samla_current_tenant() AS samla_current_tenant)) AND (( SELECT"
                                        + " samla_current_federation() AS samla_current_federation) IS NULL))")
                .query(String.class)
                .list();
        assertThat(otherwise).isEmpty();
        if (citus) {
            return; // a query on Citus runs on a shard, where the worker plans it; nothing of the coordinator's plan
        }

        long serial = inTenant(
                vanersborg(),
                () -> jdbc.sql("SELECT count(*) FROM tenancy.unit")
                        .query(Long.class)
                        .single());
        String parallelPlan = inTenant(vanersborg(), () -> {
            jdbc.sql("SELECT set_config('debug_parallel_query', 'on', true)")
                    .query()
                    .singleValue();
            return jdbc
                    .sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM tenancy.unit")
                    .query(String.class)
                    .list()
                    .stream()
                    .collect(java.util.stream.Collectors.joining("\n"));
        });
        assertThat(serial).isPositive();
        assertThat(parallelPlan).contains("Gather").containsPattern("Workers Launched: [1-9]");
        long parallel = inTenant(vanersborg(), () -> {
            jdbc.sql("SELECT set_config('debug_parallel_query', 'on', true)")
                    .query()
                    .singleValue();
            return jdbc.sql("SELECT count(*) FROM tenancy.unit")
                    .query(Long.class)
                    .single();
        });
        assertThat(parallel).isEqualTo(serial);
    }

    @Test
    void withoutATenantNoTenantRowIsVisible() {
        Integer inTransaction = transactions.execute(status -> jdbc.sql("SELECT count(*) FROM tenancy.unit")
                .query(Integer.class)
                .single());
        Integer withoutTransaction = jdbc.sql("SELECT count(*) FROM tenancy.unit")
                .query(Integer.class)
                .single();
        assertThat(inTransaction).isZero();
        assertThat(withoutTransaction).isZero();
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotBypassTheRules() {
        var role = jdbc.sql("""
                SELECT rolsuper, rolbypassrls,
                       (SELECT count(*) FROM pg_tables WHERE tableowner = current_user) AS owned
                FROM pg_roles WHERE rolname = current_user
                """)
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getLong(3) > 0))
                .single();
        assertThat(role).containsExactly(false, false, false);
    }

    /**
     * Every table with a tenant column is under forced row-level security, or (the search index, which
     * RLS would keep from using its index) closed to the application, reached only through functions
     * bound to the transaction's tenant.
     */
    @Test
    void everyTableWithATenantColumnIsUnderForcedRowLevelSecurity() {
        List<String> unprotected = jdbc.sql("""
                SELECT n.nspname || '.' || c.relname
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                  -- configuration that the policy on cases consults, like the list of tenants: readable everywhere
                  AND n.nspname || '.' || c.relname <> 'tenancy.federation_unit'
                  AND (has_table_privilege(current_user, c.oid, 'SELECT') OR has_table_privilege(current_user, c.oid, 'INSERT')
                       OR has_table_privilege(current_user, c.oid, 'UPDATE') OR has_table_privilege(current_user, c.oid, 'DELETE'))
                """).query(String.class).list();
        List<String> protectedTables = jdbc.sql("""
                SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                WHERE c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity
                """).query(String.class).list();
        assertThat(unprotected).isEmpty();
        assertThat(Integer.parseInt(protectedTables.get(0))).isGreaterThanOrEqualTo(6);
    }
}
