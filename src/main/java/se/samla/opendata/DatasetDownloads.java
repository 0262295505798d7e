package se.samla.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The published datasets' downloads: which exist, how fresh they are, and their rows in each format. */
@Service
class DatasetDownloads {

    /** A published dataset in one of its formats, with the content type it is sent as and how fresh it is. */
    record Download(Dataset data, String format, String contentType, Dataset.Freshness freshness) {}

    private final PublishedDatasets datasets;
    private final JsonMapper jsonMapper;

    DatasetDownloads(PublishedDatasets datasets, JsonMapper jsonMapper) {
        this.datasets = datasets;
        this.jsonMapper = jsonMapper;
    }

    /** The dataset in that format (csv, json, or geojson where it has places); empty when the public has no such file. */
    @Transactional(readOnly = true)
    Optional<Download> find(String dataset, String format) {
        Dataset data = datasets.published(dataset).orElse(null);
        if (data == null || ("geojson".equals(format) && !data.located())) {
            return Optional.empty();
        }
        String type = switch (format) {
            case "csv" -> "text/csv;charset=UTF-8;header=present";
            case "json" -> "application/json";
            case "geojson" -> "application/geo+json";
            default -> null;
        };
        return type == null ? Optional.empty() : Optional.of(new Download(data, format, type, data.freshness()));
    }

    /**
     * Writes the rows as they stream from PostgreSQL, which is why the transaction stays open until the last one is
     * written rather than the rows being read first.
     */
    @Transactional(readOnly = true)
    void write(Download download, OutputStream out) {
        try {
            switch (download.format()) {
                case "csv" -> download.data().csv(out);
                case "json" -> download.data().json(out, jsonMapper);
                default -> download.data().geojson(out, jsonMapper);
            }
        } catch (IOException e) {
            // unchecked, so the transaction rolls back rather than committing after a broken download
            throw new UncheckedIOException(e);
        }
    }
}
