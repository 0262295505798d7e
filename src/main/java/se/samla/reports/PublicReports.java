package se.samla.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;

/**
 * The public side of every report, for open data: category, status, dates, area and place, and the
 * description only where staff published it. Never anything of the reporter. Rows are streamed from the
 * database, so any number of reports takes the same memory.
 */
@Service
public class PublicReports {

    /** One report as open data shows it. */
    public record Row(
            String id,
            String category,
            String categoryName,
            String status,
            String statusName,
            boolean closed,
            Instant reported,
            Instant updated,
            String area,
            double latitude,
            double longitude,
            String description) {}

    /** How many reports there are and when the newest change was: what tells a cache whether it is current. */
    public record Version(long count, Instant lastModified, Instant first) {}

    private final JdbcTemplate streaming;
    private final Catalog catalog;
    private final Places places;
    private final Clock clock;

    PublicReports(DataSource dataSource, Catalog catalog, Places places, Clock clock) {
        this.streaming = new JdbcTemplate(dataSource);
        this.clock = clock;
        // PostgreSQL sends rows in batches, instead of all at once, when a fetch size is set in a transaction
        this.streaming.setFetchSize(1000);
        this.catalog = catalog;
        this.places = places;
    }

    @Transactional(readOnly = true)
    public Version version() {
        return streaming.queryForObject(
                "SELECT count(*), max(updated_at), min(reported_at) FROM reports.report WHERE tenant_id = ? AND listed",
                (rs, n) -> new Version(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null
                                ? clock.instant()
                                : rs.getTimestamp(3).toInstant()),
                CurrentTenant.require().value());
    }

    /**
     * What a query can filter and sort on in the database: the columns stored as they are shown, and the names
     * open data shows for some (a filter on a name matches the codes that have it). A time filters to the second
     * it is shown to.
     */
    public enum Field {
        ID("public_id", "public_id COLLATE \"C\""),
        CATEGORY_NAME("category"),
        STATUS_NAME("status"),
        AREA_NAME("area"),
        CATEGORY("category", "category COLLATE \"C\""),
        CLOSED("closed"),
        REPORTED("reported_at", "date_trunc('second', reported_at)"),
        UPDATED("updated_at", "date_trunc('second', updated_at)"),
        LATITUDE("latitude"),
        LONGITUDE("longitude"),
        DESCRIPTION("public_description", "public_description COLLATE \"C\"");

        private final String column;
        /**
         * Times sort as they are shown, to the second (reports within one second keep their order); text by its code
         * points, as Java compares strings, whatever the database's collation.
         */
        private final String order;

        Field(String column) {
            this(column, column);
        }

        Field(String column, String order) {
            this.column = column;
            this.order = order;
        }
    }

    /** Reports whose fields equal the filters, sorted by one field (ties oldest first), a page of them. */
    public record Query(java.util.Map<Field, Object> filters, Field sort, boolean descending, long offset, int limit) {}

    public record Found(long total, java.util.List<Row> rows) {}

    private static final String COLUMNS = """
            SELECT public_id, category, status, closed, reported_at, updated_at, area, latitude, longitude,
                   public_description
            FROM reports.report""";

    /** Every report, oldest first, one at a time. */
    @Transactional(readOnly = true)
    public void forEach(Consumer<Row> each) {
        var tenant = CurrentTenant.require();
        streaming.query(
                COLUMNS + " WHERE tenant_id = ? AND listed ORDER BY reported_at, public_id",
                rs -> {
                    each.accept(row(tenant, rs));
                },
                tenant.value());
    }

    /** The database filters, sorts and pages, so a query costs the same at any depth of a million reports. */
    @Transactional(readOnly = true)
    public Found query(Query query) {
        var tenant = CurrentTenant.require();
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ? AND listed");
        java.util.List<Object> values = new java.util.ArrayList<>();
        values.add(tenant.value());
        for (var filter : query.filters().entrySet()) {
            where.append(" AND ").append(condition(tenant, filter.getKey(), filter.getValue(), values));
        }
        long total =
                streaming.queryForObject("SELECT count(*) FROM reports.report" + where, Long.class, values.toArray());
        java.util.List<Object> pageValues = new java.util.ArrayList<>(values);
        String order = query.sort() == null
                ? ""
                : order(tenant, query.sort(), pageValues) + (query.descending() ? " DESC" : "") + " NULLS LAST, ";
        pageValues.add(query.limit());
        pageValues.add(query.offset());
        java.util.List<Row> rows = streaming.query(
                COLUMNS + where + " ORDER BY " + order + "reported_at, public_id LIMIT ? OFFSET ?",
                (rs, n) -> row(tenant, rs),
                pageValues.toArray());
        return new Found(total, rows);
    }

    /**
     * The SQL condition for one filter, its values added to the list. A name matches the codes that are shown by
     * it, and a code without a name of its own, which is shown as itself, when it equals the name: the same rows
     * as comparing each row's shown name.
     */
    private String condition(
            se.samla.shared.TenantId tenant, Field field, Object wanted, java.util.List<Object> values) {
        switch (field) {
            case CATEGORY_NAME -> {
                var types = catalog.current(tenant);
                return named(
                        "category",
                        (String) wanted,
                        types.stream()
                                .filter(t -> t.definition().name().sv().equals(wanted))
                                .map(t -> t.code())
                                .toList(),
                        types.stream().map(t -> t.code()).toList(),
                        values);
            }
            case STATUS_NAME -> {
                java.util.List<String> shownAs = new java.util.ArrayList<>();
                java.util.List<String> named = new java.util.ArrayList<>();
                for (var t : catalog.current(tenant)) {
                    for (var s : t.definition().statuses()) {
                        named.add(t.code() + "/" + s.code());
                        if (s.resident().sv().equals(wanted)) {
                            shownAs.add(t.code() + "/" + s.code());
                        }
                    }
                }
                return "(" + in("category || '/' || status", shownAs, values) + " OR (status = ? AND NOT "
                        + in("category || '/' || status", named, withValue(values, wanted)) + "))";
            }
            case AREA_NAME -> {
                if ("".equals(wanted)) {
                    return "area IS NULL";
                }
                var areas = places.areas(tenant);
                return named(
                        "area",
                        (String) wanted,
                        areas.stream()
                                .filter(a -> a.name().equals(wanted))
                                .map(Area::code)
                                .toList(),
                        areas.stream().map(Area::code).toList(),
                        values);
            }
            case REPORTED, UPDATED -> {
                Instant second = (Instant) wanted;
                values.add(java.sql.Timestamp.from(second));
                values.add(java.sql.Timestamp.from(second.plusSeconds(1)));
                return "(" + field.column + " >= ? AND " + field.column + " < ?)";
            }
            default -> {
                if (wanted == null) {
                    return field.column + " IS NULL";
                }
                values.add(wanted);
                return field.column + " = ?";
            }
        }
    }

    /**
     * What a field sorts by. A name sorts as shown, by the code points of its text (as Java compares strings), so
     * the database's order is the one the rows would have in Samla.
     */
    private String order(se.samla.shared.TenantId tenant, Field field, java.util.List<Object> values) {
        java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
        String key;
        switch (field) {
            case CATEGORY_NAME -> {
                key = "category";
                catalog.current(tenant)
                        .forEach(t -> shown.put(t.code(), t.definition().name().sv()));
            }
            case STATUS_NAME -> {
                key = "category || '/' || status";
                catalog.current(tenant)
                        .forEach(t -> t.definition()
                                .statuses()
                                .forEach(st -> shown.put(
                                        t.code() + "/" + st.code(),
                                        st.resident().sv())));
            }
            case AREA_NAME -> {
                key = "area";
                places.areas(tenant).forEach(a -> shown.put(a.code(), a.name()));
            }
            default -> {
                return field.order;
            }
        }
        StringBuilder order = new StringBuilder("(CASE ").append(key);
        shown.forEach((code, name) -> {
            order.append(" WHEN ? THEN ?");
            values.add(code);
            values.add(name);
        });
        return order.append(" ELSE ")
                .append(field.column)
                .append(" END) COLLATE \"C\"")
                .toString();
    }

    private static String named(
            String column,
            String name,
            java.util.List<String> codesShownAs,
            java.util.List<String> codesWithNames,
            java.util.List<Object> values) {
        return "(" + in(column, codesShownAs, values) + " OR (" + column + " = ? AND NOT "
                + in(column, codesWithNames, withValue(values, name)) + "))";
    }

    private static java.util.List<Object> withValue(java.util.List<Object> values, Object value) {
        values.add(value);
        return values;
    }

    private static String in(String column, java.util.List<String> codes, java.util.List<Object> values) {
        if (codes.isEmpty()) {
            return "false";
        }
        values.addAll(codes);
        return column + " IN (" + String.join(", ", java.util.Collections.nCopies(codes.size(), "?")) + ")";
    }

    private Row row(se.samla.shared.TenantId tenant, java.sql.ResultSet rs) throws java.sql.SQLException {
        String category = rs.getString(2);
        String status = rs.getString(3);
        var type = catalog.current(tenant, category);
        return new Row(
                rs.getString(1),
                category,
                type.map(t -> t.definition().name().sv()).orElse(category),
                status,
                type.flatMap(t -> t.definition().status(status))
                        .map(s -> s.resident().sv())
                        .orElse(status),
                rs.getBoolean(4),
                // straight to a time, without the driver's calendar arithmetic for a Timestamp: a million per download
                rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                rs.getObject(6, java.time.OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getString(7))
                        .map(a -> places.areaName(tenant, a))
                        .orElse(null),
                rs.getDouble(8),
                rs.getDouble(9),
                rs.getString(10));
    }
}
