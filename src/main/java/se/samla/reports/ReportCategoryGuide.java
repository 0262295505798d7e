package se.samla.reports;

import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.catalog.Catalog;
import se.samla.guide.GuideItem;
import se.samla.guide.GuideItems;
import se.samla.shared.TenantId;

/** The tenant's problem-report categories, for the life events and the one search. */
@Component
class ReportCategoryGuide implements GuideItems {

    private final Catalog catalog;

    ReportCategoryGuide(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<GuideItem> items(TenantId tenant) {
        return catalog.current(tenant).stream()
                .filter(type -> type.definition().isReportCategory())
                .map(type -> new GuideItem(
                        GuideItem.Kind.REPORT,
                        type.code(),
                        type.definition().name(),
                        type.definition().description(),
                        "/felanmalan/ny/" + type.code(),
                        type.definition().keywords(),
                        null))
                .toList();
    }
}
