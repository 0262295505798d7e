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

    /** Every column, as the database sorts on it. */
    private static final java.util.Map<String, PublicReports.Field> SORTABLE = java.util.Map.ofEntries(
            java.util.Map.entry("id", PublicReports.Field.ID),
            java.util.Map.entry("kategori", PublicReports.Field.CATEGORY),
            java.util.Map.entry("kategorinamn", PublicReports.Field.CATEGORY_NAME),
            java.util.Map.entry("statusnamn", PublicReports.Field.STATUS_NAME),
            java.util.Map.entry("omrade", PublicReports.Field.AREA_NAME),
            java.util.Map.entry("status", PublicReports.Field.CLOSED),
            java.util.Map.entry("avslutad", PublicReports.Field.CLOSED),
            java.util.Map.entry("anmald", PublicReports.Field.REPORTED),
            java.util.Map.entry("uppdaterad", PublicReports.Field.UPDATED),
            java.util.Map.entry("latitud", PublicReports.Field.LATITUDE),
            java.util.Map.entry("longitud", PublicReports.Field.LONGITUDE),
            java.util.Map.entry("beskrivning", PublicReports.Field.DESCRIPTION));
    /** Every column as the database filters on it: names by the codes shown by them, times to the second. */
    private static final java.util.Map<String, PublicReports.Field> FILTERABLE = java.util.Map.ofEntries(
            java.util.Map.entry("kategorinamn", PublicReports.Field.CATEGORY_NAME),
            java.util.Map.entry("statusnamn", PublicReports.Field.STATUS_NAME),
            java.util.Map.entry("omrade", PublicReports.Field.AREA_NAME),
            java.util.Map.entry("id", PublicReports.Field.ID),
            java.util.Map.entry("kategori", PublicReports.Field.CATEGORY),
            java.util.Map.entry("status", PublicReports.Field.CLOSED),
            java.util.Map.entry("avslutad", PublicReports.Field.CLOSED),
            java.util.Map.entry("anmald", PublicReports.Field.REPORTED),
            java.util.Map.entry("uppdaterad", PublicReports.Field.UPDATED),
            java.util.Map.entry("latitud", PublicReports.Field.LATITUDE),
            java.util.Map.entry("longitud", PublicReports.Field.LONGITUDE),
            java.util.Map.entry("beskrivning", PublicReports.Field.DESCRIPTION));

    /** Whether the database can answer the query: every filter and sort on a column of the dataset. */
    private static boolean inDatabase(Query query) {
        return FILTERABLE.keySet().containsAll(query.filters().keySet())
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
                case "anmald", "uppdaterad" -> second(value);
                default -> value;
            };
            var field = FILTERABLE.get(filter.getKey());
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

    /** The second a shown time names; null for a text no row shows (not a time, or not as Samla writes one). */
    private static Instant second(String value) {
        try {
            Instant at = java.time.OffsetDateTime.parse(value, ISO).toInstant();
            return date(at).equals(value) ? at : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
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
        GeoJson.featureCollection(out, mapper, json -> rows(row -> GeoJson.pointFeature(json, row)));
    }

    private static String date(Instant at) {
        return ISO.format(
                at.truncatedTo(ChronoUnit.SECONDS).atZone(SwedishTime.ZONE).toOffsetDateTime());
    }
}
