package se.samla.opendata;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.samla.booking.BookingFigures;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.json.JsonMapper;

/** The bookable facilities and their free times for the coming two weeks, with their places; nobody's bookings. */
@Component
class FacilitiesDataset implements Dataset {

    static final String ID = "lokaler";
    static final int DAYS = 14;
    static final List<String> COLUMNS = List.of(
            "id", "lokal", "namn", "typ", "enhet", "adress", "kapacitet", "start", "slut", "latitud", "longitud");

    private final BookingFigures figures;
    private final Tenants tenants;
    private final Clock clock;

    FacilitiesDataset(BookingFigures figures, Tenants tenants, Clock clock) {
        this.figures = figures;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        var v = figures.version();
        // free times also run out as the clock moves: the hour is part of the version
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant modified = v.lastChange().isAfter(hour) ? v.lastChange() : hour;
        return new Freshness(v.version() + "-" + hour.getEpochSecond(), modified.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(Consumer<Map<String, Object>> each) {
        var tenant = CurrentTenant.require();
        for (var free : figures.freeTimes(DAYS)) {
            var r = free.resource();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.code() + "-" + free.start().getEpochSecond());
            row.put("lokal", r.code());
            row.put("namn", r.name().sv());
            row.put("typ", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put(
                    "enhet",
                    tenants.unit(tenant, r.unit()).map(u -> u.name().sv()).orElse(r.unit()));
            row.put("adress", r.place() == null ? null : r.place().address());
            row.put("kapacitet", r.capacity());
            row.put(
                    "start",
                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            free.start().atZone(SwedishTime.ZONE).toOffsetDateTime()));
            row.put(
                    "slut",
                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            free.end().atZone(SwedishTime.ZONE).toOffsetDateTime()));
            row.put("latitud", r.place() == null ? null : r.place().latitude());
            row.put("longitud", r.place() == null ? null : r.place().longitude());
            each.accept(row);
        }
    }

    @Override
    public DcatCatalogue.Description describe() {
        return new DcatCatalogue.Description(
                ID,
                "Lokaler och lediga tider",
                "Kommunens bokningsbara lokaler (idrottshallar, mötesrum, studierum) med typ, adress, plats och antal "
                        + "platser, och deras lediga tider de kommande " + DAYS
                        + " dagarna. Inga uppgifter om vem som bokat.",
                List.of("lokaler", "bokning", "idrottshall", "fritid"),
                "EDUC",
                true,
                LocalDate.now(clock.withZone(SwedishTime.ZONE)),
                freshness().lastModified(),
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
}
