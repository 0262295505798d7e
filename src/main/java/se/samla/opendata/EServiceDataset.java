package se.samla.opendata;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/** The e-service catalogue as open data: what residents can apply for, who handles it, and how long it takes. */
@Component
class EServiceDataset implements Dataset {

    static final String ID = "e-tjanster";
    static final List<String> COLUMNS = List.of(
            "kod",
            "namn",
            "beskrivning",
            "kategori",
            "enhet",
            "kan_startas_av",
            "tillitsniva",
            "handlaggningstid_dagar",
            "langsta_handlaggningstid_dagar");

    private final Catalog catalog;
    private final Tenants tenants;
    /** The catalogue is read at start, so it changes only then. */
    private final Instant loaded;

    EServiceDataset(Catalog catalog, Tenants tenants, Clock clock) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.loaded = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        return new Freshness(
                Integer.toHexString(catalog.current(CurrentTenant.require()).stream()
                        .map(t -> t.code() + ":" + t.version())
                        .toList()
                        .hashCode()),
                loaded);
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(Consumer<Map<String, Object>> each) {
        var tenant = CurrentTenant.require();
        catalog.current(tenant).stream()
                .filter(t -> !t.definition().isReportCategory())
                .forEach(t -> {
                    var d = t.definition();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kod", t.code());
                    row.put("namn", d.name().sv());
                    row.put(
                            "beskrivning",
                            d.description() == null ? null : d.description().sv());
                    row.put("kategori", d.category());
                    row.put(
                            "enhet",
                            tenants.unit(tenant, d.unit())
                                    .map(u -> u.name().sv())
                                    .orElse(d.unit()));
                    row.put("kan_startas_av", d.startedBy().name().toLowerCase(java.util.Locale.ROOT));
                    row.put("tillitsniva", d.assuranceLevel());
                    row.put("handlaggningstid_dagar", d.serviceNormDays());
                    row.put("langsta_handlaggningstid_dagar", d.leadTimeDays());
                    each.accept(row);
                });
    }

    @Override
    public DcatCatalogue.Description describe() {
        return new DcatCatalogue.Description(
                ID,
                "E-tjänster",
                "Kommunens e-tjänster i Samla: vad man kan ansöka om eller anmäla, vilken enhet som handlägger, vem som "
                        + "kan starta e-tjänsten, vilken tillitsnivå för e-legitimation som krävs och utlovad handläggningstid.",
                List.of("e-tjänster", "service", "handläggningstid"),
                "GOVE",
                false,
                DcatCatalogue.ISSUED,
                loaded,
                "/datasets/" + ID + "/api");
    }
}
