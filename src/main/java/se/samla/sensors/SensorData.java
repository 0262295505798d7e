package se.samla.sensors;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;
import se.samla.shared.LocalizedText;
import se.samla.shared.TenantId;

/**
 * What the municipality publishes of its sensors, for open data: the types it publishes, their devices and the hourly
 * aggregates of their readings. Readings name no one; devices of unpublished types (bins) are never given out.
 */
@Service
public class SensorData {

    /** A published device type. */
    public record PublishedType(String code, LocalizedText name, List<SensorType.Measurement> measurements) {}

    /** A device of a published type, where it is, and its owning unit's code. */
    public record PublishedDevice(
            String id, String name, String type, String unit, double latitude, double longitude) {}

    /** One hour of one device's measurement. */
    public record Hour(
            String device, String name, String unitSymbol, Instant hour, double mean, double min, double max, int n) {}

    /** How current a type's data is: how many hours it has and the latest of them. */
    public record Version(long hours, Instant latest) {}

    private final Sensors sensors;
    private final Readings readings;
    private final JdbcTemplate streaming;

    SensorData(Sensors sensors, Readings readings, DataSource dataSource) {
        this.sensors = sensors;
        this.readings = readings;
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL sends the rows in batches, not all at once, when a fetch size is set in a transaction
        this.streaming.setFetchSize(1000);
    }

    public List<PublishedType> publishedTypes(TenantId tenant) {
        return sensors.types(tenant).stream()
                .filter(SensorType::published)
                .map(t -> new PublishedType(t.code(), t.name(), t.measurements()))
                .toList();
    }

    /** The devices of a published type; none for a type that is not published. */
    public List<PublishedDevice> devices(TenantId tenant, String type) {
        if (sensors.type(tenant, type).filter(SensorType::published).isEmpty()) {
            return List.of();
        }
        return sensors.devices(tenant).stream()
                .filter(d -> d.type().equals(type))
                .map(d -> new PublishedDevice(
                        d.id(),
                        d.name(),
                        d.type(),
                        d.unit(),
                        d.place().latitude(),
                        d.place().longitude()))
                .toList();
    }

    /** The type's hours, device by device and oldest first, one at a time. The caller's tenant transaction reads. */
    @Transactional(readOnly = true)
    public void hours(TenantId tenant, String type, Consumer<Hour> each) {
        List<String> ids =
                devices(tenant, type).stream().map(PublishedDevice::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        SensorType t = sensors.type(tenant, type).orElseThrow();
        streaming.query(
                "SELECT device, name, hour, mean, min, max, n FROM sensors.reading_hour WHERE tenant_id = ? AND device = ANY (?) "
                        + "ORDER BY device, name, hour",
                rs -> {
                    String name = rs.getString(2);
                    each.accept(new Hour(
                            rs.getString(1),
                            name,
                            t.measurement(name)
                                    .map(SensorType.Measurement::unit)
                                    .orElse(null),
                            rs.getTimestamp(3).toInstant(),
                            rs.getDouble(4),
                            rs.getDouble(5),
                            rs.getDouble(6),
                            rs.getInt(7)));
                },
                CurrentTenant.require().value(),
                ids.toArray(String[]::new));
    }

    @Transactional(readOnly = true)
    public Version version(TenantId tenant, String type) {
        List<String> ids =
                devices(tenant, type).stream().map(PublishedDevice::id).toList();
        if (ids.isEmpty()) {
            return new Version(0, Instant.EPOCH);
        }
        return streaming.queryForObject(
                "SELECT count(*), max(hour) FROM sensors.reading_hour WHERE tenant_id = ? AND device = ANY (?)",
                (rs, n) -> new Version(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(2).toInstant()),
                CurrentTenant.require().value(),
                ids.toArray(String[]::new));
    }

    /**
     * The latest value of each measurement of the published devices, of one type or of all, as a SenML pack (RFC
     * 8428): each record named by its device's base name and the measurement, with its unit and time.
     */
    public List<java.util.Map<String, Object>> latestSenml(TenantId tenant, String type) {
        java.util.Set<String> published = sensors.devices(tenant).stream()
                .filter(d -> type == null || d.type().equals(type))
                .filter(d -> sensors.type(tenant, d.type())
                        .map(SensorType::published)
                        .orElse(false))
                .map(Device::id)
                .collect(java.util.stream.Collectors.toSet());
        return readings.latest(tenant).stream()
                .filter(r -> published.contains(r.device()))
                .map(r -> {
                    java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
                    record.put(
                            "bn",
                            sensors.device(tenant, r.device()).orElseThrow().baseName());
                    record.put("n", r.name());
                    record.put("u", r.unit());
                    record.put("v", r.value());
                    record.put("t", r.at().toEpochMilli() / 1000.0);
                    return record;
                })
                .toList();
    }
}
