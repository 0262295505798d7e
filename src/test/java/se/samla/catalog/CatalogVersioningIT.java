package se.samla.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.LocalizedText;

/** A changed definition becomes a new version; the old version stays readable for the cases started under it. */
class CatalogVersioningIT extends SamlaIntegrationTest {

    @Autowired
    CatalogService catalog;

    @Test
    void aChangedDefinitionBecomesANewVersionAndTheOldOneStays() {
        var tenant = tenants.bySlug("trollhattan").orElseThrow();
        CaseType before = catalog.current(tenant.id(), "bygglov").orElseThrow();

        var unchanged = transactions.call(tenant.id(), () -> catalog.store(tenant, before.definition()));
        assertThat(unchanged.version())
                .as("the same definition keeps its version")
                .isEqualTo(before.version());

        var d = before.definition();
        var renamed = new CaseTypeDefinition(
                d.code(),
                new LocalizedText("Bygglov, ny lydelse", "Building permit, reworded"),
                d.description(),
                d.category(),
                d.unit(),
                d.startedBy(),
                d.assuranceLevel(),
                d.confidentiality(),
                d.serviceNormDays() + 5,
                d.leadTimeDays() + 5,
                d.form(),
                d.statuses(),
                d.results(),
                d.keywords(),
                d.report(),
                d.registered(),
                d.classification(),
                d.signing(),
                d.coSigning(),
                d.childConfidentialFromAge(),
                d.transfer(),
                d.kolada(),
                d.fees(),
                null);
        CaseType after = transactions.call(tenant.id(), () -> catalog.store(tenant, renamed));

        assertThat(after.version()).isEqualTo(before.version() + 1);
        CaseType old = catalog.version(tenant.id(), "bygglov", before.version()).orElseThrow();
        assertThat(old.definition().name().sv()).isEqualTo(d.name().sv());
        assertThat(old.definition().serviceNormDays()).isEqualTo(d.serviceNormDays());
        assertThat(old.definition().form()).isEqualTo(d.form());
        assertThat(catalog.version(tenant.id(), "bygglov", after.version() + 1)).isEmpty();
        assertThat(catalog.version(tenants.bySlug("vanersborg").orElseThrow().id(), "bygglov", after.version()))
                .as("another tenant's versions are its own")
                .isEmpty();
    }
}
