package se.samla.reports.view;

import java.util.List;
import se.samla.reports.MapView;

/** A report's public page: what it is, where, its status and public history. Nothing of the reporter. */
public record ReportPageView(
        String publicId,
        String category,
        String status,
        boolean closed,
        String reported,
        String area,
        String address,
        String latitude,
        String longitude,
        String northing,
        String easting,
        String description,
        List<String> photoUrls,
        String publicText,
        int supporters,
        String mergedInto,
        List<HistoryEntry> history,
        String notice,
        MapView map) {

    public record HistoryEntry(String at, String text) {}
}
