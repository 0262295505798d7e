package se.samla.reports;

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
    public record Row(String id, String category, String categoryName, String status, String statusName, boolean closed,
            Instant reported, Instant updated, String area, double latitude, double longitude, String description) {
    }

    /** How many reports there are and when the newest change was: what tells a cache whether it is current. */
    public record Version(long count, Instant lastModified, Instant first) {
    }

    private final JdbcTemplate streaming;
    private final Catalog catalog;
    private final Places places;

    PublicReports(DataSource dataSource, Catalog catalog, Places places) {
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL sends rows in batches, instead of all at once, when a fetch size is set in a transaction
        this.streaming.setFetchSize(1000);
        this.catalog = catalog;
        this.places = places;
    }

    @Transactional(readOnly = true)
    public Version version() {
        return streaming.queryForObject("SELECT count(*), max(updated_at), min(reported_at) FROM reports.report",
                (rs, n) -> new Version(rs.getLong(1), rs.getTimestamp(2) == null ? Instant.EPOCH : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? Instant.now() : rs.getTimestamp(3).toInstant()));
    }

    /** Every report, oldest first, one at a time. */
    @Transactional(readOnly = true)
    public void forEach(Consumer<Row> each) {
        var tenant = CurrentTenant.require();
        streaming.query("""
                SELECT public_id, category, status, closed, reported_at, updated_at, area, latitude, longitude,
                       public_description
                FROM reports.report ORDER BY reported_at, public_id
                """, rs -> {
            String category = rs.getString(2);
            String status = rs.getString(3);
            var type = catalog.current(tenant, category);
            each.accept(new Row(rs.getString(1), category, type.map(t -> t.definition().name().sv()).orElse(category), status,
                    type.flatMap(t -> t.definition().status(status)).map(s -> s.resident().sv()).orElse(status),
                    rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                    Optional.ofNullable(rs.getString(7)).map(a -> places.areaName(tenant, a)).orElse(null),
                    rs.getDouble(8), rs.getDouble(9), rs.getString(10)));
        });
    }
}
