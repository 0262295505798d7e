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

    /**
     * Writes one row as a feature: its place (taken out of the row's latitude and longitude columns) as a Point, or no
     * geometry when it has none, and every other column as a property.
     */
    static void pointFeature(JsonGenerator json, java.util.Map<String, Object> row) {
        Object longitude = row.remove("longitud");
        Object latitude = row.remove("latitud");
        json.writeStartObject();
        json.writeStringProperty("type", "Feature");
        json.writeStringProperty("id", String.valueOf(row.get("id")));
        if (longitude == null || latitude == null) {
            json.writeNullProperty("geometry");
        } else {
            json.writeObjectPropertyStart("geometry");
            json.writeStringProperty("type", "Point");
            json.writeArrayPropertyStart("coordinates");
            json.writeNumber(((Number) longitude).doubleValue());
            json.writeNumber(((Number) latitude).doubleValue());
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writePOJOProperty("properties", row);
        json.writeEndObject();
    }
}
