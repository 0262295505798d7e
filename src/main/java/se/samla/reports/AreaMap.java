package se.samla.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's areas from a GeoJSON FeatureCollection of Polygons and MultiPolygons in WGS84, each with the
 * properties code and name. A wrong file stops the start with a message naming the file, the feature and
 * what is wrong.
 */
final class AreaMap {

    private record Shape(Area area, Geometry geometry) {}

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final List<Shape> shapes;

    private AreaMap(List<Shape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    static AreaMap empty() {
        return new AreaMap(List.of());
    }

    static AreaMap read(Path file, JsonMapper json) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("Invalid areas file " + file + ": not GeoJSON (" + e.getMessage() + ")", e);
        }
        if (!"FeatureCollection".equals(root.path("type").asString(""))) {
            throw new IllegalStateException("Invalid areas file " + file + ": expected a GeoJSON FeatureCollection");
        }
        List<Shape> shapes = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            String where = "Invalid areas file " + file + ", features[" + index++ + "]: ";
            String code = feature.path("properties").path("code").asString("");
            if (!code.matches("[a-z0-9-]{1,40}")) {
                throw new IllegalStateException(
                        where + "properties.code must be 1-40 lower-case letters, digits or '-'");
            }
            if (shapes.stream().anyMatch(s -> s.area().code().equals(code))) {
                throw new IllegalStateException(where + "the code '" + code + "' is used twice");
            }
            String name = feature.path("properties").path("name").asString(code);
            Geometry geometry = geometry(where, feature.path("geometry"));
            if (!geometry.isValid()) {
                throw new IllegalStateException(
                        where + "the polygon is not valid (it crosses itself or is not closed)");
            }
            shapes.add(new Shape(new Area(code, name), geometry));
        }
        return new AreaMap(shapes);
    }

    private static Geometry geometry(String where, JsonNode geometry) {
        String type = geometry.path("type").asString("");
        JsonNode coordinates = geometry.path("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(where, coordinates);
            case "MultiPolygon" -> {
                List<Polygon> parts = new ArrayList<>();
                coordinates.forEach(part -> parts.add(polygon(where, part)));
                yield GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
            }
            default -> throw new IllegalStateException(where + "geometry.type must be Polygon or MultiPolygon");
        };
    }

    private static Polygon polygon(String where, JsonNode rings) {
        List<LinearRing> parsed = new ArrayList<>();
        for (JsonNode ring : rings) {
            List<Coordinate> points = new ArrayList<>();
            for (JsonNode point : ring) {
                double longitude = point.path(0).asDouble(Double.NaN);
                double latitude = point.path(1).asDouble(Double.NaN);
                try {
                    new Position(latitude, longitude);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            where + "a point is not a WGS84 coordinate [longitude, latitude]: " + e.getMessage(), e);
                }
                points.add(new Coordinate(longitude, latitude));
            }
            if (points.size() < 4 || !points.get(0).equals2D(points.get(points.size() - 1))) {
                throw new IllegalStateException(
                        where + "a ring needs at least four points and must end where it starts");
            }
            parsed.add(GEOMETRY.createLinearRing(points.toArray(Coordinate[]::new)));
        }
        if (parsed.isEmpty()) {
            throw new IllegalStateException(where + "a polygon needs an outer ring");
        }
        return GEOMETRY.createPolygon(
                parsed.get(0), parsed.subList(1, parsed.size()).toArray(LinearRing[]::new));
    }

    /** The first area (in file order) that holds the position. */
    Optional<Area> at(Position position) {
        var point = GEOMETRY.createPoint(new Coordinate(position.longitude(), position.latitude()));
        return shapes.stream()
                .filter(s -> s.geometry().covers(point))
                .map(Shape::area)
                .findFirst();
    }

    List<Area> all() {
        return shapes.stream().map(Shape::area).toList();
    }
}
