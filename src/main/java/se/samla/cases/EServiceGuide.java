package se.samla.cases;

import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.catalog.Catalog;
import se.samla.guide.GuideItem;
import se.samla.guide.GuideItems;
import se.samla.shared.TenantId;
import se.samla.tenancy.Federation;
import se.samla.tenancy.Tenants;

/** The tenant's e-services, for the life events and the one search; a federation's are marked with its name. */
@Component
class EServiceGuide implements GuideItems {

    private final Catalog catalog;
    private final Tenants tenants;

    EServiceGuide(Catalog catalog, Tenants tenants) {
        this.catalog = catalog;
        this.tenants = tenants;
    }

    @Override
    public List<GuideItem> items(TenantId tenant) {
        return catalog.current(tenant).stream()
                .filter(type -> !type.definition().isReportCategory())
                .map(type -> new GuideItem(
                        GuideItem.Kind.ESERVICE,
                        type.code(),
                        type.definition().name(),
                        type.definition().description(),
                        "/e-tjanster/" + type.code(),
                        type.definition().keywords(),
                        tenants.federationOf(tenant, type.definition().unit())
                                .map(Federation::name)
                                .orElse(null)))
                .toList();
    }
}
