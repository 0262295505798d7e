package se.samla.opendata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.samla.records.RegisterData;
import se.samla.shared.SwedishTime;

/** The public register (postlista) as open data: its documents without their parties. */
@Component
class RegisterDataset implements Dataset {

    static final String ID = "diarium";
    /** No counterpart: names of private persons may stand in the register, but open data is for everyone, in bulk. */
    static final List<String> COLUMNS =
            List.of("datum", "diarienummer", "handlingsnummer", "riktning", "arende", "handling", "sekretess");

    private final RegisterData register;

    RegisterDataset(RegisterData register) {
        this.register = register;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        var v = register.version();
        return new Freshness(v.count() + "-" + v.lastModified().toEpochMilli(), v.lastModified());
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(Consumer<Map<String, Object>> each) {
        register.forEach(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("datum", r.date().toString());
            row.put("diarienummer", r.reference());
            row.put("handlingsnummer", r.number());
            row.put(
                    "riktning",
                    switch (r.direction()) {
                        case "INCOMING" -> "inkommande";
                        case "OUTGOING" -> "utgående";
                        default -> "upprättad";
                    });
            row.put("arende", r.caseTitle());
            row.put("handling", r.description());
            row.put("sekretess", r.secrecy());
            each.accept(row);
        });
    }

    @Override
    public DcatCatalogue.Description describe() {
        var v = register.version();
        return new DcatCatalogue.Description(
                ID,
                "Diarium (postlista)",
                "Registrerade allmänna handlingar: datum, diarienummer, riktning, ärende, handling och eventuell "
                        + "sekretessmarkering. Utan avsändare och mottagare; dem visar diariet på webben där sekretess inte gäller.",
                List.of("diarium", "postlista", "allmänna handlingar", "offentlighetsprincipen"),
                "GOVE",
                false,
                v.first().atZone(SwedishTime.ZONE).toLocalDate(),
                v.lastModified(),
                "/datasets/" + ID + "/api");
    }
}
