package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The checks an uploaded open data file passes before anything of it is stored, and the rows read from it. */
class UploadedFileTest {

    /** What Spring's mapper is without customisers: the application adds none. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static UploadedFile.Checked check(String name, byte[] bytes) {
        return UploadedFile.check(name, bytes.length, () -> new ByteArrayInputStream(bytes), JSON);
    }

    private static UploadedFile.Checked check(String name, String text) {
        return check(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> keys(UploadedFile.Checked checked) {
        return checked.problems().stream()
                .map(p -> p.key().substring("opendata.upload.problem.".length()) + "@" + p.where())
                .toList();
    }

    private static List<UploadedFile.Row> rows(UploadedFile.Checked checked, String text) throws Exception {
        List<UploadedFile.Row> rows = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        UploadedFile.rows(checked, () -> new ByteArrayInputStream(bytes), JSON, rows::add);
        return rows;
    }

    @Test
    void aSwedishSpreadsheetExportIsReadWithItsSemicolonsDecimalCommasAndByteOrderMark() throws Exception {
        String csv = "\uFEFFnamn;antal gungor;latitud;longitud;postnummer;öppen\r\n"
                + "Skräckleparken;4;58,3812;12,3190;46230;true\r\n"
                + "\"Torpa; lekplats\";2;58.3650;12.3405;46231;false\r\n"
                + "Vargön;;;;;\r\n";
        var checked = check("lekplatser.csv", csv);
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.delimiter()).isEqualTo(';');
        assertThat(checked.rows()).isEqualTo(3);
        assertThat(checked.geometry()).isEqualTo(UploadedFile.Geometry.POINT);
        assertThat(checked.columns())
                .extracting(UploadedFile.Column::type)
                .containsExactly(
                        UploadedFile.Type.TEXT,
                        UploadedFile.Type.INTEGER,
                        UploadedFile.Type.DECIMAL,
                        UploadedFile.Type.DECIMAL,
                        UploadedFile.Type.INTEGER,
                        UploadedFile.Type.BOOLEAN);

        var rows = rows(checked, csv);
        assertThat(rows.get(0).cells())
                .containsEntry("namn", "Skräckleparken")
                .containsEntry("antal gungor", 4L)
                .containsEntry("latitud", 58.3812)
                .containsEntry("öppen", true);
        assertThat(rows.get(0).geometry().toString())
                .isEqualTo("{\"type\":\"Point\",\"coordinates\":[12.319,58.3812]}");
        assertThat(rows.get(1).cells()).containsEntry("namn", "Torpa; lekplats");
        // a row without a place is kept, without a geometry
        assertThat(rows.get(2).geometry()).isNull();
        assertThat(rows.get(2).cells()).containsEntry("antal gungor", null);
    }

    @Test
    void numbersWithLeadingZerosStayText() {
        var checked = check("koder.csv", "kod,namn\n0123,Centrum\n0456,Vargön\n");
        assertThat(checked.columns().get(0).type()).isEqualTo(UploadedFile.Type.TEXT);
    }

    @Test
    void aFileSavedInWindows1252IsRefusedNamingTheFirstLineThatIsNotUtf8() {
        byte[] latin = "namn,ort\nParken,Vänersborg\n".getBytes(Charset.forName("windows-1252"));
        var checked = check("parker.csv", latin);
        assertThat(keys(checked)).containsExactly("encoding@2");
    }

    @Test
    void theLineNumberIsRightFarIntoALargeFile() {
        StringBuilder csv = new StringBuilder("namn,antal\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("Plats ").append(i).append(",").append(i).append('\n');
        }
        byte[] valid = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] latin = "Vänersborg,1\n".getBytes(Charset.forName("windows-1252"));
        byte[] file = java.util.Arrays.copyOf(valid, valid.length + latin.length);
        System.arraycopy(latin, 0, file, valid.length, latin.length);
        assertThat(valid.length).isGreaterThan(3 * 64 * 1024);
        assertThat(keys(check("stor.csv", file))).containsExactly("encoding@20002");
    }

    @Test
    void rowsOfTheWrongWidthAreEachNamedByLine() {
        var checked = check("bad.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3\n");
        assertThat(keys(checked)).containsExactly("row-width@3", "row-width@4");
        assertThat(checked.problems().get(0).arguments()).containsExactly(3L, 2, 3);
    }

    @Test
    void aQuotedFieldWithALineBreakKeepsTheLineNumbersRight() {
        var checked = check("text.csv", "a,b\n\"två\nrader\",1\nx\n");
        assertThat(keys(checked)).containsExactly("row-width@4");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        var checked = check("quote.csv", "a,b\n1,\"öppen\n2,3\n");
        assertThat(keys(checked)).singleElement().asString().startsWith("quotes@");
    }

    @Test
    void headersMustNameEveryColumnOnceAndNotTakeTheQueryApisNames() {
        assertThat(keys(check("h.csv", "a,,c\n1,2,3\n"))).containsExactly("unnamed-column@1");
        assertThat(keys(check("h.csv", "a,A\n1,2\n"))).containsExactly("duplicate-column@1");
        assertThat(keys(check("h.csv", "namn,sortera\n1,2\n"))).containsExactly("reserved-column@1");
        assertThat(keys(check("h.csv", "latitud,namn\n58.3,x\n"))).containsExactly("half-place@1");
    }

    @Test
    void formulasAndPersonalIdentityNumbersAreRefused() {
        var checked = check(
                "f.csv",
                "namn,värde\n=HYPERLINK(\"http://x\"),1\n@SUM(A1),2\n-12,3\n+46 521 721 000,4\n-abc,5\n"
                        + "Erik,19900602-2397\nOrg,212000-1439\n");
        assertThat(keys(checked)).containsExactly("formula@2", "formula@3", "formula@6", "person-number@7");
    }

    @Test
    void coordinatesMustBeWgs84NumbersInRange() {
        var checked = check("p.csv", "namn,lat,lon\na,58.38,12.32\nb,95,12\nc,6471234,1320456\nd,norr,12\ne,58.1,\n");
        assertThat(keys(checked))
                .containsExactly(
                        "place-out-of-range@3", "place-projected@4", "place-not-number@5", "place-not-number@6");
    }

    @Test
    void disguisedAndEmptyFilesAreRefusedForWhatTheyAre() {
        assertThat(keys(check("bild.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13})))
                .containsExactly("binary@0");
        assertThat(keys(check("sida.csv", "<!DOCTYPE html><html><body>hej</body></html>")))
                .containsExactly("markup@0");
        assertThat(keys(check("data.csv", "{\"type\":\"FeatureCollection\"}"))).containsExactly("json-as-csv@0");
        assertThat(keys(check("data.geojson", "namn,lat\n"))).containsExactly("not-json@0");
        assertThat(keys(check("data.xlsx", "namn\nx\n"))).containsExactly("extension@0");
        assertThat(keys(check("tom.csv", new byte[0]))).containsExactly("empty@0");
        assertThat(keys(check("bara-rubrik.csv", "namn,antal\n"))).containsExactly("no-rows@0");
    }

    @Test
    void manyProblemsAreListedUpToALimitAndTheRestCounted() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 80; i++) {
            csv.append("1\n");
        }
        var checked = check("many.csv", csv.toString());
        assertThat(checked.problems()).hasSize(UploadedFile.LISTED_PROBLEMS);
        assertThat(checked.unlisted()).isEqualTo(30);
    }

    private static final String PLAYGROUNDS = """
            {"type": "FeatureCollection", "name": "lekplatser", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [12.319, 58.3812]},
               "properties": {"namn": "Skräckleparken", "gungor": 4, "yta": 120.5}},
              {"type": "Feature", "geometry": null, "properties": {"namn": "Ny lekplats", "gungor": null, "yta": 80}}
            ]}
            """;

    @Test
    void aGeoJsonFeatureCollectionOfPointsGivesLatitudeAndLongitudeColumns() throws Exception {
        var checked = check("lekplatser.geojson", PLAYGROUNDS);
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.columnNames()).containsExactly("namn", "gungor", "yta", "latitud", "longitud");
        assertThat(checked.columns())
                .extracting(UploadedFile.Column::type)
                .containsExactly(
                        UploadedFile.Type.TEXT,
                        UploadedFile.Type.INTEGER,
                        UploadedFile.Type.DECIMAL,
                        UploadedFile.Type.DECIMAL,
                        UploadedFile.Type.DECIMAL);
        var rows = rows(checked, PLAYGROUNDS);
        assertThat(rows.get(0).cells())
                .containsEntry("latitud", 58.3812)
                .containsEntry("longitud", 12.319)
                .containsEntry("gungor", 4L);
        assertThat(rows.get(1).cells()).containsEntry("latitud", null).containsEntry("yta", 80.0);
    }

    @Test
    void polygonsAreKeptAsShapes() {
        var checked = check("omraden.geojson", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"namn": "Centrum"},
                  "geometry": {"type": "Polygon", "coordinates": [[[12.31, 58.37], [12.33, 58.37], [12.33, 58.39], [12.31, 58.37]]]}}]}
                """);
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.geometry()).isEqualTo(UploadedFile.Geometry.SHAPES);
        assertThat(checked.columnNames()).containsExactly("namn");
    }

    @Test
    void geoJsonProblemsAreNamedByFeature() {
        var checked = check("fel.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"namn": "a", "typ": "x"}, "geometry": {"type": "Point", "coordinates": [12.3, 58.3]}},
                  {"type": "Feature", "properties": {"namn": "b"}, "geometry": {"type": "Point", "coordinates": [12.3, 58.3]}},
                  {"type": "Feature", "properties": {"namn": "c", "typ": {"a": 1}}, "geometry": {"type": "Point", "coordinates": [12.3, 58.3]}},
                  {"type": "Feature", "properties": {"namn": "d", "typ": "x"}, "geometry": {"type": "Point", "coordinates": [320000, 6470000]}},
                  {"type": "Feature", "properties": {"namn": "e", "typ": "x"}, "geometry": {"type": "Point", "coordinates": [12.3, 91]}},
                  {"type": "Feature", "properties": {"namn": "f", "typ": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[12.3, 58.3], [12.4, 58.3], [12.4, 58.4]]]}},
                  {"type": "Feature", "properties": {"namn": "g", "typ": "x"}, "geometry": {"type": "GeometryCollection", "geometries": []}},
                  {"type": "Feature", "properties": {"namn": "h", "typ": "x", "extra": 1}},
                  {"type": "Feature", "properties": {"namn": "i", "typ": "x"}, "geometry": {"type": "LineString", "coordinates": [12.3, 58.3]}}
                ]}
                """);
        assertThat(keys(checked))
                .containsExactly(
                        "missing-property@2",
                        "nested-property@3",
                        "feature-projected@4",
                        "feature-out-of-range@5",
                        "open-ring@6",
                        "geometry-type@7",
                        "extra-property@8",
                        "no-geometry@8",
                        "coordinates@9");
    }

    @Test
    void aGeoJsonFileThatIsNotAFeatureCollectionOrNotWgs84IsRefusedWhole() {
        assertThat(keys(check("f.geojson", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}")))
                .containsExactly("not-feature-collection@0");
        assertThat(keys(check(
                        "f.geojson",
                        "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
                                + "{\"name\": \"urn:ogc:def:crs:EPSG::3006\"}}, \"features\": []}")))
                .containsExactly("crs@0");
        assertThat(keys(check("f.geojson", "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": ")))
                .containsExactly("broken-json@0");
        assertThat(keys(check("f.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}")))
                .containsExactly("no-rows@0");
    }

    @Test
    void theDemoFilesInTheReadmePass() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("config/demo/oppna-data"))) {
            var all = files.toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(2);
            for (var file : all) {
                byte[] bytes = java.nio.file.Files.readAllBytes(file);
                var checked = check(file.getFileName().toString(), bytes);
                assertThat(checked.problems()).as(file.toString()).isEmpty();
                assertThat(checked.geometry()).as(file.toString()).isEqualTo(UploadedFile.Geometry.POINT);
            }
        }
    }
}
