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

    void csv(OutputStream out) throws IOException;

    void json(OutputStream out) throws IOException;

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
