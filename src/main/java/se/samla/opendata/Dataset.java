package se.samla.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** A dataset Samla publishes by itself, in its distributions; each writes in constant memory. */
interface Dataset {

    /** The name in its stable URLs: /datasets/{id}.csv and so on. */
    String id();

    /** What tells a cache whether its copy is current: a version that changes whenever the data does, and when it last did. */
    record Freshness(String version, Instant lastModified) {}

    /** The dataset's freshness, from one look at the data. */
    Freshness freshness();

    /** The rows as CSV: RFC 4180, UTF-8, a header row of the columns, no cell a spreadsheet would run as a formula. */
    default void csv(OutputStream out) throws IOException {
        // the printer appends cell by cell: a buffer in front of the encoder lets it encode whole blocks
        try (var csv = new org.apache.commons.csv.CSVPrinter(
                new java.io.BufferedWriter(
                        new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16),
                org.apache.commons.csv.CSVFormat.RFC4180
                        .builder()
                        .setHeader(columns().toArray(String[]::new))
                        .get())) {
            rows(row -> {
                try {
                    csv.printRecord(
                            row.values().stream().map(SpreadsheetSafe::cell).toList());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** The rows as a JSON array of objects, keyed by column. */
    default void json(OutputStream out, JsonMapper mapper) throws IOException {
        try (var json = mapper.createGenerator(out)) {
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

    default void geojson(OutputStream out, JsonMapper mapper) throws IOException {
        throw new UnsupportedOperationException(id() + " has no location");
    }

    /** A query API request: rows whose columns equal the filters, sorted by a column, one page of them. */
    record Query(java.util.Map<String, String> filters, String sortColumn, boolean descending, int page, int size) {

        long skip() {
            return (long) (page - 1) * size;
        }
    }

    /** A page of matching rows, and how many match in all. */
    record Page(long total, java.util.List<java.util.Map<String, Object>> rows) {}

    /**
     * How deep a sorted query may page: built-in datasets sort while they stream, keeping only the rows up to the
     * page asked for, so this bounds their memory.
     */
    default long sortWindow(Query query) {
        return 10_000;
    }

    /** Answers a query over the stream of rows: filtered as they pass, sorted in a bounded heap. */
    default Page query(Query query) {
        record Seen(long position, java.util.Map<String, Object> row) {}
        // ties keep the dataset's own order, so pages neither repeat nor skip rows
        java.util.Comparator<Seen> order = query.sortColumn() == null
                ? null
                : java.util.Comparator.comparing(Seen::row, DatasetOrder.by(query.sortColumn(), query.descending()))
                        .thenComparingLong(Seen::position);
        long keep = query.skip() + query.size();
        // sorted: the best `keep` rows so far, worst on top; unsorted: just the page
        var best = order == null ? null : new java.util.PriorityQueue<Seen>(order.reversed());
        var page = new java.util.ArrayList<java.util.Map<String, Object>>();
        long[] total = {0};
        rows(row -> {
            if (!query.filters().entrySet().stream()
                    .allMatch(f -> DatasetOrder.text(row.get(f.getKey())).equals(f.getValue()))) {
                return;
            }
            total[0]++;
            if (best != null) {
                best.add(new Seen(total[0], row));
                if (best.size() > keep) {
                    best.poll();
                }
            } else if (total[0] > query.skip() && total[0] <= keep) {
                page.add(row);
            }
        });
        if (best == null) {
            return new Page(total[0], page);
        }
        return new Page(
                total[0],
                best.stream()
                        .sorted(order)
                        .skip(query.skip())
                        .limit(query.size())
                        .map(Seen::row)
                        .toList());
    }
}
