package se.samla.sensors;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.sensors.view.DeviceView;
import se.samla.sensors.view.RoundView;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenants;

/**
 * The daily round of a unit's full bins, for the staff of that unit: a printable page and the same as GeoJSON for the
 * crew's map. A unit the staff member has no role in is not found.
 */
@Controller
class RoundController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final Rounds rounds;
    private final Sensors sensors;
    private final Tenants tenants;
    private final Clock clock;

    RoundController(Rounds rounds, Sensors sensors, Tenants tenants, Clock clock) {
        this.rounds = rounds;
        this.sensors = sensors;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping("/personal/givare/tomning")
    String round(@RequestParam(name = "enhet", required = false) String unit, Model model) {
        TenantId tenant = tenants.current().id();
        Locale locale = LocaleContextHolder.getLocale();
        List<String> mine = unitsWithDepot(tenant);
        String chosen = chosen(unit, mine);
        Rounds.Round round = rounds.of(tenant, chosen).orElseThrow();
        model.addAttribute(
                "round",
                new RoundView(
                        chosen,
                        unitName(tenant, chosen, locale),
                        round.depot().name(),
                        LocalDate.now(clock.withZone(SwedishTime.ZONE)).toString(),
                        round.stops().stream()
                                .map(s -> new RoundView.Stop(
                                        s.order(),
                                        s.device().id(),
                                        s.device().name(),
                                        s.measurement() + " " + DevicePages.value(s.value(), locale) + " " + s.unit(),
                                        MINUTE.format(s.at().atZone(SwedishTime.ZONE)),
                                        (int) s.metres(),
                                        "https://www.openstreetmap.org/?mlat="
                                                + s.device().place().latitude() + "&mlon="
                                                + s.device().place().longitude()))
                                .toList(),
                        String.format(locale, "%.1f", round.metres() / 1000.0),
                        "/personal/givare/tomning.geojson?enhet=" + chosen,
                        mine.size() < 2
                                ? List.of()
                                : mine.stream()
                                        .map(u -> new DeviceView.Option(
                                                unitName(tenant, u, locale),
                                                "/personal/givare/tomning?enhet=" + u,
                                                u.equals(chosen)))
                                        .toList()));
        return "sensors/round";
    }

    /** The round as GeoJSON: the way from the depot through the stops and back, and each stop with its number. */
    @GetMapping(value = "/personal/givare/tomning.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> roundGeoJson(@RequestParam(name = "enhet", required = false) String unit) {
        TenantId tenant = tenants.current().id();
        String chosen = chosen(unit, unitsWithDepot(tenant));
        Rounds.Round round = rounds.of(tenant, chosen).orElseThrow();
        List<Object> features = new ArrayList<>();
        List<List<Double>> way = new ArrayList<>();
        way.add(List.of(round.depot().place().longitude(), round.depot().place().latitude()));
        features.add(point(
                round.depot().place(),
                Map.of("kind", "depot", "name", round.depot().name())));
        for (Rounds.Stop stop : round.stops()) {
            way.add(List.of(
                    stop.device().place().longitude(), stop.device().place().latitude()));
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("kind", "stop");
            properties.put("order", stop.order());
            properties.put("device", stop.device().id());
            properties.put("name", stop.device().name());
            properties.put("measurement", stop.measurement());
            properties.put("value", stop.value());
            properties.put("unit", stop.unit());
            properties.put("measuredAt", stop.at().toString());
            properties.put("metresFromPrevious", stop.metres());
            features.add(point(stop.device().place(), properties));
        }
        way.add(List.of(round.depot().place().longitude(), round.depot().place().latitude()));
        if (!round.stops().isEmpty()) {
            features.add(
                    0,
                    Map.of(
                            "type", "Feature",
                            "geometry", Map.of("type", "LineString", "coordinates", way),
                            "properties", Map.of("kind", "round", "unit", chosen, "metres", round.metres())));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static Map<String, Object> point(Device.Place place, Map<String, Object> properties) {
        return Map.of(
                "type",
                "Feature",
                "geometry",
                Map.of("type", "Point", "coordinates", List.of(place.longitude(), place.latitude())),
                "properties",
                properties);
    }

    /** The units with a depot whose staff the signed-in member is. */
    private List<String> unitsWithDepot(TenantId tenant) {
        var staff = CurrentUser.requireStaff();
        return tenants.unitsReachedFrom(tenant, staff.workingUnits()).stream()
                .filter(u -> sensors.depot(tenant, u).isPresent())
                .toList();
    }

    private static String chosen(String unit, List<String> mine) {
        if (unit == null && !mine.isEmpty()) {
            return mine.get(0);
        }
        if (unit == null || !mine.contains(unit)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return unit;
    }

    private String unitName(TenantId tenant, String unit, Locale locale) {
        return tenants.unit(tenant, unit).map(u -> u.name().in(locale)).orElse(unit);
    }
}
