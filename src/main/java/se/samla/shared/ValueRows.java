package se.samla.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Many rows for one {@code INSERT … VALUES :rows}, a part at a time: Spring writes each {@code Object[]} of a list as
 * one parenthesised row. This is the form of a bulk write that a Citus cluster routes to the one shard of the
 * municipality; an {@code INSERT … SELECT FROM unnest(…)} is instead copied through the coordinator, which row-level
 * security refuses. The values must be of the column's Java type (a {@code LocalDate} for a date, an {@code
 * OffsetDateTime} for a moment), since a row of parameters carries no casts.
 */
public final class ValueRows {

    /** Rows in one statement: 500 rows of the widest table stay well inside PostgreSQL's 32,767 bind parameters. */
    public static final int PART = 500;

    private ValueRows() {}

    /** The items as rows, in parts of at most {@link #PART}; none for no items. */
    public static <T> List<List<Object[]>> parts(Collection<T> items, Function<? super T, Object[]> row) {
        List<List<Object[]>> parts = new ArrayList<>();
        List<Object[]> part = new ArrayList<>();
        for (T item : items) {
            part.add(row.apply(item));
            if (part.size() == PART) {
                parts.add(part);
                part = new ArrayList<>();
            }
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }
}
