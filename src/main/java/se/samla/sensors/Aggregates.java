package se.samla.sensors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.ValueRows;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Rolls the readings up into hourly aggregates, and those into Swedish calendar days, for the hours ingestion marked;
 * and keeps each device type's readings only its retention days. The aggregates name no one and stay.
 */
@Component
class Aggregates {

    private static final Logger log = LoggerFactory.getLogger(Aggregates.class);
    private static final int HOURS_AT_A_TIME = 5000;

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Sensors sensors;
    private final AuditLog audit;
    private final Clock clock;

    Aggregates(
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            Sensors sensors,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
        this.sensors = sensors;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${samla.sensors.roll-up-interval:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "sensors.roll-up", lockAtMostFor = "PT10M")
    void rollUpAll() {
        for (Tenant tenant : tenants.all()) {
            int hours;
            do {
                hours = transactions.call(tenant.id(), this::rollUp);
            } while (hours == HOURS_AT_A_TIME);
        }
    }

    /** Rolls up a batch of the current tenant's marked hours and their days; returns how many hours. */
    int rollUp() {
        // the marks are taken first: an ingestion still writing to an hour holds its mark, so the hour waits for the
        // next round, and one that marks it again after this gets it rolled up again
        List<Object[]> taken = jdbc.sql("""
                        DELETE FROM sensors.dirty_hour WHERE tenant_id = :tenant AND (tenant_id, device, name, hour) IN (
                            SELECT tenant_id, device, name, hour FROM sensors.dirty_hour WHERE tenant_id = :tenant
                            ORDER BY hour LIMIT :max FOR UPDATE SKIP LOCKED)
                        RETURNING device, name, hour
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("max", HOURS_AT_A_TIME)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3)})
                .list();
        if (taken.isEmpty()) {
            return 0;
        }
        String[] devices = taken.stream().map(t -> (String) t[0]).toArray(String[]::new);
        String[] names = taken.stream().map(t -> (String) t[1]).toArray(String[]::new);
        Timestamp[] hours = taken.stream().map(t -> (Timestamp) t[2]).toArray(Timestamp[]::new);
        // each device and measurement's readings read once over the span of its marked hours, grouped by hour, and
        // kept for the hours marked: a join on the hours' ranges would test every reading against every hour. Each
        // roll-up is read first and written after, so that both are statements a Citus cluster routes to the one
        // shard of the municipality.
        UUID tenant = CurrentTenant.require().value();
        List<Object[]> hourly = jdbc.sql("""
                WITH marked AS (
                    SELECT DISTINCT device, name, hour
                    FROM unnest(CAST(:devices AS text[]), CAST(:names AS text[]), CAST(:hours AS timestamptz[]))
                        AS h(device, name, hour)),
                span AS (
                    SELECT device, name, min(hour) AS first, max(hour) + interval '1 hour' AS last
                    FROM marked GROUP BY device, name),
                hourly AS (
                    SELECT r.device, r.name,
                           date_bin(interval '1 hour', r.measured_at, timestamptz '2000-01-01 00:00:00+00') AS hour,
                           count(*) AS n, min(r.value) AS min, max(r.value) AS max, avg(r.value) AS mean
                    FROM span s
                    JOIN sensors.reading r ON r.tenant_id = :tenant AND r.device = s.device AND r.name = s.name
                        AND r.measured_at >= s.first AND r.measured_at < s.last
                    WHERE r.value IS NOT NULL
                    GROUP BY 1, 2, 3)
                SELECT a.device, a.name, a.hour, a.n, a.min, a.max, a.mean
                FROM hourly a JOIN marked m ON m.device = a.device AND m.name = a.name AND m.hour = a.hour
                """)
                .param("tenant", tenant)
                .param("devices", devices)
                .param("names", names)
                .param("hours", hours)
                .query((rs, n) -> new Object[] {
                    tenant,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC),
                    rs.getLong(4),
                    rs.getDouble(5),
                    rs.getDouble(6),
                    rs.getDouble(7)
                })
                .list();
        upsert("""
                INSERT INTO sensors.reading_hour (tenant_id, device, name, hour, n, min, max, mean) VALUES :rows
                ON CONFLICT (tenant_id, device, name, hour) DO UPDATE
                SET n = EXCLUDED.n, min = EXCLUDED.min, max = EXCLUDED.max, mean = EXCLUDED.mean
                """, hourly);
        // and their Swedish calendar days from the hours, the same way
        List<Object[]> daily = jdbc.sql("""
                WITH marked AS (
                    SELECT DISTINCT device, name, CAST(hour AT TIME ZONE 'Europe/Stockholm' AS date) AS day
                    FROM unnest(CAST(:devices AS text[]), CAST(:names AS text[]), CAST(:hours AS timestamptz[]))
                        AS h(device, name, hour)),
                span AS (
                    SELECT device, name, CAST(min(day) AS timestamp) AT TIME ZONE 'Europe/Stockholm' AS first,
                           CAST(max(day) + 1 AS timestamp) AT TIME ZONE 'Europe/Stockholm' AS last
                    FROM marked GROUP BY device, name),
                daily AS (
                    SELECT a.device, a.name, CAST(a.hour AT TIME ZONE 'Europe/Stockholm' AS date) AS day,
                           sum(a.n) AS n, min(a.min) AS min, max(a.max) AS max, sum(a.mean * a.n) / sum(a.n) AS mean
                    FROM span s
                    JOIN sensors.reading_hour a ON a.tenant_id = :tenant AND a.device = s.device AND a.name = s.name
                        AND a.hour >= s.first AND a.hour < s.last
                    GROUP BY 1, 2, 3)
                SELECT d.device, d.name, d.day, d.n, d.min, d.max, d.mean
                FROM daily d JOIN marked m ON m.device = d.device AND m.name = d.name AND m.day = d.day
                """)
                .param("tenant", tenant)
                .param("devices", devices)
                .param("names", names)
                .param("hours", hours)
                .query((rs, n) -> new Object[] {
                    tenant,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getLong(4),
                    rs.getDouble(5),
                    rs.getDouble(6),
                    rs.getDouble(7)
                })
                .list();
        upsert("""
                INSERT INTO sensors.reading_day (tenant_id, device, name, day, n, min, max, mean) VALUES :rows
                ON CONFLICT (tenant_id, device, name, day) DO UPDATE
                SET n = EXCLUDED.n, min = EXCLUDED.min, max = EXCLUDED.max, mean = EXCLUDED.mean
                """, daily);
        return taken.size();
    }

    private void upsert(String sql, List<Object[]> rows) {
        for (List<Object[]> part : ValueRows.parts(rows, row -> row)) {
            jdbc.sql(sql).param("rows", part).update();
        }
    }

    @Scheduled(cron = "${samla.sensors.retention-cron:0 15 3 * * *}", zone = "Europe/Stockholm")
    @SchedulerLock(name = "sensors.retention", lockAtMostFor = "PT1H")
    void disposeAll() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::dispose);
        }
    }

    /** Deletes the current tenant's readings older than their type keeps them; returns how many. */
    long dispose() {
        long deleted = 0;
        Instant now = clock.instant();
        for (SensorType type : sensors.types(CurrentTenant.require())) {
            List<String> devices = sensors.devices(CurrentTenant.require()).stream()
                    .filter(d -> d.type().equals(type.code()))
                    .map(Device::id)
                    .toList();
            if (devices.isEmpty()) {
                continue;
            }
            Instant before = now.minus(type.retentionDays(), ChronoUnit.DAYS);
            int n = jdbc.sql(
                            "DELETE FROM sensors.reading WHERE tenant_id = :tenant AND device IN (:devices) AND measured_at < :before")
                    .param("tenant", CurrentTenant.require().value())
                    .param("devices", devices)
                    .param("before", Timestamp.from(before))
                    .update();
            if (n > 0) {
                audit.record(new AuditRecord(
                        Actor.system("sensors.retention"),
                        "SENSOR_READINGS_DISPOSED",
                        "sensor-type",
                        type.code(),
                        Map.of("readings", Integer.toString(n), "before", before.toString())));
                log.info("Readings of {} before {} disposed: {}", type.code(), before, n);
            }
            deleted += n;
        }
        // a device taken out of sensors.yml has no type to go by: its readings go after the longest any type keeps
        List<String> configured = sensors.devices(CurrentTenant.require()).stream()
                .map(Device::id)
                .toList();
        int longest = sensors.types(CurrentTenant.require()).stream()
                .mapToInt(SensorType::retentionDays)
                .max()
                .orElse(0);
        Instant before = now.minus(longest, ChronoUnit.DAYS);
        int orphans = jdbc.sql("""
                        DELETE FROM sensors.reading
                        WHERE tenant_id = :tenant AND measured_at < :before AND NOT (device = ANY (CAST(:configured AS text[])))
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("before", Timestamp.from(before))
                .param("configured", configured.toArray(String[]::new))
                .update();
        if (orphans > 0) {
            audit.record(new AuditRecord(
                    Actor.system("sensors.retention"),
                    "SENSOR_READINGS_DISPOSED",
                    "sensor-type",
                    "(no longer configured)",
                    Map.of("readings", Integer.toString(orphans), "before", before.toString())));
        }
        return deleted + orphans;
    }
}
