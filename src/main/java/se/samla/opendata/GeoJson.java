package se.samla.opendata;

import java.io.OutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes a GeoJSON FeatureCollection (RFC 7946) feature by feature, as the rows arrive. */
final class GeoJson {

    private GeoJson() {}

    /** Opens the collection, lets features write each feature, closes it. */
    static void featureCollection(OutputStream out, JsonMapper mapper, Consumer<JsonGenerator> features) {
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeArrayPropertyStart("features");
            features.accept(json);
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
