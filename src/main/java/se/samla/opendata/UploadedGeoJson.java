package se.samla.opendata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import se.samla.opendata.UploadedFile.Checked;
import se.samla.opendata.UploadedFile.Column;
import se.samla.opendata.UploadedFile.Content;
import se.samla.opendata.UploadedFile.Geometry;
import se.samla.opendata.UploadedFile.Kind;
import se.samla.opendata.UploadedFile.Row;
import se.samla.opendata.UploadedFile.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GeoJSON side of an {@link UploadedFile}: a FeatureCollection in WGS84, read one feature at a time so a large
 * file takes little memory, whose features all have the same flat properties and a geometry RFC 7946 allows. The
 * properties become the columns; when every feature is a point, its latitude and longitude become two more. The
 * check leaves its problems with the {@code UploadedFile} that asked for it, so they are counted and listed together
 * with those found before the file was read as GeoJSON.
 */
final class UploadedGeoJson {

    private static final Set<String> GEOMETRIES =
            Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private final UploadedFile file;

    private UploadedGeoJson(UploadedFile file) {
        this.file = file;
    }

    static Checked check(UploadedFile file, Content content, JsonMapper json) throws IOException {
        return new UploadedGeoJson(file).check(content, json);
    }

    static void rows(Checked checked, Content content, JsonMapper json, Consumer<Row> each) throws IOException {
        features(content, json, feature -> {
            Map<String, Object> cells = new LinkedHashMap<>();
            JsonNode properties = feature.path("properties");
            JsonNode geometry = feature.get("geometry");
            geometry = geometry == null || geometry.isNull() ? null : geometry;
            for (Column column : checked.columns()) {
                if (checked.geometry() == Geometry.POINT && column.name().equals(checked.latitudeColumn())) {
                    cells.put(
                            column.name(),
                            geometry == null
                                    ? null
                                    : geometry.get("coordinates").get(1).doubleValue());
                } else if (checked.geometry() == Geometry.POINT && column.name().equals(checked.longitudeColumn())) {
                    cells.put(
                            column.name(),
                            geometry == null
                                    ? null
                                    : geometry.get("coordinates").get(0).doubleValue());
                } else {
                    cells.put(column.name(), UploadedFile.typed(properties.get(column.name()), column.type()));
                }
            }
            each.accept(new Row(cells, geometry));
        });
    }

    /** Reads a FeatureCollection's features one at a time, so a large file takes little memory. */
    private static void features(Content content, JsonMapper mapper, Consumer<JsonNode> each) throws IOException {
        try (JsonParser json = mapper.createParser(UploadedFile.reader(content))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new GeoJsonShape("opendata.upload.problem.not-feature-collection");
            }
            boolean collection = false;
            boolean features = false;
            while (json.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "type" -> {
                        if (value != JsonToken.VALUE_STRING || !"FeatureCollection".equals(json.getString())) {
                            throw new GeoJsonShape("opendata.upload.problem.not-feature-collection");
                        }
                        collection = true;
                    }
                    case "features" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new GeoJsonShape("opendata.upload.problem.not-feature-collection");
                        }
                        features = true;
                        while (json.nextToken() != JsonToken.END_ARRAY) {
                            each.accept(json.readValueAsTree());
                        }
                    }
                    case "crs" -> {
                        JsonNode crs = json.readValueAsTree();
                        String name = crs.path("properties").path("name").asString("");
                        if (!name.contains("CRS84") && !name.endsWith("4326")) {
                            throw new GeoJsonShape("opendata.upload.problem.crs", name);
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (!collection || !features) {
                throw new GeoJsonShape("opendata.upload.problem.not-feature-collection");
            }
        }
    }

    /** The file is not a FeatureCollection at all; nothing of it can be read as rows. */
    private static final class GeoJsonShape extends RuntimeException {
        private final String key;
        private final Object[] arguments;

        GeoJsonShape(String key, Object... arguments) {
            super(key, null, false, false);
            this.key = key;
            this.arguments = arguments;
        }
    }

    private Checked check(Content content, JsonMapper json) throws IOException {
        List<String> properties = new ArrayList<>();
        Map<String, Type> types = new LinkedHashMap<>();
        long[] count = {0};
        boolean[] points = {true};
        boolean[] anyPlace = {false};
        try {
            features(content, json, feature -> {
                long n = ++count[0];
                if (!feature.isObject()
                        || !"Feature".equals(feature.path("type").asString(""))) {
                    file.problem(n, "opendata.upload.problem.not-feature", n);
                    return;
                }
                JsonNode props = feature.get("properties");
                if (props != null && !props.isNull() && !props.isObject()) {
                    file.problem(n, "opendata.upload.problem.not-feature", n);
                    return;
                }
                List<String> names = new ArrayList<>();
                if (props != null && props.isObject()) {
                    props.propertyNames().forEach(names::add);
                }
                if (n == 1) {
                    file.checkColumnNames(names.stream().map(String::strip).toList(), 1);
                    properties.addAll(names);
                } else {
                    for (String name : properties) {
                        if (!names.contains(name)) {
                            file.problem(n, "opendata.upload.problem.missing-property", n, name);
                        }
                    }
                    for (String name : names) {
                        if (!properties.contains(name)) {
                            file.problem(n, "opendata.upload.problem.extra-property", n, name);
                        }
                    }
                }
                for (String name : names) {
                    JsonNode value = props.get(name);
                    if (value.isContainer()) {
                        file.problem(n, "opendata.upload.problem.nested-property", n, name);
                    } else if (!value.isNull()) {
                        Type type = value.isIntegralNumber()
                                ? Type.INTEGER
                                : value.isNumber() ? Type.DECIMAL : value.isBoolean() ? Type.BOOLEAN : Type.TEXT;
                        types.merge(name, type, UploadedFile::wider);
                        if (value.isString()) {
                            file.checkCell(n, name, value.stringValue());
                        }
                    }
                }
                JsonNode geometry = feature.get("geometry");
                if (geometry == null) {
                    file.problem(n, "opendata.upload.problem.no-geometry", n);
                } else if (!geometry.isNull()) {
                    anyPlace[0] = true;
                    String type = geometry.path("type").asString("");
                    points[0] &= type.equals("Point");
                    if (!GEOMETRIES.contains(type)) {
                        file.problem(n, "opendata.upload.problem.geometry-type", n, type);
                    } else {
                        checkCoordinates(n, type, geometry.get("coordinates"));
                    }
                }
            });
        } catch (GeoJsonShape e) {
            file.problem(0, e.key, e.arguments);
            return file.failed(Kind.GEOJSON);
        } catch (JacksonException e) {
            file.problem(
                    0,
                    "opendata.upload.problem.broken-json",
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            return file.failed(Kind.GEOJSON);
        }
        if (count[0] == 0 && file.ok()) {
            file.problem(0, "opendata.upload.problem.no-rows");
        }
        boolean located = anyPlace[0];
        boolean point = located && points[0];
        if (point && (properties.contains("latitud") || properties.contains("longitud"))) {
            file.problem(1, "opendata.upload.problem.place-property");
        }
        if (!file.ok()) {
            return file.failed(Kind.GEOJSON);
        }
        List<Column> columns = new ArrayList<>();
        properties.forEach(p -> columns.add(new Column(p, types.getOrDefault(p, Type.TEXT))));
        if (point) {
            columns.add(new Column("latitud", Type.DECIMAL));
            columns.add(new Column("longitud", Type.DECIMAL));
        }
        return new Checked(
                Kind.GEOJSON,
                ',',
                false,
                columns,
                point ? Geometry.POINT : located ? Geometry.SHAPES : Geometry.NONE,
                point ? "latitud" : null,
                point ? "longitud" : null,
                count[0],
                List.of(),
                0);
    }

    /** RFC 7946: each position is [longitude, latitude], rings are closed and have at least four positions. */
    private void checkCoordinates(long n, String type, JsonNode coordinates) {
        int depth = switch (type) {
            case "Point" -> 0;
            case "MultiPoint", "LineString" -> 1;
            case "MultiLineString", "Polygon" -> 2;
            default -> 3;
        };
        if (!positions(n, coordinates, depth)) {
            file.problem(n, "opendata.upload.problem.coordinates", n);
            return;
        }
        if (type.equals("Polygon")) {
            coordinates.forEach(ring -> ring(n, ring));
        } else if (type.equals("MultiPolygon")) {
            coordinates.forEach(polygon -> polygon.forEach(ring -> ring(n, ring)));
        }
    }

    private boolean positions(long n, JsonNode node, int depth) {
        if (node == null || !node.isArray()) {
            return false;
        }
        if (depth == 0) {
            if (node.size() < 2
                    || node.size() > 3
                    || !node.get(0).isNumber()
                    || !node.get(1).isNumber()) {
                return false;
            }
            double lon = node.get(0).doubleValue();
            double lat = node.get(1).doubleValue();
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                file.problem(
                        n,
                        Math.abs(lat) > 1000 || Math.abs(lon) > 1000
                                ? "opendata.upload.problem.feature-projected"
                                : "opendata.upload.problem.feature-out-of-range",
                        n,
                        lon,
                        lat);
            }
            return true;
        }
        if (node.isEmpty()) {
            return false;
        }
        for (JsonNode child : node) {
            if (!positions(n, child, depth - 1)) {
                return false;
            }
        }
        return true;
    }

    private void ring(long n, JsonNode ring) {
        if (ring.size() < 4 || !ring.get(0).equals(ring.get(ring.size() - 1))) {
            file.problem(n, "opendata.upload.problem.open-ring", n);
        }
    }
}
