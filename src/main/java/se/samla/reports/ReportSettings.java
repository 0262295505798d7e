package se.samla.reports;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A tenant's settings for problem reports, from config/tenants/{slug}/reports.yml (every part optional).
 *
 * @param tileUrl                  the map's tile source, a Leaflet URL template; empty for no background map
 * @param tileAttribution          the credit the tile source asks for
 * @param center                   where the map opens
 * @param zoom                     how near the map opens
 * @param duplicateDistanceMetres  how near an open report of the same category must be to be offered as the same problem
 * @param jurisdiction             the Open311 jurisdiction_id that selects this tenant
 */
public record ReportSettings(
        String tileUrl,
        String tileAttribution,
        Position center,
        int zoom,
        int duplicateDistanceMetres,
        String jurisdiction) {

    static final String DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    static final String DEFAULT_ATTRIBUTION = "© OpenStreetMap-bidragsgivare";

    static ReportSettings read(Path file, String slug) {
        Map<String, Object> root = Map.of();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                if (loaded instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) map;
                    root = typed;
                } else if (loaded != null) {
                    throw invalid(file, "the file", "must be a mapping");
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof IllegalStateException known) {
                    throw known;
                }
                throw invalid(file, "the file", "is not YAML (" + e.getMessage() + ")");
            }
        }
        Map<?, ?> map = root.get("map") instanceof Map<?, ?> m ? m : Map.of();
        String tiles = text(map.get("tiles"), DEFAULT_TILES);
        String attribution = text(map.get("attribution"), DEFAULT_ATTRIBUTION);
        Position center = new Position(58.3807, 12.3234);
        if (map.get("center") != null) {
            if (!(map.get("center") instanceof List<?> list)
                    || list.size() != 2
                    || !(list.get(0) instanceof Number lat)
                    || !(list.get(1) instanceof Number lon)) {
                throw invalid(file, "map.center", "must be [latitude, longitude]");
            }
            try {
                center = new Position(lat.doubleValue(), lon.doubleValue());
            } catch (IllegalArgumentException e) {
                throw invalid(file, "map.center", e.getMessage());
            }
        }
        int zoom = number(file, "map.zoom", map.get("zoom"), 13, 1, 19);
        int distance = number(file, "duplicateDistanceMetres", root.get("duplicateDistanceMetres"), 50, 1, 5000);
        Map<?, ?> open311 = root.get("open311") instanceof Map<?, ?> m ? m : Map.of();
        String jurisdiction = text(open311.get("jurisdiction"), slug);
        return new ReportSettings(tiles, attribution, center, zoom, distance, jurisdiction);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : value.toString().trim();
    }

    private static int number(Path file, String field, Object value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Integer n) || n < min || n > max) {
            throw invalid(file, field, "must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    private static IllegalStateException invalid(Path file, String field, String reason) {
        return new IllegalStateException("Invalid report settings " + file + ": field '" + field + "' " + reason);
    }
}
