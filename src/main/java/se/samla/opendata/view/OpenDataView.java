package se.samla.opendata.view;

import java.util.List;
import se.samla.reports.MapView;

/** The open data page: each dataset with its downloads, a preview of its first rows, and a map where it has places. */
public record OpenDataView(List<Item> datasets) {

    /** A dataset on the administrator's page, and whether it is published. */
    public record Setting(String id, String title, boolean published) {
    }

    public record Item(String id, String title, String description, List<String> keywords, List<String> formats,
            List<String> columns, List<List<String>> preview, MapView map) {
    }
}
