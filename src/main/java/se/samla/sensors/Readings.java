package se.samla.sensors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.shared.ValueRows;

/**
 * Takes a device's SenML: resolves it, checks each reading against the device's type (a known measurement, its unit,
 * its physical range, not from the future), stores what passes once however often it comes (the key is device, name
 * and moment), and counts what is refused per device and reason. Nothing a device sends can stop the next message.
 */
@Service
public class Readings {

    private static final Logger log = LoggerFactory.getLogger(Readings.class);

    /** The name refusals of devices the municipality does not have are counted under. */
    public static final String UNKNOWN = "?";

    /** How far ahead of our clock a reading may be dated (a device's clock is not ours). */
    static final Duration SKEW = Duration.ofMinutes(2);

    /** Why a reading or a pack was refused. */
    public enum Refusal {
        MALFORMED,
        UNKNOWN_DEVICE,
        UNAUTHORISED,
        UNKNOWN_MEASUREMENT,
        UNKNOWN_UNIT,
        NOT_A_NUMBER,
        OUT_OF_RANGE,
        FUTURE
    }

    /** The body's format. */
    public enum Format {
        JSON,
        CBOR
    }

    /**
     * What became of a pack.
     *
     * @param stored     readings stored now
     * @param duplicates readings that were stored before (a redelivery)
     * @param refused    readings refused, by reason; a pack refused whole counts once
     */
    public record Outcome(int stored, int duplicates, Map<Refusal, Integer> refused) {

        public boolean anyRefused() {
            return !refused.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final Sensors sensors;
    private final TenantTransactions transactions;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;
    private final RuleEvaluation rules;

    Readings(
            RuleEvaluation rules,
            JdbcClient jdbc,
            Sensors sensors,
            TenantTransactions transactions,
            Clock clock,
            tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.rules = rules;
        this.jdbc = jdbc;
        this.sensors = sensors;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether the municipality has the device. */
    boolean known(TenantId tenant, String deviceId) {
        return sensors.device(tenant, deviceId).isPresent();
    }

    /** Whether the bearer token is the device's. */
    boolean authorised(TenantId tenant, String deviceId, String token) {
        return sensors.device(tenant, deviceId)
                .map(d -> token != null
                        && MessageDigest.isEqual(
                                d.credentialSha256().getBytes(StandardCharsets.US_ASCII),
                                sha256(token).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /** Counts a refusal that came before any reading could be read (an unknown device, a wrong token). */
    void refuse(TenantId tenant, String deviceId, Refusal reason, String detail) {
        transactions.run(tenant, () -> count(deviceId, reason, detail, 1));
    }

    /** Takes a pack from a device of the municipality. */
    public Outcome ingest(TenantId tenant, String deviceId, byte[] body, Format format) {
        Instant now = clock.instant();
        Optional<Device> device = sensors.device(tenant, deviceId);
        if (device.isEmpty()) {
            // counted under one name, with the id as the detail: ids nobody has cannot add rows without end
            String shown = deviceId.length() > 60 ? deviceId.substring(0, 60) : deviceId;
            refuse(tenant, UNKNOWN, Refusal.UNKNOWN_DEVICE, shown);
            return new Outcome(0, 0, Map.of(Refusal.UNKNOWN_DEVICE, 1));
        }
        List<SenML.Record> records;
        try {
            records = format == Format.CBOR ? SenML.cbor(body, now) : SenML.json(json, body, now);
        } catch (SenML.Malformed e) {
            refuse(tenant, deviceId, Refusal.MALFORMED, e.getMessage());
            return new Outcome(0, 0, Map.of(Refusal.MALFORMED, 1));
        }
        SensorType type = sensors.type(tenant, device.get().type()).orElseThrow();
        Map<Refusal, Integer> refused = new EnumMap<>(Refusal.class);
        Map<Refusal, String> details = new EnumMap<>(Refusal.class);
        List<SenML.Record> accepted = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SenML.Record record : records) {
            String name = record.name().startsWith(device.get().baseName())
                    ? record.name().substring(device.get().baseName().length())
                    : record.name();
            var measurement = type.measurement(name);
            Refusal why = null;
            if (measurement.isEmpty()) {
                why = Refusal.UNKNOWN_MEASUREMENT;
            } else if (record.unit() != null
                    && !record.unit().equals(measurement.get().unit())) {
                why = Refusal.UNKNOWN_UNIT;
            } else if (record.value() == null) {
                why = Refusal.NOT_A_NUMBER;
            } else if (record.value() < measurement.get().min()
                    || record.value() > measurement.get().max()) {
                why = Refusal.OUT_OF_RANGE;
            } else if (record.time().isAfter(now.plus(SKEW))) {
                why = Refusal.FUTURE;
            }
            if (why != null) {
                refused.merge(why, 1, Integer::sum);
                details.put(why, name + " " + record.value() + " " + record.unit() + " at " + record.time());
                continue;
            }
            accepted.add(record);
            names.add(name);
        }
        int stored = accepted.isEmpty()
                ? 0
                : transactions.call(tenant, () -> {
                    int inserted = store(tenant, deviceId, type, accepted, names, now);
                    // the rules move on in the same transaction: a reading stored is a reading the rules have seen
                    List<RuleEvaluation.Point> points = new ArrayList<>();
                    for (int i = 0; i < accepted.size(); i++) {
                        points.add(new RuleEvaluation.Point(
                                names.get(i),
                                accepted.get(i).time(),
                                accepted.get(i).value()));
                    }
                    rules.evaluate(device.get(), type, points);
                    return inserted;
                });
        if (!refused.isEmpty()) {
            transactions.run(
                    tenant, () -> refused.forEach((reason, n) -> count(deviceId, reason, details.get(reason), n)));
            log.debug("Device {}: {} readings refused", deviceId, refused);
        }
        return new Outcome(stored, accepted.size() - stored, Map.copyOf(refused));
    }

    private int store(
            TenantId tenant,
            String deviceId,
            SensorType type,
            List<SenML.Record> records,
            List<String> names,
            Instant now) {
        // the pack in one statement (or a few, for a very large one), and a reading already there (a redelivery) is
        // left as it is
        OffsetDateTime received = now.atOffset(ZoneOffset.UTC);
        List<Integer> indexes =
                java.util.stream.IntStream.range(0, records.size()).boxed().toList();
        int inserted = 0;
        for (List<Object[]> part : ValueRows.parts(indexes, i -> new Object[] {
            tenant.value(),
            deviceId,
            names.get(i),
            records.get(i).time().atOffset(ZoneOffset.UTC),
            records.get(i).value(),
            type.measurement(names.get(i)).orElseThrow().unit(),
            received
        })) {
            inserted += jdbc.sql("""
                    INSERT INTO sensors.reading (tenant_id, device, name, measured_at, value, unit, received_at)
                    VALUES :rows
                    ON CONFLICT DO NOTHING
                    """).param("rows", part).update();
        }
        if (inserted > 0) {
            // the hours the pack touched, for the roll-up into hourly and daily aggregates; an hour already marked is
            // locked by the update until this commits, so a roll-up taking it waits and then sees these readings
            var hours = new java.util.LinkedHashSet<Map.Entry<String, Instant>>();
            for (int i = 0; i < records.size(); i++) {
                hours.add(Map.entry(
                        names.get(i), records.get(i).time().truncatedTo(java.time.temporal.ChronoUnit.HOURS)));
            }
            for (List<Object[]> part : ValueRows.parts(hours, h -> new Object[] {
                tenant.value(), deviceId, h.getKey(), h.getValue().atOffset(ZoneOffset.UTC)
            })) {
                jdbc.sql("""
                        INSERT INTO sensors.dirty_hour (tenant_id, device, name, hour)
                        VALUES :rows
                        ON CONFLICT (tenant_id, device, name, hour) DO UPDATE SET hour = EXCLUDED.hour
                        """).param("rows", part).update();
            }
        }
        return inserted;
    }

    private void count(String deviceId, Refusal reason, String detail, int n) {
        jdbc.sql("""
                INSERT INTO sensors.refusal (tenant_id, device, reason, count, last_at, last_detail)
                VALUES (:tenant, :device, :reason, :n, :now, :detail)
                ON CONFLICT (tenant_id, device, reason) DO UPDATE
                SET count = sensors.refusal.count + EXCLUDED.count, last_at = EXCLUDED.last_at,
                    last_detail = EXCLUDED.last_detail
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("device", deviceId)
                .param("reason", reason.name())
                .param("n", n)
                .param("now", Timestamp.from(clock.instant()))
                .param("detail", detail == null ? null : detail.length() > 300 ? detail.substring(0, 300) : detail)
                .update();
    }

    /** What was refused of the municipality's devices, by device and reason, for the administrator. */
    public record Refused(String device, Refusal reason, long count, Instant lastAt, String lastDetail) {}

    public List<Refused> refusals(TenantId tenant) {
        return transactions.read(
                tenant,
                () -> jdbc.sql("SELECT * FROM sensors.refusal WHERE tenant_id = :tenant ORDER BY device, reason")
                        .param("tenant", CurrentTenant.require().value())
                        .query((rs, i) -> new Refused(
                                rs.getString("device"),
                                Refusal.valueOf(rs.getString("reason")),
                                rs.getLong("count"),
                                rs.getTimestamp("last_at").toInstant(),
                                rs.getString("last_detail")))
                        .list());
    }

    /** The latest reading of each device and measurement of the municipality, of the last 400 days. */
    public List<Reading> latest(TenantId tenant) {
        return latest(tenant, sensors.devices(tenant));
    }

    /** The latest reading of each measurement of the devices, of the last 400 days. */
    public List<Reading> latest(TenantId tenant, List<Device> of) {
        List<String> devices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Device d : of) {
            for (var m : sensors.type(tenant, d.type()).orElseThrow().measurements()) {
                devices.add(d.id());
                names.add(m.name());
            }
        }
        // one index probe per device and measurement, newest first, however many readings there are; the bounds let
        // the scan skip the months that cannot hold it (the years ahead, and all but the last 400 days)
        return transactions.read(
                tenant,
                () -> jdbc.sql("""
                        SELECT d.device, d.name, r.measured_at, r.value, r.unit
                        FROM unnest(CAST(:devices AS text[]), CAST(:names AS text[])) WITH ORDINALITY AS d(device, name, i)
                        CROSS JOIN LATERAL (
                            SELECT measured_at, value, unit FROM sensors.reading
                            WHERE tenant_id = :tenant AND device = d.device AND name = d.name AND value IS NOT NULL
                              AND measured_at > now() - interval '400 days' AND measured_at <= now() + interval '1 day'
                            ORDER BY measured_at DESC LIMIT 1) r
                        ORDER BY d.i
                        """)
                        .param("tenant", tenant.value())
                        .param("devices", devices.toArray(String[]::new))
                        .param("names", names.toArray(String[]::new))
                        .query((rs, i) -> new Reading(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getDouble(4),
                                rs.getString(5)))
                        .list());
    }

    /** A reading as stored. */
    public record Reading(String device, String name, Instant at, double value, String unit) {}

    /** The device's readings of a measurement between two moments, oldest first. */
    public List<Reading> between(TenantId tenant, String deviceId, String name, Instant from, Instant to) {
        return transactions.read(
                tenant,
                () -> jdbc.sql("""
                        SELECT device, name, measured_at, value, unit FROM sensors.reading
                        WHERE tenant_id = :tenant AND device = :d AND name = :n AND measured_at >= :from AND measured_at < :to
                        ORDER BY measured_at
                        """)
                        .param("tenant", tenant.value())
                        .param("d", deviceId)
                        .param("n", name)
                        .param("from", Timestamp.from(from))
                        .param("to", Timestamp.from(to))
                        .query((rs, i) -> new Reading(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getDouble(4),
                                rs.getString(5)))
                        .list());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
