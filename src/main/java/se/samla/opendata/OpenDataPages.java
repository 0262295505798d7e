package se.samla.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the public open data page and the administrator's open data page show, and the administrator's changes. */
@Service
class OpenDataPages {

    /** A dataset on the administrator's page, and whether it is published. */
    record Choice(String id, String title, boolean published) {}

    /** The administrator's page: every dataset, the uploaded ones, and the smallest published group. */
    record Overview(List<Choice> datasets, List<UploadedDatasets.Stored> uploaded, int smallestGroup) {}

    /** A published dataset, what the catalogue says of it and its first rows. */
    record Published(Dataset dataset, DcatCatalogue.Description description, List<List<String>> preview) {}

    private final PublishedDatasets datasets;
    private final UploadedDatasets uploaded;
    private final OpenDataSettings settings;
    private final DatasetPreviews previews;

    OpenDataPages(
            PublishedDatasets datasets,
            UploadedDatasets uploaded,
            OpenDataSettings settings,
            DatasetPreviews previews) {
        this.datasets = datasets;
        this.uploaded = uploaded;
        this.settings = settings;
        this.previews = previews;
    }

    @Transactional(readOnly = true)
    Overview overview() {
        Set<String> off = datasets.switchedOff();
        var all = datasets.all().stream()
                .map(d -> new Choice(d.id(), d.describe().title(), !off.contains(d.id())))
                .toList();
        return new Overview(all, uploaded.all(), settings.smallestGroup());
    }

    /** Publishes exactly the datasets named (audited); the rest are switched off. */
    @Transactional
    void publishOnly(Set<String> ids, String byAuditId) {
        datasets.publishOnly(ids, byAuditId);
    }

    /** Sets the smallest published group (audited). */
    @Transactional
    void smallestGroup(int smallest, String byAuditId) {
        settings.smallestGroup(smallest, byAuditId);
    }

    /**
     * The published datasets with their previews. Not one transaction: each preview stops its dataset's stream by
     * throwing, which must end the transaction it was thrown in (see {@link DatasetPreviews.Full}).
     */
    List<Published> published() {
        List<Published> all = new ArrayList<>();
        for (Dataset d : datasets.published()) {
            var description = previews.describe(d);
            List<List<String>> preview = new ArrayList<>();
            try {
                previews.firstRows(d, preview);
            } catch (DatasetPreviews.Full full) {
                // the preview is full
            }
            all.add(new Published(d, description, preview));
        }
        return all;
    }
}
