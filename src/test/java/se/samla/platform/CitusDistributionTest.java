package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The policies as PostgreSQL prints them, turned into what Citus accepts on a distributed table. */
class CitusDistributionTest {

    @Test
    void theTenantPolicyLosesItsSubSelectsAndItsConditionWithoutAColumn() {
        String onOneServer = "((tenant_id = ( SELECT samla_current_tenant() AS samla_current_tenant)) AND (( SELECT"
                + " samla_current_federation() AS samla_current_federation) IS NULL))";
        assertThat(CitusDistribution.plainCalls(onOneServer))
                .isEqualTo("(tenant_id = CASE WHEN samla_current_federation() IS NULL THEN samla_current_tenant() END)")
                .doesNotContain("SELECT");
    }

    @Test
    void theFederationsReadingOfCasesKeepsItsUnits() {
        String onOneServer = "((tenant_id = ( SELECT samla_current_tenant() AS samla_current_tenant)) AND ((( SELECT"
                + " samla_current_federation() AS samla_current_federation) IS NULL) OR (unit = ANY"
                + " (samla_current_federation_units()))))";
        assertThat(CitusDistribution.plainCalls(onOneServer))
                .isEqualTo("((tenant_id = samla_current_tenant()) AND ((samla_current_federation() IS NULL) OR"
                        + " (unit = ANY (samla_current_federation_units()))))");
    }
}
