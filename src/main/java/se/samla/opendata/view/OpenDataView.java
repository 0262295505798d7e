package se.samla.opendata.view;

import java.util.List;
import java.util.Map;
import se.samla.reports.MapView;

/** The open data page: each dataset with its downloads, a preview of its first rows, and a map where it has places. */
public record OpenDataView(List<Item> datasets) {

    /** A dataset on the administrator's page, and whether it is published. */
    public record Setting(String id, String title, boolean published) {}

    /** A dataset an administrator uploaded, as the administrator's page lists it. */
    public record Uploaded(String id, String title, String file, long rows, String modified) {}

    /** The question before an uploaded dataset is removed, with the version the administrator saw. */
    public record Removal(String id, String title, String file, long rows, int version) {}

    /** The administrator's page: what is published, the uploaded datasets, and the smallest published group. */
    public record Settings(
            List<Setting> datasets,
            List<Uploaded> uploaded,
            String smallestGroup,
            String smallestGroupError,
            int lowest,
            int highest,
            String saved) {}

    public record Item(
            String id,
            String title,
            String description,
            List<String> keywords,
            List<String> formats,
            List<String> columns,
            List<List<String>> preview,
            MapView map,
            String licence,
            String licenceUrl) {}

    /** One of a choice's options. */
    public record Choice(String value, String label, boolean chosen) {}

    /**
     * The form for an uploaded dataset: its description, what was wrong with a field or with the file, and for a
     * dataset already stored, its id, version and current file.
     */
    public record DatasetForm(
            String id,
            int version,
            String title,
            String description,
            String keywords,
            List<Choice> themes,
            List<Choice> licences,
            String contactName,
            String contactEmail,
            String periodStart,
            String periodEnd,
            Map<String, String> errors,
            List<String> fileProblems,
            String currentFile) {

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasErrors() {
            return !errors.isEmpty() || !fileProblems.isEmpty();
        }

        public int errorCount() {
            return errors.size() + fileProblems.size();
        }
    }
}
