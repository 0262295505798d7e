package se.samla.opendata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import se.samla.opendata.UploadedFile.Checked;
import se.samla.opendata.UploadedFile.Column;
import se.samla.opendata.UploadedFile.Content;
import se.samla.opendata.UploadedFile.Geometry;
import se.samla.opendata.UploadedFile.Kind;
import se.samla.opendata.UploadedFile.Row;
import se.samla.opendata.UploadedFile.Type;
import se.samla.opendata.UploadedFile.Typing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CSV side of an {@link UploadedFile}: which delimiter the file uses, whether its header and every row hold up,
 * what type each column has, and where a row's place is when it has a latitude and a longitude column. The check
 * leaves its problems with the {@code UploadedFile} that asked for it, so they are counted and listed together with
 * those found before the file was read as CSV.
 */
final class UploadedCsv {

    private static final Set<String> LATITUDE = Set.of("latitud", "latitude", "lat");
    private static final Set<String> LONGITUDE = Set.of("longitud", "longitude", "lon", "lng", "long");

    private final UploadedFile file;

    private UploadedCsv(UploadedFile file) {
        this.file = file;
    }

    static Checked check(UploadedFile file, Content content) throws IOException {
        return new UploadedCsv(file).check(content);
    }

    static void rows(Checked checked, Content content, JsonMapper json, Consumer<Row> each) throws IOException {
        try (CSVParser csv = csv(content, checked.delimiter())) {
            for (CSVRecord record : csv) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int i = 0; i < checked.columns().size(); i++) {
                    Column column = checked.columns().get(i);
                    cells.put(
                            column.name(),
                            UploadedFile.typed(record.get(i).strip(), column.type(), checked.decimalComma()));
                }
                JsonNode geometry = null;
                if (checked.geometry() == Geometry.POINT) {
                    Double lat = number(cells.get(checked.latitudeColumn()));
                    Double lon = number(cells.get(checked.longitudeColumn()));
                    if (lat != null && lon != null) {
                        geometry = UploadedFile.point(json, lat, lon);
                    }
                }
                each.accept(new Row(cells, geometry));
            }
        }
    }

    private static CSVParser csv(Content content, char delimiter) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get()
                .parse(UploadedFile.reader(content));
    }

    /** Spreadsheets in Sweden save with semicolons (and decimal commas); others with commas, some with tabs. */
    private static char delimiter(Content content) throws IOException {
        try (var reader = new BufferedReader(UploadedFile.reader(content))) {
            String header = reader.readLine();
            if (header == null) {
                return ',';
            }
            long commas = header.chars().filter(c -> c == ',').count();
            long semicolons = header.chars().filter(c -> c == ';').count();
            long tabs = header.chars().filter(c -> c == '\t').count();
            return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
        }
    }

    private Checked check(Content content) throws IOException {
        char delimiter = delimiter(content);
        boolean decimalComma = delimiter != ',';
        try (CSVParser csv = csv(content, delimiter)) {
            List<String> header =
                    csv.getHeaderNames().stream().map(String::strip).toList();
            if (header.isEmpty()) {
                file.problem(1, "opendata.upload.problem.no-header");
                return file.failed(Kind.CSV);
            }
            file.checkColumnNames(header, 1);
            if (!file.ok()) {
                return file.failed(Kind.CSV);
            }
            String latitude = header.stream()
                    .filter(h -> LATITUDE.contains(h.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElse(null);
            String longitude = header.stream()
                    .filter(h -> LONGITUDE.contains(h.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElse(null);
            if ((latitude == null) != (longitude == null)) {
                file.problem(1, "opendata.upload.problem.half-place", latitude == null ? longitude : latitude);
            }
            var types = new Typing(header.size(), decimalComma);
            long rows = 0;
            long line = 2;
            try {
                for (CSVRecord record : csv) {
                    rows++;
                    if (record.size() != header.size()) {
                        file.problem(line, "opendata.upload.problem.row-width", line, record.size(), header.size());
                    } else {
                        for (int i = 0; i < header.size(); i++) {
                            String cell = record.get(i).strip();
                            file.checkCell(line, header.get(i), cell);
                            types.see(i, cell);
                        }
                        if (latitude != null && longitude != null) {
                            checkPlace(
                                    line,
                                    record.get(header.indexOf(latitude)).strip(),
                                    record.get(header.indexOf(longitude)).strip(),
                                    decimalComma);
                        }
                    }
                    line = csv.getCurrentLineNumber() + 1;
                }
            } catch (UncheckedIOException e) {
                file.problem(csv.getCurrentLineNumber(), "opendata.upload.problem.quotes", csv.getCurrentLineNumber());
            }
            if (rows == 0 && file.ok()) {
                file.problem(0, "opendata.upload.problem.no-rows");
            }
            if (!file.ok()) {
                return file.failed(Kind.CSV);
            }
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                Type type = header.get(i).equals(latitude) || header.get(i).equals(longitude)
                        ? Type.DECIMAL
                        : types.type(i);
                columns.add(new Column(header.get(i), type));
            }
            boolean located = latitude != null && longitude != null;
            return new Checked(
                    Kind.CSV,
                    delimiter,
                    decimalComma,
                    columns,
                    located ? Geometry.POINT : Geometry.NONE,
                    located ? latitude : null,
                    located ? longitude : null,
                    rows,
                    List.of(),
                    0);
        }
    }

    private void checkPlace(long where, String latitude, String longitude, boolean decimalComma) {
        if (latitude.isEmpty() && longitude.isEmpty()) {
            return;
        }
        Double lat = UploadedFile.decimal(latitude, decimalComma);
        Double lon = UploadedFile.decimal(longitude, decimalComma);
        if (lat == null || lon == null) {
            file.problem(where, "opendata.upload.problem.place-not-number", where);
        } else if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            file.problem(
                    where,
                    Math.abs(lat) > 1000 || Math.abs(lon) > 1000
                            ? "opendata.upload.problem.place-projected"
                            : "opendata.upload.problem.place-out-of-range",
                    where,
                    latitude,
                    longitude);
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
