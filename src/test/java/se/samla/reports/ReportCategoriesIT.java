package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.CaseType;
import se.samla.catalog.Catalog;

/** Report categories are case types marked as reports; category and area decide the owning unit. */
class ReportCategoriesIT extends SamlaIntegrationTest {

    @Autowired
    Catalog catalog;

    @Autowired
    Areas areas;

    @Test
    void theDemoTenantHasItsReportCategoriesRoutedByArea() {
        var tenant = tenants.bySlug("vanersborg").orElseThrow().id();
        assertThat(catalog.current(tenant).stream()
                        .filter(t -> t.definition().isReportCategory())
                        .map(CaseType::code))
                .contains(
                        "gatubelysning",
                        "hal-i-gata",
                        "snorojning",
                        "vattenlacka",
                        "klotter",
                        "nedskrapning",
                        "lekplats");
        var snow = catalog.current(tenant, "snorojning").orElseThrow().definition();
        assertThat(areas.owningUnit(tenant, snow, new Position(58.357, 12.395)))
                .as("Vargön")
                .isEqualTo("SBF-DRIFT");
        assertThat(areas.owningUnit(tenant, snow, new Position(58.3807, 12.3234)))
                .as("centrum")
                .isEqualTo("SBF-GATA");
        assertThat(areas.owningUnit(tenant, snow, new Position(58.45, 12.10)))
                .as("outside every area")
                .isEqualTo("SBF-GATA");
        var leak = catalog.current(tenant, "vattenlacka").orElseThrow().definition();
        assertThat(areas.owningUnit(tenant, leak, new Position(58.357, 12.395))).isEqualTo("SBF-KOV");
    }
}
