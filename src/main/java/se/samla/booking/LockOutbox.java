package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.Mqtt;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Carries grants and revocations from the outbox to the lock controllers, and their door events back. A message is
 * marked sent only once the broker acknowledged it (QoS 1); while the broker is down it waits, tried again every
 * round, in order, and none is lost. Sent twice after a crash, a grant is the same grant to the lock.
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
        // before the client connects: door events the broker kept for our session come the moment it does
        mqtt.subscribe("samla/+/doors/+/events", this::onEvent);
    }

    private void onEvent(String topic, byte[] payload) {
        String[] parts = topic.split("/");
        if (parts.length != 5 || !parts[1].matches(LockMessages.NAME) || !parts[3].matches(LockMessages.NAME)) {
            log.warn("Door event on an unexpected topic refused");
            return;
        }
        var tenant = tenants.bySlug(parts[1]);
        if (tenant.isEmpty()) {
            log.warn("Door event for an unknown municipality refused");
            return;
        }
        try {
            doors.onDoorEvent(tenant.get().id(), parts[3], payload);
        } catch (TransientDataAccessException | CannotGetJdbcConnectionException e) {
            // the database is away: left unacknowledged, the broker gives it again once Samla reconnects
            throw e;
        } catch (RuntimeException e) {
            // anything else about this one message must not stop the doors' other messages behind it
            log.warn("Door event on {} dropped: {}", parts[3], e.getMessage());
        }
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

    /**
     * Publishes the tenant's waiting messages in the order they were written, so a revocation never overtakes its
     * grant; at the first that the broker does not take, the rest wait for the next round. One instance at a time
     * publishes a tenant's messages (an advisory lock), for the same reason.
     */
    int publish(Tenant tenant) {
        return transactions.call(tenant.id(), () -> {
            boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('booking.lock-outbox'), hashtext(:t))")
                    .param("t", tenant.id().value().toString())
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return 0;
            }
            List<Due> due = jdbc.sql("""
                    SELECT id, topic, payload, attempts FROM booking.lock_outbox
                    WHERE tenant_id = :tenant AND sent_at IS NULL ORDER BY created_at, id LIMIT :n
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("n", BATCH)
                    .query((rs, n) -> new Due(
                            rs.getObject("id", UUID.class),
                            rs.getString("topic"),
                            rs.getString("payload"),
                            rs.getInt("attempts")))
                    .list();
            int sent = 0;
            for (Due message : due) {
                try {
                    mqtt.publish(message.topic(), message.payload());
                } catch (Mqtt.NotPublished e) {
                    jdbc.sql("""
                            UPDATE booking.lock_outbox SET attempts = attempts + 1, last_error = :error WHERE tenant_id = :tenant AND id = :id
                            """)
                            .param("tenant", CurrentTenant.require().value())
                            .param("error", e.getMessage())
                            .param("id", message.id())
                            .update();
                    return sent;
                }
                jdbc.sql(
                                "UPDATE booking.lock_outbox SET sent_at = :now, attempts = attempts + 1 WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", CurrentTenant.require().value())
                        .param("now", Timestamp.from(clock.instant()))
                        .param("id", message.id())
                        .update();
                sent++;
            }
            return sent;
        });
    }

    /** How many messages wait to be sent, for the operator and tests. */
    int waiting(Tenant tenant) {
        return transactions.read(
                tenant.id(),
                () -> jdbc.sql("SELECT count(*) FROM booking.lock_outbox WHERE tenant_id = :tenant AND sent_at IS NULL")
                        .param("tenant", CurrentTenant.require().value())
                        .query(Integer.class)
                        .single());
    }
}
