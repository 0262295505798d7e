package se.samla.opendata;

import java.util.Comparator;
import java.util.Map;

/** How the query API compares cells: numbers as numbers, everything else as text, empty cells last. */
final class DatasetOrder {

    private DatasetOrder() {}

    static Comparator<Map<String, Object>> by(String column, boolean descending) {
        Comparator<Object> values = (a, b) -> a instanceof Number x && b instanceof Number y
                ? Double.compare(x.doubleValue(), y.doubleValue())
                : text(a).compareTo(text(b));
        if (descending) {
            values = values.reversed();
        }
        return Comparator.comparing(row -> row.get(column), Comparator.nullsLast(values));
    }

    /** A cell as the filters compare it. */
    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
