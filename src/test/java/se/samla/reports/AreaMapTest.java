package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Areas from GeoJSON: which area holds a place, and clear messages for a wrong file. */
class AreaMapTest {

    /** What Spring's mapper is without customisers: the application adds none. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void theDemoAreasHoldTheirPlaces() {
        AreaMap map = AreaMap.read(Path.of("config/tenants/vanersborg/areas.geojson"), JSON);
        assertThat(map.all()).extracting(Area::code).containsExactly("centrum", "vargon", "bratte-onsjo");
        assertThat(map.at(new Position(58.3807, 12.3234))).map(Area::code).hasValue("centrum");
        assertThat(map.at(new Position(58.357, 12.395))).map(Area::code).hasValue("vargon");
        assertThat(map.at(new Position(58.2837, 12.2886)))
                .as("Trollhättan is in no Vänersborg area")
                .isEmpty();
    }

    @Test
    void aMissingFileMeansNoAreas() {
        assertThat(AreaMap.read(directory.resolve("none.geojson"), JSON).all()).isEmpty();
    }

    @Test
    void holesAndMultiPolygonsAreHonoured() throws IOException {
        AreaMap map = AreaMap.read(write("""
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"code": "ring", "name": "Ring"},
                   "geometry": {"type": "Polygon", "coordinates": [
                     [[0,0],[10,0],[10,10],[0,10],[0,0]], [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
                  {"type": "Feature", "properties": {"code": "islands"},
                   "geometry": {"type": "MultiPolygon", "coordinates": [
                     [[[20,20],[21,20],[21,21],[20,21],[20,20]]], [[[30,30],[31,30],[31,31],[30,31],[30,30]]]]}}]}
                """), JSON);
        assertThat(map.at(new Position(1, 1))).map(Area::code).hasValue("ring");
        assertThat(map.at(new Position(5, 5))).as("inside the hole").isEmpty();
        assertThat(map.at(new Position(30.5, 30.5))).map(Area::name).hasValue("islands");
    }

    @Test
    void aWrongFileIsNamedWithTheFeatureAndTheProblem() throws IOException {
        assertProblem("{\"type\": \"Feature\"}", "expected a GeoJSON FeatureCollection");
        assertProblem("not json", "not GeoJSON");
        assertProblem(feature("Bad Code", "[[0,0],[1,0],[1,1],[0,1],[0,0]]"), "features[0]: properties.code");
        assertProblem(feature("a", "[[0,0],[1,0],[1,1],[0,1]]"), "must end where it starts");
        assertProblem(feature("a", "[[0,0],[1,0],[1,95],[0,1],[0,0]]"), "not a WGS84 coordinate");
        assertProblem(feature("a", "[[0,0],[1,1],[1,0],[0,1],[0,0]]"), "not valid");
    }

    private void assertProblem(String json, String expected) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> AreaMap.read(file, JSON))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(expected);
    }

    private static String feature(String code, String ring) {
        return "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"code\": \""
                + code + "\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [" + ring + "]}}]}";
    }

    private Path write(String json) throws IOException {
        return Files.writeString(directory.resolve("areas.geojson"), json);
    }
}
