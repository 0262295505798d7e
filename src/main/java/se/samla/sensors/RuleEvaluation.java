package se.samla.sensors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Moves each rule of a device on with the readings just stored, in their transaction, so a rule fires exactly once
 * however the readings come (the rule's row is locked while it moves), and tells the other modules through the event
 * registry. A job looks for devices gone silent.
 */
@Component
class RuleEvaluation {

    private static final String SYSTEM = "system:sensors";

    private final JdbcClient jdbc;
    private final Sensors sensors;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    RuleEvaluation(
            JdbcClient jdbc,
            Sensors sensors,
            ApplicationEventPublisher events,
            AuditLog audit,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
        this.jdbc = jdbc;
        this.sensors = sensors;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A reading of one measurement, for the rules. */
    record Point(String name, Instant at, double value) {}

    /** Runs in the transaction that stored the readings. */
    void evaluate(Device device, SensorType type, List<Point> points) {
        for (Rule rule : sensors.rules(CurrentTenant.require(), type.code())) {
            if (rule.threshold()) {
                List<Point> mine = points.stream()
                        .filter(p -> p.name().equals(rule.measurement()))
                        .sorted(Comparator.comparing(Point::at))
                        .toList();
                if (!mine.isEmpty()) {
                    threshold(device, type, rule, mine);
                }
            } else if (!points.isEmpty()) {
                // any reading is a sign of life: a silent device that speaks again is cleared
                Point latest =
                        points.stream().max(Comparator.comparing(Point::at)).orElseThrow();
                RuleMachine.State state = lock(device, rule);
                if (state.phase() == RuleMachine.Phase.FIRING) {
                    save(device, rule, new RuleMachine.State(RuleMachine.Phase.NORMAL, null, latest.at()));
                    cleared(device, rule, null, latest.at());
                } else if (state.lastAt() == null || latest.at().isAfter(state.lastAt())) {
                    save(device, rule, new RuleMachine.State(RuleMachine.Phase.NORMAL, null, latest.at()));
                }
            }
        }
    }

    private void threshold(Device device, SensorType type, Rule rule, List<Point> points) {
        RuleMachine.State state = lock(device, rule);
        for (Point point : points) {
            var step = RuleMachine.next(rule, state, point.at(), point.value());
            state = step.state();
            if (step.fired()) {
                fired(device, type, rule, point.value(), point.at());
            } else if (step.cleared()) {
                cleared(device, rule, point.value(), point.at());
            }
        }
        save(device, rule, state);
    }

    private RuleMachine.State lock(Device device, Rule rule) {
        jdbc.sql("""
                INSERT INTO sensors.rule_state (tenant_id, device, rule, phase) VALUES (:t, :d, :r, 'NORMAL')
                ON CONFLICT DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("d", device.id())
                .param("r", rule.code())
                .update();
        return jdbc.sql(
                        "SELECT phase, past_since, last_at FROM sensors.rule_state WHERE tenant_id = :tenant AND device = :d AND rule = :r FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("d", device.id())
                .param("r", rule.code())
                .query((rs, n) -> new RuleMachine.State(
                        RuleMachine.Phase.valueOf(rs.getString(1)),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .single();
    }

    private void save(Device device, Rule rule, RuleMachine.State state) {
        jdbc.sql("""
                UPDATE sensors.rule_state SET phase = :p, past_since = :since, last_at = :last
                WHERE tenant_id = :tenant AND device = :d AND rule = :r
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", state.phase().name())
                .param("since", state.pastSince() == null ? null : Timestamp.from(state.pastSince()))
                .param("last", state.lastAt() == null ? null : Timestamp.from(state.lastAt()))
                .param("d", device.id())
                .param("r", rule.code())
                .update();
    }

    private void fired(Device device, SensorType type, Rule rule, Double value, Instant at) {
        record(device, rule, "FIRED", value, at);
        String unit = rule.threshold()
                ? type.measurement(rule.measurement())
                        .map(SensorType.Measurement::unit)
                        .orElse(null)
                : null;
        events.publishEvent(new SensorEvents.RuleFired(
                CurrentTenant.require(),
                device.id(),
                device.name(),
                rule.code(),
                rule.name().sv(),
                rule.category(),
                device.unit(),
                device.place().latitude(),
                device.place().longitude(),
                value,
                unit,
                at,
                type.published(),
                rule.effectiveLinkMetres()));
    }

    private void cleared(Device device, Rule rule, Double value, Instant at) {
        record(device, rule, "CLEARED", value, at);
        events.publishEvent(new SensorEvents.RuleCleared(CurrentTenant.require(), device.id(), rule.code(), value, at));
    }

    private void record(Device device, Rule rule, String kind, Double value, Instant at) {
        jdbc.sql("""
                INSERT INTO sensors.rule_event (id, tenant_id, device, rule, kind, at, value)
                VALUES (:id, :t, :d, :r, :k, :at, :v)
                """)
                .param("id", UUID.randomUUID())
                .param("t", CurrentTenant.require().value())
                .param("d", device.id())
                .param("r", rule.code())
                .param("k", kind)
                .param("at", Timestamp.from(at))
                .param("v", value)
                .update();
        audit.record(new AuditRecord(
                Actor.system(SYSTEM), "SENSOR_RULE_" + kind, "device", device.id(), Map.of("rule", rule.code())));
    }

    /** Devices gone silent for a silence rule's minutes fire it; looked at every minute. */
    @Scheduled(fixedDelayString = "${samla.sensors.silence-check-interval:PT1M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "sensors.rules.silence", lockAtMostFor = "PT5M")
    void silenceAll() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::silence);
        }
    }

    /** The current tenant's silent devices; for the job and tests. Returns how many rules fired. */
    int silence() {
        Instant now = clock.instant();
        int fired = 0;
        for (Device device : sensors.devices(CurrentTenant.require())) {
            SensorType type =
                    sensors.type(CurrentTenant.require(), device.type()).orElseThrow();
            for (Rule rule : sensors.rules(CurrentTenant.require(), type.code())) {
                if (rule.threshold()) {
                    continue;
                }
                RuleMachine.State state = lock(device, rule);
                if (state.phase() == RuleMachine.Phase.FIRING) {
                    continue;
                }
                // a device never heard from is not silent yet: it has not begun
                Instant last = state.lastAt();
                if (last != null && last.isBefore(now.minus(Duration.ofMinutes(rule.silentMinutes())))) {
                    save(device, rule, new RuleMachine.State(RuleMachine.Phase.FIRING, last, last));
                    fired(device, type, rule, null, now);
                    fired++;
                }
            }
        }
        return fired;
    }
}
