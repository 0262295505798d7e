package se.samla.opendata;

import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.guide.GuideItem;
import se.samla.guide.GuideItems;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;

/** The tenant's published open datasets, for the one search; a dataset switched off is not found. */
@Component
class DatasetGuide implements GuideItems {

    private final PublishedDatasets datasets;

    DatasetGuide(PublishedDatasets datasets) {
        this.datasets = datasets;
    }

    /** Called in the tenant's transaction, as every guide item source is. */
    @Override
    public List<GuideItem> items(TenantId tenant) {
        return datasets.published().stream()
                .map(dataset -> {
                    var description = dataset.describe();
                    // a dataset's description is kept in Swedish only, as the national catalogue shows it
                    return new GuideItem(
                            GuideItem.Kind.DATASET,
                            dataset.id(),
                            new LocalizedText(description.title(), null),
                            new LocalizedText(description.description(), null),
                            "/oppna-data#dataset-" + dataset.id(),
                            description.keywords(),
                            null);
                })
                .toList();
    }
}
