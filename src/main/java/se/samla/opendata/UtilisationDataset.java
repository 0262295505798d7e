package se.samla.opendata;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.samla.booking.BookingFigures;
import se.samla.shared.SwedishTime;

/** How much of each facility's open time was booked, per month: statistics for management and the public. */
@Component
class UtilisationDataset implements Dataset {

    static final String ID = "lokalbelaggning";
    static final List<String> COLUMNS =
            List.of("lokal", "namn", "typ", "manad", "bokade_timmar", "oppettimmar", "belaggning");

    private final BookingFigures figures;

    UtilisationDataset(BookingFigures figures) {
        this.figures = figures;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Freshness freshness() {
        var v = figures.version();
        return new Freshness(v.version() + "-" + LocalDate.now(SwedishTime.ZONE), v.lastChange());
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void rows(Consumer<Map<String, Object>> each) {
        for (var u : figures.utilisation()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lokal", u.resource().code());
            row.put("namn", u.resource().name().sv());
            row.put("typ", u.resource().kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("manad", u.month());
            row.put("bokade_timmar", Math.round(u.bookedHours() * 10) / 10.0);
            row.put("oppettimmar", Math.round(u.openHours() * 10) / 10.0);
            row.put("belaggning", Math.round(u.share() * 1000) / 1000.0);
            each.accept(row);
        }
    }

    @Override
    public DcatCatalogue.Description describe() {
        var v = figures.version();
        return new DcatCatalogue.Description(
                ID,
                "Beläggning i kommunens lokaler",
                "Bokade timmar, öppettimmar och beläggning (andel av öppettiden som var bokad) per lokal och månad, det "
                        + "senaste året och nästa månad. Räknar bekräftade bokningar; avbokade och släppta tider räknas inte.",
                List.of("lokaler", "bokning", "beläggning", "statistik"),
                "EDUC",
                false,
                LocalDate.now(SwedishTime.ZONE).withDayOfMonth(1).minusMonths(11),
                v.lastChange(),
                "/datasets/" + ID + "/api");
    }
}
