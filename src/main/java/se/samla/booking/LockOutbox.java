package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.Mqtt;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Carries grants and revocations from the outbox to the lock controllers, and their door events back. A message is
 * marked sent only once the broker acknowledged it (QoS 1); while the broker is down it waits, tried again with
 * growing pauses, and none is lost. Sent twice after a crash, a grant is the same grant to the lock.
 */
@Component
class LockOutbox {

    private static final Logger log = LoggerFactory.getLogger(LockOutbox.class);
    private static final int BATCH = 200;

    private record Due(UUID id, String topic, String payload, int attempts) {}

    private final JdbcClient jdbc;
    private final Mqtt mqtt;
    private final DoorAccess doors;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    LockOutbox(
            JdbcClient jdbc,
            Mqtt mqtt,
            DoorAccess doors,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
        this.jdbc = jdbc;
        this.mqtt = mqtt;
        this.doors = doors;
        this.transactions = transactions;
        this.tenants = tenants;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        mqtt.subscribe("samla/+/doors/+/events", this::onEvent);
    }

    private void onEvent(String topic, byte[] payload) {
        String[] parts = topic.split("/");
        if (parts.length != 5) {
            log.warn("Door event on an unexpected topic refused");
            return;
        }
        var tenant = tenants.bySlug(parts[1]);
        if (tenant.isEmpty()) {
            log.warn("Door event for an unknown municipality refused");
            return;
        }
        doors.onDoorEvent(tenant.get().id(), parts[3], payload);
    }

    @Scheduled(fixedDelayString = "${samla.locks.publish-interval:PT0.5S}", initialDelayString = "PT5S")
    void publishDue() {
        for (Tenant tenant : tenants.all()) {
            try {
                while (publish(tenant) == BATCH) {
                    // more were due than one batch
                }
            } catch (RuntimeException e) {
                log.warn("Lock outbox of {} stopped: {}", tenant.slug(), e.getMessage());
            }
        }
    }

    /** Publishes what is due of the tenant's outbox; rows are locked so another instance leaves them alone. */
    int publish(Tenant tenant) {
        return transactions.call(tenant.id(), () -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.sql("""
                    SELECT id, topic, payload, attempts FROM booking.lock_outbox
                    WHERE sent_at IS NULL AND next_attempt_at <= :now
                    ORDER BY created_at LIMIT :n FOR UPDATE SKIP LOCKED
                    """)
                    .param("now", Timestamp.from(now))
                    .param("n", BATCH)
                    .query((rs, n) -> new Due(
                            rs.getObject("id", UUID.class),
                            rs.getString("topic"),
                            rs.getString("payload"),
                            rs.getInt("attempts")))
                    .list();
            for (Due message : due) {
                try {
                    mqtt.publish(message.topic(), message.payload());
                    jdbc.sql("UPDATE booking.lock_outbox SET sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                            .param("now", Timestamp.from(clock.instant()))
                            .param("id", message.id())
                            .update();
                } catch (Mqtt.NotPublished e) {
                    Duration wait = Duration.ofSeconds(Math.min(60, 1L << Math.min(message.attempts(), 6)));
                    jdbc.sql("""
                            UPDATE booking.lock_outbox SET attempts = attempts + 1, next_attempt_at = :next,
                                last_error = :error WHERE id = :id
                            """)
                            .param("next", Timestamp.from(clock.instant().plus(wait)))
                            .param("error", e.getMessage())
                            .param("id", message.id())
                            .update();
                }
            }
            return due.size();
        });
    }

    /** How many messages wait to be sent, for the operator and tests. */
    int waiting(Tenant tenant) {
        return transactions.read(
                tenant.id(),
                () -> jdbc.sql("SELECT count(*) FROM booking.lock_outbox WHERE sent_at IS NULL")
                        .query(Integer.class)
                        .single());
    }
}
