package se.samla.opendata;

import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.reports.PublicReports;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem reports dataset in its three distributions: CSV (RFC 4180, UTF-8, a header row), JSON and
 * GeoJSON. Each is written row by row as the database sends them, in constant memory.
 */
@Component
class ReportDataset implements Dataset {

    static final String ID = "felanmalningar";
    static final List<String> COLUMNS = List.of(
            "id",
            "kategori",
            "kategorinamn",
            "status",
            "statusnamn",
            "avslutad",
            "anmald",
            "uppdaterad",
            "omrade",
            "latitud",
            "longitud",
            "beskrivning");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PublicReports reports;

    ReportDataset(PublicReports reports) {
        this.reports = reports;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        var v = reports.version();
        return new Freshness(v.count() + "-" + v.lastModified().toEpochMilli(), v.lastModified());
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(java.util.function.Consumer<java.util.Map<String, Object>> each) {
        reports.forEach(r -> each.accept(row(r)));
    }

    private static java.util.Map<String, Object> row(PublicReports.Row r) {
        var row = new java.util.LinkedHashMap<String, Object>();
        row.put("id", r.id());
        row.put("kategori", r.category());
        row.put("kategorinamn", r.categoryName());
        row.put("status", r.closed() ? "closed" : "open");
        row.put("statusnamn", r.statusName());
        row.put("avslutad", r.closed());
        row.put("anmald", date(r.reported()));
        row.put("uppdaterad", date(r.updated()));
        row.put("omrade", r.area());
        row.put("latitud", r.latitude());
        row.put("longitud", r.longitude());
        row.put("beskrivning", r.description());
        return row;
    }

    /** The columns the database holds as they are shown, so it can sort on them. */
    private static final java.util.Map<String, PublicReports.Field> SORTABLE = java.util.Map.of(
            "id",
            PublicReports.Field.ID,
            "kategori",
            PublicReports.Field.CATEGORY,
            "status",
            PublicReports.Field.CLOSED,
            "avslutad",
            PublicReports.Field.CLOSED,
            "anmald",
            PublicReports.Field.REPORTED,
            "uppdaterad",
            PublicReports.Field.UPDATED,
            "latitud",
            PublicReports.Field.LATITUDE,
            "longitud",
            PublicReports.Field.LONGITUDE,
            "beskrivning",
            PublicReports.Field.DESCRIPTION);
    /** The columns the database can filter on (dates are shown to the second, and stored finer). */
    private static final java.util.Set<String> FILTERABLE =
            java.util.Set.of("id", "kategori", "status", "avslutad", "latitud", "longitud", "beskrivning");

    /** Whether the database can answer the query; one on a name Samla looks up (category, status, area) streams. */
    private static boolean inDatabase(Query query) {
        return FILTERABLE.containsAll(query.filters().keySet())
                && (query.sortColumn() == null || SORTABLE.containsKey(query.sortColumn()));
    }

    @Override
    public long sortWindow(Query query) {
        return inDatabase(query) ? Long.MAX_VALUE : Dataset.super.sortWindow(query);
    }

    @Override
    public Page query(Query query) {
        if (!inDatabase(query)) {
            return Dataset.super.query(query);
        }
        var filters = new java.util.EnumMap<PublicReports.Field, Object>(PublicReports.Field.class);
        for (var filter : query.filters().entrySet()) {
            String value = filter.getValue();
            Object wanted = switch (filter.getKey()) {
                case "status" -> value.equals("closed") ? Boolean.TRUE : value.equals("open") ? Boolean.FALSE : null;
                case "avslutad" -> value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : null;
                case "latitud", "longitud" -> number(value);
                default -> value;
            };
            var field = SORTABLE.get(filter.getKey());
            // a value no row can have, or two filters on one field that disagree: nothing matches
            if (wanted == null
                    || (filters.containsKey(field) && !filters.get(field).equals(wanted))) {
                return new Page(0, java.util.List.of());
            }
            // an empty filter matches rows without a description, as over the stream
            filters.put(field, field == PublicReports.Field.DESCRIPTION && value.isEmpty() ? null : wanted);
        }
        var sort = query.sortColumn() == null ? null : SORTABLE.get(query.sortColumn());
        // "closed" sorts before "open", and closed is true, which sorts after false
        boolean descending = "status".equals(query.sortColumn()) != query.descending();
        var found = reports.query(new PublicReports.Query(filters, sort, descending, query.skip(), query.size()));
        return new Page(
                found.total(), found.rows().stream().map(ReportDataset::row).toList());
    }

    private static Double number(String value) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public DcatCatalogue.Description describe() {
        var v = reports.version();
        return new DcatCatalogue.Description(
                ID,
                "Felanmälningar",
                "Felanmälningar i den offentliga miljön (gatubelysning, hål i gata, snöröjning, vattenläckor, klotter, "
                        + "nedskräpning, lekplatser) med kategori, status, datum och plats. Utan uppgifter om den som anmält; "
                        + "beskrivningen bara där kommunen har publicerat den.",
                List.of("felanmälan", "gata", "park", "belysning", "underhåll"),
                "GOVE",
                true,
                v.first().atZone(SwedishTime.ZONE).toLocalDate(),
                v.lastModified(),
                "/datasets/" + ID + "/api");
    }

    @Override
    public boolean located() {
        return true;
    }

    @Override
    public void geojson(OutputStream out, JsonMapper mapper) {
        GeoJson.featureCollection(
                out,
                mapper,
                json -> rows(row -> {
                    json.writeStartObject();
                    json.writeStringProperty("type", "Feature");
                    json.writeStringProperty("id", (String) row.get("id"));
                    json.writeObjectPropertyStart("geometry");
                    json.writeStringProperty("type", "Point");
                    json.writeArrayPropertyStart("coordinates");
                    json.writeNumber((Double) row.remove("longitud"));
                    json.writeNumber((Double) row.remove("latitud"));
                    json.writeEndArray();
                    json.writeEndObject();
                    // the place is the geometry; every other column is a property
                    json.writePOJOProperty("properties", row);
                    json.writeEndObject();
                }));
    }

    private static String date(Instant at) {
        return ISO.format(
                at.truncatedTo(ChronoUnit.SECONDS).atZone(SwedishTime.ZONE).toOffsetDateTime());
    }
}
