package se.samla.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** A dataset Samla publishes by itself, in its distributions; each writes in constant memory. */
interface Dataset {

    /** The name in its stable URLs: /datasets/{id}.csv and so on. */
    String id();

    /** What tells a cache whether its copy is current: changes whenever the data does. */
    String version();

    Instant lastModified();

    /** The rows as CSV: RFC 4180, UTF-8, a header row of the columns. */
    default void csv(OutputStream out) throws IOException {
        try (var csv = new org.apache.commons.csv.CSVPrinter(new java.io.OutputStreamWriter(out,
                java.nio.charset.StandardCharsets.UTF_8), org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader(columns().toArray(String[]::new)).get())) {
            rows(row -> {
                try {
                    csv.printRecord(row.values());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** The rows as a JSON array of objects, keyed by column. */
    default void json(OutputStream out) throws IOException {
        try (var json = tools.jackson.databind.json.JsonMapper.builder().build().createGenerator(out)) {
            json.writeStartArray();
            rows(json::writePOJO);
            json.writeEndArray();
        }
    }

    /** The dataset's columns, in order. */
    java.util.List<String> columns();

    /** Every row, column by column, one at a time. */
    void rows(java.util.function.Consumer<java.util.Map<String, Object>> each);

    /** What the catalogue says of the dataset. */
    DcatCatalogue.Description describe();

    /** Whether the rows have a place, and so a GeoJSON distribution. */
    default boolean located() {
        return false;
    }

    default void geojson(OutputStream out) throws IOException {
        throw new UnsupportedOperationException(id() + " has no location");
    }
}
