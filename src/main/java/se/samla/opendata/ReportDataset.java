package se.samla.opendata;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.reports.PublicReports;

/**
 * The problem reports dataset in its three distributions: CSV (RFC 4180, UTF-8, a header row), JSON and
 * GeoJSON. Each is written row by row as the database sends them, in constant memory.
 */
@Component
class ReportDataset implements Dataset {

    static final String ID = "felanmalningar";
    static final List<String> COLUMNS = List.of("id", "kategori", "kategorinamn", "status", "statusnamn", "avslutad",
            "anmald", "uppdaterad", "omrade", "latitud", "longitud", "beskrivning");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final PublicReports reports;

    ReportDataset(PublicReports reports) {
        this.reports = reports;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        var v = reports.version();
        return v.count() + "-" + v.lastModified().toEpochMilli();
    }

    @Override
    public Instant lastModified() {
        return reports.version().lastModified();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(java.util.function.Consumer<java.util.Map<String, Object>> each) {
        reports.forEach(r -> {
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
            each.accept(row);
        });
    }

    @Override
    public DcatCatalogue.Description describe() {
        var v = reports.version();
        return new DcatCatalogue.Description(ID, "Felanmälningar",
                "Felanmälningar i den offentliga miljön (gatubelysning, hål i gata, snöröjning, vattenläckor, klotter, "
                        + "nedskräpning, lekplatser) med kategori, status, datum och plats. Utan uppgifter om den som anmält; "
                        + "beskrivningen bara där kommunen har publicerat den.",
                List.of("felanmälan", "gata", "park", "belysning", "underhåll"), "GOVE", true,
                v.first().atZone(SWEDEN).toLocalDate(), v.lastModified(), "/datasets/" + ID + "/api");
    }

    @Override
    public boolean located() {
        return true;
    }

    @Override
    public void geojson(OutputStream out) {
        GeoJson.featureCollection(out, json -> rows(row -> {
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
        return ISO.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(SWEDEN).toOffsetDateTime());
    }
}
