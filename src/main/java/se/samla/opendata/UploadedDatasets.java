package se.samla.opendata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The datasets administrators upload: their description and their rows, stored in one transaction so a dataset
 * is either wholly the old file or wholly the new one. Every change is audited.
 */
@Service
class UploadedDatasets {

    private static final int BATCH = 1000;

    /** What an administrator says of a dataset. */
    record Details(
            String title,
            String description,
            List<String> keywords,
            String theme,
            DcatCatalogue.Licence licence,
            String contactName,
            String contactEmail,
            LocalDate periodStart,
            LocalDate periodEnd) {}

    /** A stored dataset's description, its columns and where its place is. */
    record Stored(
            String id,
            Details details,
            List<UploadedFile.Column> columns,
            UploadedFile.Geometry geometry,
            String latitudeColumn,
            String longitudeColumn,
            long rows,
            String fileName,
            LocalDate issued,
            Instant modified,
            int version) {

        List<String> columnNames() {
            return columns.stream().map(UploadedFile.Column::name).toList();
        }
    }

    /** Someone changed the dataset after the administrator opened it. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper jsonMapper;

    UploadedDatasets(
            JdbcClient jdbc,
            DataSource dataSource,
            TenantTransactions transactions,
            AuditLog audit,
            Clock clock,
            JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.jsonMapper = jsonMapper;
        // PostgreSQL sends rows in batches, instead of all at once, when a fetch size is set in a transaction
        this.streaming.setFetchSize(1000);
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The current tenant's uploaded datasets, by title. */
    List<Stored> all() {
        return transactions.read(
                CurrentTenant.require(),
                () -> jdbc.sql("SELECT * FROM opendata.uploaded_dataset WHERE tenant_id = :tenant ORDER BY title, id")
                        .param("tenant", CurrentTenant.require().value())
                        .query((rs, n) -> stored(rs))
                        .list());
    }

    Optional<Stored> find(String id) {
        return transactions.read(
                CurrentTenant.require(),
                () -> jdbc.sql("SELECT * FROM opendata.uploaded_dataset WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", id)
                        .query((rs, n) -> stored(rs))
                        .optional());
    }

    /** The current tenant's uploaded datasets as datasets to publish. */
    List<Dataset> datasets() {
        return all().stream()
                .map(s -> (Dataset) new UploadedDataset(s, jdbc, streaming, jsonMapper))
                .toList();
    }

    /** Stores a new dataset from a checked file; its id comes from its title and never changes. */
    Stored create(
            Details details,
            UploadedFile.Checked file,
            String fileName,
            UploadedFile.Content content,
            Set<String> takenIds,
            String byAuditId) {
        return transactions.call(CurrentTenant.require(), () -> {
            String id = freeId(details.title(), takenIds);
            jdbc.sql("""
                    INSERT INTO opendata.uploaded_dataset (tenant_id, id, title, description, keywords, theme, license,
                        contact_name, contact_email, period_start, period_end, columns, column_types, geometry,
                        latitude_column, longitude_column, row_count, file_name, issued, modified, version, changed_by)
                    VALUES (:tenant, :id, :title, :description, :keywords, :theme, :license, :contactName, :contactEmail,
                        :start, :end, :columns, :types, :geometry, :lat, :lon, :rows, :file, :issued, now(), 1, :by)
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", id)
                    .params(details(details).getValues())
                    .params(file(file, fileName).getValues())
                    .param("issued", LocalDate.now(clock))
                    .param("by", byAuditId)
                    .update();
            store(id, file, content);
            audit.record(new AuditRecord(
                    Actor.of(byAuditId),
                    "OPEN_DATASET_UPLOADED",
                    "dataset",
                    id,
                    Map.of("file", fileName, "rows", String.valueOf(file.rows()))));
            return find(id).orElseThrow();
        });
    }

    /**
     * Changes a dataset's description and, where a new file is given, replaces all its rows; refused as stale
     * when the dataset changed after the version the administrator saw.
     */
    Stored update(
            String id,
            int seenVersion,
            Details details,
            UploadedFile.Checked file,
            String fileName,
            UploadedFile.Content content,
            String byAuditId) {
        return transactions.call(CurrentTenant.require(), () -> {
            int changed = jdbc.sql("""
                    UPDATE opendata.uploaded_dataset SET title = :title, description = :description, keywords = :keywords,
                        theme = :theme, license = :license, contact_name = :contactName, contact_email = :contactEmail,
                        period_start = :start, period_end = :end, modified = now(), version = version + 1, changed_by = :by
                    WHERE tenant_id = :tenant AND id = :id AND version = :seen
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .params(details(details).getValues())
                    .param("id", id)
                    .param("seen", seenVersion)
                    .param("by", byAuditId)
                    .update();
            if (changed == 0) {
                throw new Stale();
            }
            if (file != null) {
                jdbc.sql("""
                        UPDATE opendata.uploaded_dataset SET columns = :columns, column_types = :types, geometry = :geometry,
                            latitude_column = :lat, longitude_column = :lon, row_count = :rows, file_name = :file
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .params(file(file, fileName).getValues())
                        .param("id", id)
                        .update();
                jdbc.sql("DELETE FROM opendata.uploaded_row WHERE tenant_id = :tenant AND dataset = :id")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", id)
                        .update();
                store(id, file, content);
            }
            audit.record(new AuditRecord(
                    Actor.of(byAuditId),
                    file == null ? "OPEN_DATASET_DESCRIBED" : "OPEN_DATASET_REPLACED",
                    "dataset",
                    id,
                    file == null ? Map.of() : Map.of("file", fileName, "rows", String.valueOf(file.rows()))));
            return find(id).orElseThrow();
        });
    }

    void delete(String id, int seenVersion, String byAuditId) {
        transactions.run(CurrentTenant.require(), () -> {
            int deleted = jdbc.sql(
                            "DELETE FROM opendata.uploaded_dataset WHERE tenant_id = :tenant AND id = :id AND version = :seen")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", id)
                    .param("seen", seenVersion)
                    .update();
            if (deleted == 0) {
                throw new Stale();
            }
            jdbc.sql("DELETE FROM opendata.dataset_setting WHERE tenant_id = :tenant AND dataset = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("id", id)
                    .update();
            audit.record(new AuditRecord(Actor.of(byAuditId), "OPEN_DATASET_DELETED", "dataset", id, Map.of()));
        });
    }

    private void store(String id, UploadedFile.Checked file, UploadedFile.Content content) {
        var tenant = CurrentTenant.require().value();
        List<Object[]> batch = new ArrayList<>(BATCH);
        int[] n = {0};
        String sql =
                "INSERT INTO opendata.uploaded_row (tenant_id, dataset, n, cells, geometry) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)";
        try {
            UploadedFile.rows(file, content, jsonMapper, row -> {
                batch.add(new Object[] {
                    tenant,
                    id,
                    ++n[0],
                    jsonMapper.writeValueAsString(row.cells().values()),
                    row.geometry() == null ? null : row.geometry().toString()
                });
                if (batch.size() == BATCH) {
                    streaming.batchUpdate(sql, batch);
                    batch.clear();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!batch.isEmpty()) {
            streaming.batchUpdate(sql, batch);
        }
    }

    /** An id for the URLs from the title: lower case, ASCII, hyphens; a number added if it is taken. */
    private String freeId(String title, Set<String> takenIds) {
        String base = Normalizer.normalize(title.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.length() > 60) {
            base = base.substring(0, 60).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "datamangd";
        }
        if (base.startsWith(SensorDatasets.PREFIX)) {
            // the sensor types' datasets have these ids, and a type may be added after the upload
            base = "data-" + base;
        }
        Set<String> stored = Set.copyOf(jdbc.sql("SELECT id FROM opendata.uploaded_dataset WHERE tenant_id = :tenant")
                .param("tenant", CurrentTenant.require().value())
                .query(String.class)
                .list());
        String id = base;
        for (int i = 2; takenIds.contains(id) || stored.contains(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource details(Details d) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("title", d.title())
                .addValue("description", d.description())
                .addValue("keywords", d.keywords().toArray(String[]::new))
                .addValue("theme", d.theme())
                .addValue("license", d.licence().name())
                .addValue("contactName", d.contactName())
                .addValue("contactEmail", d.contactEmail())
                .addValue("start", d.periodStart())
                .addValue("end", d.periodEnd());
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource file(
            UploadedFile.Checked f, String fileName) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("columns", f.columnNames().toArray(String[]::new))
                .addValue(
                        "types", f.columns().stream().map(c -> c.type().name()).toArray(String[]::new))
                .addValue("geometry", f.geometry().name())
                .addValue("lat", f.latitudeColumn())
                .addValue("lon", f.longitudeColumn())
                .addValue("rows", f.rows())
                .addValue("file", fileName);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        List<String> names = strings(rs, "columns");
        List<String> types = strings(rs, "column_types");
        List<UploadedFile.Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new UploadedFile.Column(names.get(i), UploadedFile.Type.valueOf(types.get(i))));
        }
        Date start = rs.getDate("period_start");
        Date end = rs.getDate("period_end");
        Timestamp modified = rs.getTimestamp("modified");
        return new Stored(
                rs.getString("id"),
                new Details(
                        rs.getString("title"),
                        rs.getString("description"),
                        strings(rs, "keywords"),
                        rs.getString("theme"),
                        DcatCatalogue.Licence.valueOf(rs.getString("license")),
                        rs.getString("contact_name"),
                        rs.getString("contact_email"),
                        start == null ? null : start.toLocalDate(),
                        end == null ? null : end.toLocalDate()),
                columns,
                UploadedFile.Geometry.valueOf(rs.getString("geometry")),
                rs.getString("latitude_column"),
                rs.getString("longitude_column"),
                rs.getLong("row_count"),
                rs.getString("file_name"),
                rs.getDate("issued").toLocalDate(),
                modified.toInstant(),
                rs.getInt("version"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }
}
