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
                "SELECT count(*), max(updated_at), min(reported_at) FROM reports.report",
                (rs, n) -> new Version(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null
                                ? clock.instant()
                                : rs.getTimestamp(3).toInstant()));
    }

    /** What a query can filter and sort on in the database: the columns stored as they are shown. */
    public enum Field {
        ID("public_id"),
        CATEGORY("category"),
        CLOSED("closed"),
        REPORTED("reported_at", "date_trunc('second', reported_at)"),
        UPDATED("updated_at", "date_trunc('second', updated_at)"),
        LATITUDE("latitude"),
        LONGITUDE("longitude"),
        DESCRIPTION("public_description");

        private final String column;
        /** Times sort as they are shown, to the second; reports within one second keep their order. */
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
        streaming.query(COLUMNS + " ORDER BY reported_at, public_id", rs -> {
            each.accept(row(tenant, rs));
        });
    }

    /** The database filters, sorts and pages, so a query costs the same at any depth of a million reports. */
    @Transactional(readOnly = true)
    public Found query(Query query) {
        var tenant = CurrentTenant.require();
        StringBuilder where = new StringBuilder(" WHERE true");
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (var filter : query.filters().entrySet()) {
            where.append(" AND ")
                    .append(filter.getKey().column)
                    .append(filter.getValue() == null ? " IS NULL" : " = ?");
            if (filter.getValue() != null) {
                values.add(filter.getValue() instanceof Instant at ? java.sql.Timestamp.from(at) : filter.getValue());
            }
        }
        long total =
                streaming.queryForObject("SELECT count(*) FROM reports.report" + where, Long.class, values.toArray());
        String order =
                query.sort() == null ? "" : query.sort().order + (query.descending() ? " DESC" : "") + " NULLS LAST, ";
        values.add(query.limit());
        values.add(query.offset());
        java.util.List<Row> rows = streaming.query(
                COLUMNS + where + " ORDER BY " + order + "reported_at, public_id LIMIT ? OFFSET ?",
                (rs, n) -> row(tenant, rs),
                values.toArray());
        return new Found(total, rows);
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
                rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(),
                Optional.ofNullable(rs.getString(7))
                        .map(a -> places.areaName(tenant, a))
                        .orElse(null),
                rs.getDouble(8),
                rs.getDouble(9),
                rs.getString(10));
    }
}
