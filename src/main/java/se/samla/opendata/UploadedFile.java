package se.samla.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.io.input.BOMInputStream;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.PersonIdentifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSV or GeoJSON file an administrator uploads as open data, checked before anything is stored: UTF-8, one
 * header and the same columns on every row, coordinates in WGS84 and in range, no cell a spreadsheet would run as
 * a formula, no personal identity numbers. The check reads the file once and keeps only what it found; the rows are
 * read again, one at a time, when they are stored. What only one format needs is in {@link UploadedCsv} and
 * {@link UploadedGeoJson}; what is here holds for both, so that a problem is found and named the same whichever
 * format the file came in.
 */
final class UploadedFile {

    /** Most problems listed; the rest are counted. */
    static final int LISTED_PROBLEMS = 50;

    static final int MAX_COLUMNS = 200;
    static final int MAX_CELL_CHARS = 10_000;
    /** Names the query API uses for itself, so no column may have them. */
    static final Set<String> RESERVED = Set.of("sida", "per_sida", "sortera");

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL_POINT = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?\\d+(,\\d+)?");
    private static final Pattern PERSON_NUMBER = Pattern.compile("((19|20)\\d{6}[-+]?|\\d{6}[-+])\\d{4}");

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

    void problem(long where, String key, Object... arguments) {
        if (problems.size() < LISTED_PROBLEMS) {
            problems.add(new Problem(where, key, arguments));
        } else {
            unlisted++;
        }
    }

    Checked failed(Kind kind) {
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
            return kind == Kind.CSV ? UploadedCsv.check(file, content) : UploadedGeoJson.check(file, content, json);
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
            UploadedCsv.rows(checked, content, json, each);
        } else {
            UploadedGeoJson.rows(checked, content, json, each);
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
    static Reader reader(Content content) throws IOException {
        InputStream in = content.open();
        try {
            return new InputStreamReader(
                    BOMInputStream.builder().setInputStream(in).get(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // the caller closes only the reader it gets back
            in.close();
            throw e;
        }
    }

    // ---- what both formats check

    boolean ok() {
        return problems.isEmpty() && unlisted == 0;
    }

    void checkColumnNames(List<String> names, long where) {
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

    void checkCell(long where, String column, String cell) {
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

    // ---- cells and their types

    static Double decimal(String text, boolean decimalComma) {
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
    static final class Typing {
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
            Arrays.fill(b, true);
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

    static Object typed(String cell, Type type, boolean decimalComma) {
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

    static Object typed(JsonNode value, Type type) {
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

    static Type wider(Type a, Type b) {
        if (a == b) {
            return a;
        }
        if ((a == Type.INTEGER && b == Type.DECIMAL) || (a == Type.DECIMAL && b == Type.INTEGER)) {
            return Type.DECIMAL;
        }
        return Type.TEXT;
    }

    static JsonNode point(JsonMapper json, double latitude, double longitude) {
        ObjectNode point = json.createObjectNode();
        point.put("type", "Point");
        point.putArray("coordinates").add(longitude).add(latitude);
        return point;
    }
}
