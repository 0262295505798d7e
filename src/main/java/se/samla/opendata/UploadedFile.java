package se.samla.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.PersonIdentifier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSV or GeoJSON file an administrator uploads as open data, checked before anything is stored: UTF-8, one
 * header and the same columns on every row, coordinates in WGS84 and in range, no cell a spreadsheet would run as
 * a formula, no personal identity numbers. The check reads the file once and keeps only what it found; the rows are
 * read again, one at a time, when they are stored.
 */
final class UploadedFile {

    /** Most problems listed; the rest are counted. */
    static final int LISTED_PROBLEMS = 50;

    static final int MAX_COLUMNS = 200;
    static final int MAX_CELL_CHARS = 10_000;
    /** Names the query API uses for itself, so no column may have them. */
    static final Set<String> RESERVED = Set.of("sida", "per_sida", "sortera");

    private static final Set<String> LATITUDE = Set.of("latitud", "latitude", "lat");
    private static final Set<String> LONGITUDE = Set.of("longitud", "longitude", "lon", "lng", "long");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL_POINT = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+(,\\d+)?");
    private static final Pattern PERSON_NUMBER = Pattern.compile("((19|20)\\d{6}[-+]?|\\d{6}[-+])\\d{4}");
    private static final Set<String> GEOMETRIES =
            Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    enum Kind {
        CSV,
        GEOJSON
    }

    enum Geometry {
        NONE,
        POINT,
        SHAPES
    }

    enum Type {
        INTEGER,
        DECIMAL,
        BOOLEAN,
        TEXT
    }

    /** Opens the uploaded content, as often as it is read. */
    interface Content {
        InputStream open() throws IOException;
    }

    /** What is wrong, where: a line of a CSV file or a feature of a GeoJSON file (0 for the whole file). */
    record Problem(long where, String key, List<Object> arguments) {
        Problem(long where, String key, Object... arguments) {
            this(where, key, List.of(arguments));
        }
    }

    record Column(String name, Type type) {}

    /** What the check found: the columns and their types, where the place is, the row count, and any problems. */
    record Checked(
            Kind kind,
            char delimiter,
            boolean decimalComma,
            List<Column> columns,
            Geometry geometry,
            String latitudeColumn,
            String longitudeColumn,
            long rows,
            List<Problem> problems,
            long unlisted) {

        boolean ok() {
            return problems.isEmpty();
        }

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    /** One row as stored: its cells by column, typed, and its GeoJSON geometry if it has a place. */
    record Row(Map<String, Object> cells, JsonNode geometry) {}

    private final List<Problem> problems = new ArrayList<>();
    private long unlisted;

    private UploadedFile() {}

    private void problem(long where, String key, Object... arguments) {
        if (problems.size() < LISTED_PROBLEMS) {
            problems.add(new Problem(where, key, arguments));
        } else {
            unlisted++;
        }
    }

    private Checked failed(Kind kind) {
        return new Checked(kind, ',', false, List.of(), Geometry.NONE, null, null, 0, List.copyOf(problems), unlisted);
    }

    /** Checks a file by the kind its name gives and by what it holds. */
    static Checked check(String fileName, long size, Content content, JsonMapper json) {
        var file = new UploadedFile();
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        Kind kind = name.endsWith(".csv")
                ? Kind.CSV
                : name.endsWith(".geojson") || name.endsWith(".json") ? Kind.GEOJSON : null;
        if (kind == null) {
            file.problem(0, "opendata.upload.problem.extension", fileName == null ? "" : fileName);
            return file.failed(Kind.CSV);
        }
        if (size == 0) {
            file.problem(0, "opendata.upload.problem.empty");
            return file.failed(kind);
        }
        try {
            if (!file.text(content)) {
                return file.failed(kind);
            }
            int first = firstCharacter(content);
            if (kind == Kind.CSV && (first == '<' || first == '{' || first == '[')) {
                file.problem(
                        0, first == '<' ? "opendata.upload.problem.markup" : "opendata.upload.problem.json-as-csv");
                return file.failed(kind);
            }
            if (kind == Kind.GEOJSON && first != '{') {
                file.problem(0, "opendata.upload.problem.not-json");
                return file.failed(kind);
            }
            return kind == Kind.CSV ? file.checkCsv(content) : file.checkGeoJson(content, json);
        } catch (IOException e) {
            file.problem(0, "opendata.upload.problem.unreadable");
            return file.failed(kind);
        }
    }

    /** Reads the rows of a file that passed the check, in order. */
    static void rows(Checked checked, Content content, JsonMapper json, Consumer<Row> each) throws IOException {
        if (!checked.ok()) {
            throw new IllegalStateException("the file did not pass the check");
        }
        if (checked.kind() == Kind.CSV) {
            try (CSVParser csv = csv(content, checked.delimiter())) {
                for (CSVRecord record : csv) {
                    Map<String, Object> cells = new LinkedHashMap<>();
                    for (int i = 0; i < checked.columns().size(); i++) {
                        Column column = checked.columns().get(i);
                        cells.put(column.name(), typed(record.get(i).strip(), column.type(), checked.decimalComma()));
                    }
                    JsonNode geometry = null;
                    if (checked.geometry() == Geometry.POINT) {
                        Double lat = number(cells.get(checked.latitudeColumn()));
                        Double lon = number(cells.get(checked.longitudeColumn()));
                        if (lat != null && lon != null) {
                            geometry = point(json, lat, lon);
                        }
                    }
                    each.accept(new Row(cells, geometry));
                }
            }
        } else {
            geoJsonFeatures(content, json, feature -> {
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
                    } else if (checked.geometry() == Geometry.POINT
                            && column.name().equals(checked.longitudeColumn())) {
                        cells.put(
                                column.name(),
                                geometry == null
                                        ? null
                                        : geometry.get("coordinates").get(0).doubleValue());
                    } else {
                        cells.put(column.name(), typed(properties.get(column.name()), column.type()));
                    }
                }
                each.accept(new Row(cells, geometry));
            });
        }
    }

    // ---- the whole file

    /**
     * Whether the file is UTF-8 text; names the first line that is not. Decodes in chunks, so a file that is one
     * long line (minified GeoJSON) takes no more memory than any other.
     */
    private boolean text(Content content) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long line = 1;
        try (InputStream in = content.open()) {
            boolean end = false;
            while (true) {
                if (!end) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        end = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                int from = bytes.position();
                // a NUL anywhere means no text at all: say that, rather than where the encoding goes wrong
                for (int i = from; i < bytes.limit(); i++) {
                    if (bytes.get(i) == 0) {
                        problem(0, "opendata.upload.problem.binary");
                        return false;
                    }
                }
                CoderResult result = decoder.decode(bytes, chars, end);
                for (int i = from; i < bytes.position(); i++) {
                    if (bytes.get(i) == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    problem(line, "opendata.upload.problem.encoding", line);
                    return false;
                }
                chars.clear();
                bytes.compact();
                if (end && result.isUnderflow()) {
                    return true;
                }
            }
        }
    }

    private static int firstCharacter(Content content) throws IOException {
        try (var reader = reader(content)) {
            int c;
            do {
                c = reader.read();
            } while (c != -1 && Character.isWhitespace(c));
            return c;
        }
    }

    /** The text, without the byte order mark spreadsheet programs put first. */
    private static java.io.Reader reader(Content content) throws IOException {
        var reader = new java.io.PushbackReader(new InputStreamReader(content.open(), StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    // ---- CSV

    private static CSVParser csv(Content content, char delimiter) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .get()
                .parse(reader(content));
    }

    /** Spreadsheets in Sweden save with semicolons (and decimal commas); others with commas, some with tabs. */
    private static char delimiter(Content content) throws IOException {
        try (var reader = new java.io.BufferedReader(reader(content))) {
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

    private Checked checkCsv(Content content) throws IOException {
        char delimiter = delimiter(content);
        boolean decimalComma = delimiter != ',';
        try (CSVParser csv = csv(content, delimiter)) {
            List<String> header =
                    csv.getHeaderNames().stream().map(String::strip).toList();
            if (header.isEmpty()) {
                problem(1, "opendata.upload.problem.no-header");
                return failed(Kind.CSV);
            }
            checkColumnNames(header, 1);
            if (!ok()) {
                return failed(Kind.CSV);
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
                problem(1, "opendata.upload.problem.half-place", latitude == null ? longitude : latitude);
            }
            var types = new Typing(header.size(), decimalComma);
            long rows = 0;
            long line = 2;
            try {
                for (CSVRecord record : csv) {
                    rows++;
                    if (record.size() != header.size()) {
                        problem(line, "opendata.upload.problem.row-width", line, record.size(), header.size());
                    } else {
                        for (int i = 0; i < header.size(); i++) {
                            String cell = record.get(i).strip();
                            checkCell(line, header.get(i), cell);
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
                problem(csv.getCurrentLineNumber(), "opendata.upload.problem.quotes", csv.getCurrentLineNumber());
            }
            if (rows == 0 && ok()) {
                problem(0, "opendata.upload.problem.no-rows");
            }
            if (!ok()) {
                return failed(Kind.CSV);
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

    private boolean ok() {
        return problems.isEmpty() && unlisted == 0;
    }

    private void checkColumnNames(List<String> names, long where) {
        if (names.size() > MAX_COLUMNS) {
            problem(where, "opendata.upload.problem.too-many-columns", names.size(), MAX_COLUMNS);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                problem(where, "opendata.upload.problem.unnamed-column", i + 1);
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problem(where, "opendata.upload.problem.duplicate-column", name);
            } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                problem(where, "opendata.upload.problem.reserved-column", name);
            } else if (name.length() > 100) {
                problem(where, "opendata.upload.problem.long-column", i + 1);
            }
        }
    }

    private void checkCell(long where, String column, String cell) {
        if (cell.length() > MAX_CELL_CHARS) {
            problem(where, "opendata.upload.problem.long-cell", where, column, MAX_CELL_CHARS);
        } else if (formula(cell)) {
            problem(where, "opendata.upload.problem.formula", where, column);
        } else if (personNumber(cell)) {
            problem(where, "opendata.upload.problem.person-number", where, column);
        }
    }

    /** What a spreadsheet would run instead of show: =, @, or + and - not starting a number. */
    static boolean formula(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '@') {
            return true;
        }
        return (first == '+' || first == '-')
                && cell.length() > 1
                && !Character.isDigit(cell.charAt(1))
                && cell.charAt(1) != '.'
                && cell.charAt(1) != ' ';
    }

    static boolean personNumber(String cell) {
        if (cell.length() < 11
                || cell.length() > 13
                || !PERSON_NUMBER.matcher(cell).matches()) {
            return false;
        }
        try {
            PersonIdentifier.parse(cell);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    private void checkPlace(long where, String latitude, String longitude, boolean decimalComma) {
        if (latitude.isEmpty() && longitude.isEmpty()) {
            return;
        }
        Double lat = decimal(latitude, decimalComma);
        Double lon = decimal(longitude, decimalComma);
        if (lat == null || lon == null) {
            problem(where, "opendata.upload.problem.place-not-number", where);
        } else if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            problem(
                    where,
                    Math.abs(lat) > 1000 || Math.abs(lon) > 1000
                            ? "opendata.upload.problem.place-projected"
                            : "opendata.upload.problem.place-out-of-range",
                    where,
                    latitude,
                    longitude);
        }
    }

    private static Double decimal(String text, boolean decimalComma) {
        String t = text.strip();
        if (DECIMAL_POINT.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        if (decimalComma && DECIMAL_COMMA.matcher(t).matches()) {
            return Double.parseDouble(t.replace(',', '.'));
        }
        return null;
    }

    /** The narrowest type every non-empty cell of each column has. */
    private static final class Typing {
        private final boolean decimalComma;
        private final boolean[] integer;
        private final boolean[] decimal;
        private final boolean[] bool;
        private final boolean[] any;

        Typing(int columns, boolean decimalComma) {
            this.decimalComma = decimalComma;
            integer = filled(columns);
            decimal = filled(columns);
            bool = filled(columns);
            any = new boolean[columns];
        }

        private static boolean[] filled(int n) {
            boolean[] b = new boolean[n];
            java.util.Arrays.fill(b, true);
            return b;
        }

        void see(int column, String cell) {
            if (cell.isEmpty()) {
                return;
            }
            any[column] = true;
            integer[column] &= INTEGER.matcher(cell).matches();
            decimal[column] &= decimal(cell, decimalComma) != null && !cell.matches("-?0\\d.*");
            bool[column] &= cell.equals("true") || cell.equals("false");
        }

        Type type(int column) {
            if (!any[column]) {
                return Type.TEXT;
            }
            return integer[column]
                    ? Type.INTEGER
                    : decimal[column] ? Type.DECIMAL : bool[column] ? Type.BOOLEAN : Type.TEXT;
        }
    }

    private static Object typed(String cell, Type type, boolean decimalComma) {
        if (cell.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> Long.parseLong(cell);
            case DECIMAL -> decimal(cell, decimalComma);
            case BOOLEAN -> Boolean.parseBoolean(cell);
            case TEXT -> cell;
        };
    }

    private static Object typed(JsonNode value, Type type) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> value.longValue();
            case DECIMAL -> value.doubleValue();
            case BOOLEAN -> value.booleanValue();
            case TEXT -> value.isString() ? value.stringValue() : value.toString();
        };
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    static JsonNode point(JsonMapper json, double latitude, double longitude) {
        ObjectNode point = json.createObjectNode();
        point.put("type", "Point");
        point.putArray("coordinates").add(longitude).add(latitude);
        return point;
    }

    // ---- GeoJSON

    /** Reads a FeatureCollection's features one at a time, so a large file takes little memory. */
    private static void geoJsonFeatures(Content content, JsonMapper mapper, Consumer<JsonNode> each)
            throws IOException {
        try (JsonParser json = mapper.createParser(reader(content))) {
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

    private Checked checkGeoJson(Content content, JsonMapper json) throws IOException {
        List<String> properties = new ArrayList<>();
        Map<String, Type> types = new LinkedHashMap<>();
        long[] count = {0};
        boolean[] points = {true};
        boolean[] anyPlace = {false};
        try {
            geoJsonFeatures(content, json, feature -> {
                long n = ++count[0];
                if (!feature.isObject()
                        || !"Feature".equals(feature.path("type").asString(""))) {
                    problem(n, "opendata.upload.problem.not-feature", n);
                    return;
                }
                JsonNode props = feature.get("properties");
                if (props != null && !props.isNull() && !props.isObject()) {
                    problem(n, "opendata.upload.problem.not-feature", n);
                    return;
                }
                List<String> names = new ArrayList<>();
                if (props != null && props.isObject()) {
                    props.propertyNames().forEach(names::add);
                }
                if (n == 1) {
                    checkColumnNames(names.stream().map(String::strip).toList(), 1);
                    properties.addAll(names);
                } else {
                    for (String name : properties) {
                        if (!names.contains(name)) {
                            problem(n, "opendata.upload.problem.missing-property", n, name);
                        }
                    }
                    for (String name : names) {
                        if (!properties.contains(name)) {
                            problem(n, "opendata.upload.problem.extra-property", n, name);
                        }
                    }
                }
                for (String name : names) {
                    JsonNode value = props.get(name);
                    if (value.isContainer()) {
                        problem(n, "opendata.upload.problem.nested-property", n, name);
                    } else if (!value.isNull()) {
                        Type type = value.isIntegralNumber()
                                ? Type.INTEGER
                                : value.isNumber() ? Type.DECIMAL : value.isBoolean() ? Type.BOOLEAN : Type.TEXT;
                        types.merge(name, type, UploadedFile::wider);
                        if (value.isString()) {
                            checkCell(n, name, value.stringValue());
                        }
                    }
                }
                JsonNode geometry = feature.get("geometry");
                if (geometry == null) {
                    problem(n, "opendata.upload.problem.no-geometry", n);
                } else if (!geometry.isNull()) {
                    anyPlace[0] = true;
                    String type = geometry.path("type").asString("");
                    points[0] &= type.equals("Point");
                    if (!GEOMETRIES.contains(type)) {
                        problem(n, "opendata.upload.problem.geometry-type", n, type);
                    } else {
                        checkCoordinates(n, type, geometry.get("coordinates"));
                    }
                }
            });
        } catch (GeoJsonShape e) {
            problem(0, e.key, e.arguments);
            return failed(Kind.GEOJSON);
        } catch (JacksonException e) {
            problem(
                    0,
                    "opendata.upload.problem.broken-json",
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            return failed(Kind.GEOJSON);
        }
        if (count[0] == 0 && ok()) {
            problem(0, "opendata.upload.problem.no-rows");
        }
        boolean located = anyPlace[0];
        boolean point = located && points[0];
        if (point && (properties.contains("latitud") || properties.contains("longitud"))) {
            problem(1, "opendata.upload.problem.place-property");
        }
        if (!ok()) {
            return failed(Kind.GEOJSON);
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

    private static Type wider(Type a, Type b) {
        if (a == b) {
            return a;
        }
        if ((a == Type.INTEGER && b == Type.DECIMAL) || (a == Type.DECIMAL && b == Type.INTEGER)) {
            return Type.DECIMAL;
        }
        return Type.TEXT;
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
            problem(n, "opendata.upload.problem.coordinates", n);
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
                problem(
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
            problem(n, "opendata.upload.problem.open-ring", n);
        }
    }
}
