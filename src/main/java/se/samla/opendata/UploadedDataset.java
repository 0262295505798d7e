package se.samla.opendata;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.samla.shared.CurrentTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset an administrator uploaded, read from the database: streamed for the downloads, and queried there
 * (filters, sorting and paging in SQL) for the query API.
 */
final class UploadedDataset implements Dataset {

    private final UploadedDatasets.Stored stored;
    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final JsonMapper jsonMapper;

    UploadedDataset(UploadedDatasets.Stored stored, JdbcClient jdbc, JdbcTemplate streaming, JsonMapper jsonMapper) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public String id() {
        return stored.id();
    }

    @Override
    public Freshness freshness() {
        return new Freshness("u" + stored.version() + "-" + stored.modified().toEpochMilli(), stored.modified());
    }

    @Override
    public List<String> columns() {
        return stored.columnNames();
    }

    @Override
    public boolean located() {
        return stored.geometry() != UploadedFile.Geometry.NONE;
    }

    @Override
    public void rows(Consumer<Map<String, Object>> each) {
        streaming.query(
                "SELECT cells FROM opendata.uploaded_row WHERE tenant_id = ? AND dataset = ? ORDER BY n",
                rs -> {
                    each.accept(row(rs.getString(1)));
                },
                CurrentTenant.require().value(),
                id());
    }

    @Override
    public void geojson(OutputStream out, JsonMapper mapper) {
        GeoJson.featureCollection(
                out,
                mapper,
                json -> streaming.query(
                        "SELECT n, cells, geometry FROM opendata.uploaded_row WHERE tenant_id = ? AND dataset = ? ORDER BY n",
                        rs -> {
                            json.writeStartObject();
                            json.writeStringProperty("type", "Feature");
                            json.writeNumberProperty("id", rs.getLong(1));
                            String geometry = rs.getString(3);
                            json.writeName("geometry");
                            if (geometry == null) {
                                json.writeNull();
                            } else {
                                json.writeRawValue(geometry);
                            }
                            Map<String, Object> properties = row(rs.getString(2));
                            // where the place came from latitude and longitude columns, it is the geometry and not a
                            // property
                            if (stored.geometry() == UploadedFile.Geometry.POINT) {
                                properties.remove(stored.latitudeColumn());
                                properties.remove(stored.longitudeColumn());
                            }
                            json.writePOJOProperty("properties", properties);
                            json.writeEndObject();
                        },
                        CurrentTenant.require().value(),
                        id()));
    }

    /** The database filters, sorts and pages, so any page of any size of dataset costs about the same. */
    @Override
    public long sortWindow(Query query) {
        return Long.MAX_VALUE;
    }

    @Override
    public Page query(Query query) {
        StringBuilder where = new StringBuilder("WHERE tenant_id = :tenant AND dataset = :dataset");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", CurrentTenant.require().value());
        params.put("dataset", stored.id());
        int f = 0;
        for (var filter : query.filters().entrySet()) {
            where.append(" AND coalesce(cells->>:c")
                    .append(f)
                    .append(", '') = :v")
                    .append(f);
            params.put("c" + f, columns().indexOf(filter.getKey()));
            params.put("v" + f, filter.getValue());
            f++;
        }
        long total = jdbc.sql("SELECT count(*) FROM opendata.uploaded_row " + where)
                .params(params)
                .query(Long.class)
                .single();
        String order = "n";
        if (query.sortColumn() != null) {
            int sort = columns().indexOf(query.sortColumn());
            params.put("sort", sort);
            // as DatasetOrder compares: numbers as numbers (a double is much cheaper to compare than a JSON value),
            // everything else as text in code-point order; empty cells last either way, ties in the file's order
            String key = switch (stored.columns().get(sort).type()) {
                case INTEGER, DECIMAL -> "(cells->>:sort)::float8";
                case BOOLEAN, TEXT -> "(cells->>:sort) COLLATE \"C\"";
            };
            order = key + (query.descending() ? " DESC" : "") + " NULLS LAST, n";
        }
        params.put("limit", query.size());
        params.put("offset", query.skip());
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.sql("SELECT cells FROM opendata.uploaded_row " + where
                        + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> row(rs.getString(1)))
                .list());
        return new Page(total, rows);
    }

    @Override
    public DcatCatalogue.Description describe() {
        var d = stored.details();
        return new DcatCatalogue.Description(
                id(),
                d.title(),
                d.description(),
                d.keywords(),
                d.theme(),
                located(),
                d.periodStart() == null ? stored.issued() : d.periodStart(),
                d.periodEnd(),
                stored.modified(),
                "/datasets/" + id() + "/api",
                d.licence(),
                new DcatCatalogue.Contact(d.contactName(), d.contactEmail()),
                stored.issued());
    }

    /** A stored row, its cells named by the columns in order. */
    private Map<String, Object> row(String cells) {
        JsonNode values = jsonMapper.readTree(cells);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < stored.columns().size(); i++) {
            JsonNode v = values.get(i);
            row.put(
                    stored.columns().get(i).name(),
                    v == null || v.isNull()
                            ? null
                            : v.isIntegralNumber()
                                    ? (Object) v.longValue()
                                    : v.isNumber()
                                            ? (Object) v.doubleValue()
                                            : v.isBoolean() ? (Object) v.booleanValue() : v.stringValue());
        }
        return row;
    }
}
