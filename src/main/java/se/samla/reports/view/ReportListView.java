package se.samla.reports.view;

import java.util.List;
import se.samla.reports.MapView;

/** The public list and map of reports. */
public record ReportListView(
        List<Option> categories,
        String category,
        String status,
        List<Row> rows,
        int page,
        boolean hasNext,
        MapView map) {

    public record Option(String value, String label) {}

    public record Row(String publicId, String category, String status, boolean closed, String reported, String area) {}
}
