package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.CurrentFederation;
import se.samla.shared.FederationId;
import se.samla.shared.TenantId;
import se.samla.tenancy.Federation;

/**
 * A federation's reading reaches exactly the cases of its units in the members they serve, and nothing else; and
 * an ordinary transaction still sees one tenant. Checked on the database's own rules, with SQL that forgets every
 * filter.
 */
class FederationRowLevelSecurityIT extends SamlaIntegrationTest {

    @Autowired
    TransactionTemplate template;

    Federation federation;
    TenantId trollhattan;
    UUID foodCase;
    UUID buildingCase;
    UUID vanersborgFoodCase;
    String word;

    @BeforeEach
    void casesInBothMunicipalities() {
        federation = tenants.federations().stream()
                .filter(f -> f.slug().equals("miljoforbundet"))
                .findFirst()
                .orElseThrow();
        trollhattan = tenants.bySlug("trollhattan").orElseThrow().id();
        word = "fed" + UUID.randomUUID().toString().substring(0, 8);
        foodCase = insertCase(trollhattan, "registrering-livsmedelsanlaggning", "MHF-LIVS");
        buildingCase = insertCase(trollhattan, "bygglov", "SBF-BYGG");
        vanersborgFoodCase = insertCase(vanersborg.id(), "registrering-livsmedelsanlaggning", "MHF-LIVS");
    }

    UUID insertCase(TenantId tenant, String type, String unit) {
        UUID id = UUID.randomUUID();
        transactions.run(tenant, () -> {
            jdbc.sql("""
                    INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status,
                        confidentiality, submission_id, channel, answers, submitted_at, planned_decision_on,
                        latest_decision_on)
                    VALUES (:id, :t, :ref, :type, 1, :unit, 'mottagen', 'PUBLIC', :s, 'API', '{}', now(), current_date,
                        current_date)
                    """)
                    .param("id", id)
                    .param("t", tenant.value())
                    .param("ref", "F " + id)
                    .param("type", type)
                    .param("unit", unit)
                    .param("s", UUID.randomUUID())
                    .update();
            jdbc.sql("SELECT cases.index_case(:t, :id, :words)")
                    .param("t", tenant.value())
                    .param("id", id)
                    .param("words", word + " " + unit)
                    .query((rs, n) -> n)
                    .list();
        });
        return id;
    }

    /** A read-write transaction with the tenant and the federation set by hand, so only the policies stand guard. */
    <T> T asFederation(FederationId federation, TenantId tenant, Supplier<T> work) {
        return template.execute(status -> {
            String units = jdbc.sql("""
                            SELECT coalesce(array_agg(unit_code), '{}')::text FROM tenancy.federation_unit
                            WHERE federation_id = :f AND tenant_id = :t""")
                    .param("t", tenant.value())
                    .param("f", federation.value())
                    .query(String.class)
                    .single();
            // as SET LOCAL, the way the application sets them, so that Citus passes them on to its workers too
            jdbc.sql("SET LOCAL samla.tenant_id = '" + tenant + "'").update();
            jdbc.sql("SET LOCAL samla.federation_id = '" + federation + "'").update();
            jdbc.sql("SET LOCAL samla.federation_units = '" + units + "'").update();
            return work.get();
        });
    }

    List<String> unitsOfVisibleCases() {
        return jdbc.sql("SELECT DISTINCT tenant_id || ' ' || unit FROM cases.\"case\"")
                .query(String.class)
                .list();
    }

    @Test
    void aFederationReadsOnlyItsUnitsCasesOfTheMember() {
        List<UUID> seen = transactions.readForFederation(
                federation.id(),
                trollhattan,
                () -> jdbc.sql("SELECT id FROM cases.\"case\"")
                        .query(UUID.class)
                        .list());
        assertThat(seen).contains(foodCase).doesNotContain(buildingCase, vanersborgFoodCase);
        List<String> units = transactions.readForFederation(federation.id(), trollhattan, this::unitsOfVisibleCases);
        assertThat(units)
                .isNotEmpty()
                .allSatisfy(
                        u -> assertThat(u).startsWith(trollhattan.toString()).matches(".* (MHF|MHF-LIVS)$"));

        // the search index keeps to the same cases
        List<UUID> found = transactions.readForFederation(
                federation.id(),
                trollhattan,
                () -> jdbc.sql(
                                "SELECT cases.matching_cases(:t, :q, ARRAY['MHF-LIVS','SBF-BYGG'], ARRAY['PUBLIC'], 100)")
                        .param("t", trollhattan.value())
                        .param("q", word)
                        .query(UUID.class)
                        .list());
        assertThat(found).containsExactly(foodCase);
    }

    @Test
    void aFederationSeesNothingElseOfTheMember() {
        for (String table : List.of(
                "tenancy.unit",
                "identity.person",
                "identity.staff_member",
                "identity.staff_role",
                "cases.status_change",
                "cases.attachment",
                "cases.draft",
                "records.case_file",
                "records.entry",
                "audit.entry")) {
            Long rows = transactions.readForFederation(
                    federation.id(),
                    trollhattan,
                    () -> jdbc.sql("SELECT count(*) FROM " + table)
                            .query(Long.class)
                            .single());
            assertThat(rows).as(table).isZero();
        }
    }

    @Test
    void aFederationCanWriteNothingEvenWhenItsTransactionCould() {
        int rolesBefore = transactions.read(
                trollhattan,
                () -> jdbc.sql("SELECT count(*) FROM identity.staff_role")
                        .query(Integer.class)
                        .single());
        int updated = asFederation(
                federation.id(),
                trollhattan,
                () -> jdbc.sql("UPDATE cases.\"case\" SET status = 'kapad' WHERE id = :id")
                        .param("id", foodCase)
                        .update());
        int deleted = asFederation(
                federation.id(),
                trollhattan,
                () -> jdbc.sql("DELETE FROM identity.staff_role").update());
        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThatThrownBy(() -> asFederation(
                        federation.id(),
                        trollhattan,
                        () -> jdbc.sql("""
                        INSERT INTO tenancy.unit (id, tenant_id, code, name_sv, name_en, kind)
                        VALUES (:id, :t, 'INTRUDER', 'Inkräktare', 'Intruder', 'ADMINISTRATION')
                        """)
                                .param("id", UUID.randomUUID())
                                .param("t", trollhattan.value())
                                .update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("row-level security");
        String status = transactions.read(
                trollhattan,
                () -> jdbc.sql("SELECT status FROM cases.\"case\" WHERE id = :id")
                        .param("id", foodCase)
                        .query(String.class)
                        .single());
        assertThat(status).isEqualTo("mottagen");
        assertThat(transactions.read(
                        trollhattan,
                        () -> jdbc.sql("SELECT count(*) FROM identity.staff_role")
                                .query(Integer.class)
                                .single()))
                .isEqualTo(rolesBefore);
        // nor can it put words into the search index
        asFederation(
                federation.id(),
                trollhattan,
                () -> jdbc.sql("SELECT cases.index_case(:t, :id, 'kapat')")
                        .param("t", trollhattan.value())
                        .param("id", foodCase)
                        .query((rs, n) -> n)
                        .list());
        assertThat(transactions.read(
                        trollhattan,
                        () -> jdbc.sql(
                                        "SELECT cases.matching_cases(:t, 'kapat', ARRAY['MHF-LIVS'], ARRAY['PUBLIC'], 10)")
                                .param("t", trollhattan.value())
                                .query(UUID.class)
                                .list()))
                .isEmpty();
    }

    @Test
    void anUnknownFederationOrATenantItDoesNotServeSeesNothing() {
        FederationId stranger = new FederationId(UUID.randomUUID());
        assertThat(transactions.readForFederation(stranger, trollhattan, this::unitsOfVisibleCases))
                .isEmpty();
        // the federation named, but the tenant of the transaction is another: the tenant still bounds everything
        assertThat(transactions.readForFederation(
                        federation.id(),
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT id FROM cases.\"case\" WHERE id IN (:ids)")
                                .param("ids", List.of(foodCase, buildingCase))
                                .query(UUID.class)
                                .list()))
                .isEmpty();
    }

    @Test
    void anOrdinaryTransactionStillSeesOneTenantAndAllOfItsUnits() {
        List<String> tenantsSeen = transactions.read(
                trollhattan,
                () -> jdbc.sql("SELECT DISTINCT tenant_id::text FROM cases.\"case\"")
                        .query(String.class)
                        .list());
        assertThat(tenantsSeen).containsExactly(trollhattan.toString());
        List<UUID> ids = transactions.read(
                trollhattan,
                () -> jdbc.sql("SELECT id FROM cases.\"case\" WHERE id IN (:ids)")
                        .param("ids", List.of(foodCase, buildingCase, vanersborgFoodCase))
                        .query(UUID.class)
                        .list());
        assertThat(ids).containsExactlyInAnyOrder(foodCase, buildingCase);
        // a federation left set on the thread by a caller does not narrow or widen ordinary work
        try (var ignored = CurrentFederation.open(federation.id())) {
            List<UUID> still = transactions.read(
                    trollhattan,
                    () -> jdbc.sql("SELECT id FROM cases.\"case\" WHERE id IN (:ids)")
                            .param("ids", List.of(foodCase, buildingCase, vanersborgFoodCase))
                            .query(UUID.class)
                            .list());
            assertThat(still).containsExactlyInAnyOrder(foodCase, buildingCase);
        }
    }

    @Test
    void aFederationReadCannotJoinAnOpenTransaction() {
        assertThatThrownBy(() -> transactions.read(
                        trollhattan,
                        () -> transactions.readForFederation(
                                federation.id(),
                                trollhattan,
                                () -> jdbc.sql("SELECT 1").query(Integer.class).single())))
                .isInstanceOf(IllegalStateException.class);
    }
}
