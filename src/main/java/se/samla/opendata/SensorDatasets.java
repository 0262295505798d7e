package se.samla.opendata;

import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.samla.sensors.SensorData;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dataset per device type the municipality publishes: the hourly mean, least and greatest value of each device's
 * measurements, with the devices themselves as GeoJSON. Types not published (bin levels) give none.
 */
@Component
class SensorDatasets {

    static final String PREFIX = "givare-";

    private final SensorData data;
    private final Clock clock;

    SensorDatasets(SensorData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /** The current tenant's sensor datasets. */
    List<Dataset> datasets() {
        return data.publishedTypes(CurrentTenant.require()).stream()
                .map(type -> (Dataset) new Readings(type))
                .toList();
    }

    /** The readings of one published type, hour by hour. */
    private final class Readings implements Dataset {

        private static final List<String> COLUMNS =
                List.of("id", "givare", "namn", "matt", "enhet", "timme", "medel", "lagst", "hogst", "antal");

        private final SensorData.PublishedType type;

        Readings(SensorData.PublishedType type) {
            this.type = type;
        }

        @Override
        public String id() {
            return PREFIX + type.code();
        }

        @Override
        public Freshness freshness() {
            var v = data.version(CurrentTenant.require(), type.code());
            return new Freshness(
                    v.hours() + "-" + v.latest().getEpochSecond(), v.latest().truncatedTo(ChronoUnit.SECONDS));
        }

        @Override
        public List<String> columns() {
            return COLUMNS;
        }

        @Override
        public void rows(Consumer<Map<String, Object>> each) {
            var tenant = CurrentTenant.require();
            Map<String, String> names = new java.util.HashMap<>();
            data.devices(tenant, type.code()).forEach(d -> names.put(d.id(), d.name()));
            data.hours(tenant, type.code(), hour -> {
                Map<String, Object> row = new LinkedHashMap<>();
                String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        hour.hour().atZone(SwedishTime.ZONE).toOffsetDateTime());
                row.put(
                        "id",
                        hour.device() + "/" + hour.name() + "/" + hour.hour().getEpochSecond());
                row.put("givare", hour.device());
                row.put("namn", names.get(hour.device()));
                row.put("matt", hour.name());
                row.put("enhet", hour.unitSymbol());
                row.put("timme", at);
                row.put("medel", round(hour.mean()));
                row.put("lagst", hour.min());
                row.put("hogst", hour.max());
                row.put("antal", hour.n());
                each.accept(row);
            });
        }

        @Override
        public DcatCatalogue.Description describe() {
            String measured = type.measurements().stream()
                    .map(m -> m.name() + " (" + m.unit() + ")")
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            return new DcatCatalogue.Description(
                    id(),
                    "Givarvärden: " + type.name().sv(),
                    "Kommunens givare av typen " + type.name().sv().toLowerCase(java.util.Locale.ROOT)
                            + ": medel, lägsta och högsta värde per timme och givare, av " + measured
                            + ". Givarna med sin plats finns som GeoJSON. De senaste värdena finns också i "
                            + "/sensors/v1/latest som SenML (RFC 8428). Inga personuppgifter.",
                    List.of("givare", "mätvärden", "sensorer", type.name().sv().toLowerCase(java.util.Locale.ROOT)),
                    "ENVI",
                    true,
                    LocalDate.now(clock.withZone(SwedishTime.ZONE)),
                    freshness().lastModified(),
                    "/datasets/" + id() + "/api");
        }

        @Override
        public boolean located() {
            return true;
        }

        /** The devices as points: where each is, its name and what it measures. */
        @Override
        public void geojson(OutputStream out, JsonMapper mapper) {
            GeoJson.featureCollection(out, mapper, json -> {
                for (var d : data.devices(CurrentTenant.require(), type.code())) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", d.id());
                    row.put("namn", d.name());
                    row.put("typ", type.name().sv());
                    row.put("latitud", d.latitude());
                    row.put("longitud", d.longitude());
                    GeoJson.pointFeature(json, row);
                }
            });
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }
}
