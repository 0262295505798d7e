package se.samla.opendata;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A dataset's first rows and description for the open data page, each read in a transaction of its own. */
@Service
class DatasetPreviews {

    static final int ROWS = 10;

    /**
     * Ends a dataset's stream once the preview has its rows. It must leave the transaction it was thrown in:
     * the datasets' own transactional reads mark the transaction rollback-only as it passes them, so a caller that
     * caught it inside the same transaction would fail at commit.
     */
    static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    @Transactional(readOnly = true)
    DcatCatalogue.Description describe(Dataset dataset) {
        return dataset.describe();
    }

    /** Adds the dataset's first rows to {@code preview}, as text, and throws {@link Full} once it has {@value #ROWS}. */
    @Transactional(readOnly = true)
    void firstRows(Dataset dataset, List<List<String>> preview) {
        dataset.rows(row -> {
            preview.add(row.values().stream()
                    .map(v -> v == null ? "" : String.valueOf(v))
                    .toList());
            if (preview.size() >= ROWS) {
                throw new Full();
            }
        });
    }
}
