package se.samla.opendata;

import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseStatistics;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** Case statistics per case type and month, with small groups suppressed (each tenant's smallest group). */
@Component
class StatisticsDataset implements Dataset {

    static final String ID = "arendestatistik";
    static final List<String> COLUMNS = List.of(
            "arendetyp",
            "arendetypnamn",
            "manad",
            "inkomna",
            "avslutade",
            "median_dagar",
            "p90_dagar",
            "andel_inom_handlaggningstid");

    private final CaseStatistics statistics;
    private final Catalog catalog;
    private final OpenDataSettings settings;

    StatisticsDataset(CaseStatistics statistics, Catalog catalog, OpenDataSettings settings) {
        this.statistics = statistics;
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        var v = statistics.version();
        return new Freshness(
                v.cases() + "-" + v.lastChange().toEpochMilli() + "-" + settings.smallestGroup(), v.lastChange());
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(java.util.function.Consumer<java.util.Map<String, Object>> each) {
        statistics.forEach(settings.smallestGroup(), r -> {
            var row = new java.util.LinkedHashMap<String, Object>();
            row.put("arendetyp", r.caseType());
            row.put("arendetypnamn", name(r.caseType()));
            row.put("manad", r.month());
            row.put("inkomna", r.received());
            row.put("avslutade", r.decided());
            row.put("median_dagar", r.medianDays());
            row.put("p90_dagar", r.p90Days());
            row.put("andel_inom_handlaggningstid", r.withinNorm());
            each.accept(row);
        });
    }

    @Override
    public DcatCatalogue.Description describe() {
        var v = statistics.version();
        return new DcatCatalogue.Description(
                ID,
                "Ärendestatistik",
                "Antal inkomna och avslutade ärenden per ärendetyp och månad, median och 90:e percentil för handläggningstid "
                        + "i dagar, och andel avslutade inom utlovad handläggningstid. Grupper med färre än "
                        + settings.smallestGroup()
                        + " ärenden redovisas inte.",
                List.of("ärenden", "handläggningstid", "statistik", "e-tjänster"),
                "GOVE",
                false,
                v.first().atZone(SwedishTime.ZONE).toLocalDate(),
                v.lastChange(),
                "/datasets/" + ID + "/api");
    }

    private String name(String caseType) {
        return catalog.current(CurrentTenant.require(), caseType)
                .map(t -> t.definition().name().sv())
                .orElse(caseType);
    }
}
