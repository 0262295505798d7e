package se.samla.sensors;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.sensors.view.DeviceView;
import se.samla.sensors.view.SensorListView;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenants;

/**
 * The pages of the devices, for staff (every device, with links to the cases their rules opened) and for the public
 * (the types the municipality publishes). Readings name no one, so reading them is not audited.
 */
@Service
class DevicePages {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Sensors sensors;
    private final Readings readings;
    private final Series series;
    private final Tenants tenants;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final MessageSource messages;
    private final Clock clock;

    DevicePages(
            Sensors sensors,
            Readings readings,
            Series series,
            Tenants tenants,
            JdbcClient jdbc,
            TenantTransactions transactions,
            MessageSource messages,
            Clock clock) {
        this.sensors = sensors;
        this.readings = readings;
        this.series = series;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.messages = messages;
        this.clock = clock;
    }

    /** Whether the device may be shown: to staff always, to the public when its type is published. */
    private boolean shown(TenantId tenant, Device device, boolean staff) {
        return staff
                || sensors.type(tenant, device.type())
                        .map(SensorType::published)
                        .orElse(false);
    }

    SensorListView list(TenantId tenant, boolean staff, Locale locale) {
        Map<String, List<Readings.Reading>> latest =
                readings.latest(tenant).stream().collect(Collectors.groupingBy(Readings.Reading::device));
        Map<String, List<String>> alarms = alarms(tenant);
        List<SensorListView.Item> items = new ArrayList<>();
        for (Device d : sensors.devices(tenant)) {
            if (!shown(tenant, d, staff)) {
                continue;
            }
            items.add(new SensorListView.Item(
                    d.id(),
                    d.name(),
                    typeName(tenant, d, locale),
                    unitName(tenant, d, locale),
                    place(d),
                    latest.getOrDefault(d.id(), List.of()).stream()
                            .map(r -> r.name() + " " + value(r.value(), locale) + " " + r.unit() + " ("
                                    + MINUTE.format(r.at().atZone(SwedishTime.ZONE)) + ")")
                            .toList(),
                    alarms.getOrDefault(d.id(), List.of()).stream()
                            .map(code -> ruleName(tenant, code, locale))
                            .toList()));
        }
        return new SensorListView(items, staff, staff ? "/personal/givare/tomning" : null);
    }

    /**
     * The device's page, or empty when there is no such device for this viewer.
     *
     * @param measurement the measurement to chart; the type's first when null or unknown
     */
    Optional<DeviceView> device(
            TenantId tenant, String id, String measurement, Series.Period period, boolean staff, Locale locale) {
        Optional<Device> found = sensors.device(tenant, id).filter(d -> shown(tenant, d, staff));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Device d = found.get();
        SensorType type = sensors.type(tenant, d.type()).orElseThrow();
        SensorType.Measurement chosen = type.measurement(measurement == null ? "" : measurement)
                .orElse(type.measurements().get(0));
        String base = (staff ? "/personal/givare/" : "/givare/") + d.id();
        Instant now = clock.instant();
        var points = series.of(tenant, d.id(), chosen.name(), period, now);
        List<Double> thresholds = new ArrayList<>();
        List<DeviceView.RuleState> rules = new ArrayList<>();
        Map<String, Object[]> states = states(tenant, d.id());
        for (Rule rule : sensors.rules(tenant, type.code())) {
            if (rule.threshold() && rule.measurement().equals(chosen.name())) {
                thresholds.add(rule.above() != null ? rule.above() : rule.below());
            }
            Object[] state = states.get(rule.code());
            boolean alarm = state != null && "FIRING".equals(state[0]);
            String since = state != null && state[1] != null
                    ? MINUTE.format(((Instant) state[1]).atZone(SwedishTime.ZONE))
                    : null;
            rules.add(new DeviceView.RuleState(
                    rule.name().in(locale),
                    alarm
                            ? t(locale, "sensors.rule.alarm", since == null ? "" : since)
                            : state != null && "PENDING".equals(state[0])
                                    ? t(locale, "sensors.rule.pending", since == null ? "" : since)
                                    : t(locale, "sensors.rule.normal"),
                    alarm,
                    alarm ? (staff ? "/personal" : "") + "/felanmalan/givare/" + d.id() + "/" + rule.code() : null));
        }
        String periodName = t(locale, "sensors.period." + period.name());
        String summary = points.isEmpty()
                ? t(locale, "sensors.chart.empty", periodName)
                : t(
                        locale,
                        "sensors.chart.summary",
                        periodName,
                        value(
                                points.stream()
                                        .mapToDouble(Series.Point::min)
                                        .min()
                                        .orElseThrow(),
                                locale),
                        value(
                                points.stream()
                                        .mapToDouble(Series.Point::max)
                                        .max()
                                        .orElseThrow(),
                                locale),
                        value(points.get(points.size() - 1).mean(), locale),
                        chosen.unit());
        DateTimeFormatter when = period == Series.Period.YEAR ? DAY : MINUTE;
        return Optional.of(new DeviceView(
                d.id(),
                d.name(),
                type.name().in(locale),
                unitName(tenant, d, locale),
                place(d),
                "https://www.openstreetmap.org/?mlat=" + d.place().latitude() + "&mlon="
                        + d.place().longitude() + "#map=17/" + d.place().latitude() + "/"
                        + d.place().longitude(),
                readings.latest(tenant, List.of(d)).stream()
                        .map(r -> new DeviceView.Latest(
                                r.name(),
                                value(r.value(), locale) + " " + r.unit(),
                                MINUTE.format(r.at().atZone(SwedishTime.ZONE))))
                        .toList(),
                type.measurements().stream()
                        .map(m -> new DeviceView.Option(
                                m.name() + " (" + m.unit() + ")",
                                base + "?matt=" + m.name() + "&period=" + code(period),
                                m.equals(chosen)))
                        .toList(),
                java.util.Arrays.stream(Series.Period.values())
                        .map(p -> new DeviceView.Option(
                                t(locale, "sensors.period." + p.name()),
                                base + "?matt=" + chosen.name() + "&period=" + code(p),
                                p == period))
                        .toList(),
                chosen.name() + " (" + chosen.unit() + ")",
                periodName,
                Chart.draw(points, period, now, thresholds, locale, summary),
                points.stream()
                        .map(p -> new DeviceView.Row(
                                when.format(p.at().atZone(SwedishTime.ZONE)),
                                value(p.mean(), locale),
                                value(p.min(), locale),
                                value(p.max(), locale),
                                p.n()))
                        .toList(),
                rules,
                staff));
    }

    /** The period named in a link: dag, vecka or ar; a day when it names none. */
    static Series.Period period(String code) {
        return switch (code == null ? "" : code) {
            case "vecka" -> Series.Period.WEEK;
            case "ar" -> Series.Period.YEAR;
            default -> Series.Period.DAY;
        };
    }

    static String code(Series.Period period) {
        return switch (period) {
            case DAY -> "dag";
            case WEEK -> "vecka";
            case YEAR -> "ar";
        };
    }

    /** Each device's rules that alarm now. */
    private Map<String, List<String>> alarms(TenantId tenant) {
        return transactions.read(
                tenant,
                () -> jdbc
                        .sql(
                                "SELECT device, rule FROM sensors.rule_state WHERE tenant_id = :tenant AND phase = 'FIRING' ORDER BY rule")
                        .param("tenant", CurrentTenant.require().value())
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .list()
                        .stream()
                        .collect(Collectors.groupingBy(
                                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
    }

    /** The device's rules' phases and since when they are past their threshold. */
    private Map<String, Object[]> states(TenantId tenant, String device) {
        return transactions.read(
                tenant,
                () -> jdbc
                        .sql(
                                "SELECT rule, phase, past_since FROM sensors.rule_state WHERE tenant_id = :tenant AND device = :d")
                        .param("tenant", CurrentTenant.require().value())
                        .param("d", device)
                        .query((rs, n) -> Map.entry(rs.getString(1), new Object[] {
                            rs.getString(2),
                            rs.getTimestamp(3) == null
                                    ? null
                                    : rs.getTimestamp(3).toInstant()
                        }))
                        .list()
                        .stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private String ruleName(TenantId tenant, String code, Locale locale) {
        return sensors.types(tenant).stream()
                .flatMap(type -> sensors.rules(tenant, type.code()).stream())
                .filter(r -> r.code().equals(code))
                .map(r -> r.name().in(locale))
                .findFirst()
                .orElse(code);
    }

    private String typeName(TenantId tenant, Device d, Locale locale) {
        return sensors.type(tenant, d.type()).map(t -> t.name().in(locale)).orElse(d.type());
    }

    private String unitName(TenantId tenant, Device d, Locale locale) {
        return tenants.unit(tenant, d.unit()).map(u -> u.name().in(locale)).orElse(d.unit());
    }

    private static String place(Device d) {
        return String.format(
                Locale.ROOT, "%.5f, %.5f", d.place().latitude(), d.place().longitude());
    }

    static String value(double v, Locale locale) {
        return String.format(locale, "%.2f", v);
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
