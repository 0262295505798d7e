package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.core.env.Environment;
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
 * Personal data in bookings does not outlive its use: door codes and places in line go a month after their time, sent
 * lock messages after a week, and a booking's or meeting's booker (name, number, whom they booked for) is cleared
 * once it is over by the kept period (samla.booking.keep, 13 months by default: a season and its invoicing); what
 * is left counts in the statistics and names no one.
 */
@Component
class BookingDisposal {

    static final String NOBODY = "00000000-0000-0000-0000-000000000000";

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final AuditLog audit;
    private final Clock clock;
    private final Period keep;

    BookingDisposal(
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            AuditLog audit,
            Clock clock,
            Environment environment) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
        this.keep = Period.parse(environment.getProperty("samla.booking.keep", "P13M"));
    }

    @Scheduled(cron = "${samla.booking.disposal-cron:0 45 2 * * *}", zone = "Europe/Stockholm")
    @SchedulerLock(name = "booking.disposal", lockAtMostFor = "PT30M")
    void disposeAll() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::dispose);
        }
    }

    /** Disposes of what is due in the current tenant; returns how many bookers were cleared. */
    int dispose() {
        Instant now = clock.instant();
        Timestamp month = Timestamp.from(now.minus(Duration.ofDays(31)));
        Timestamp week = Timestamp.from(now.minus(Duration.ofDays(7)));
        Timestamp kept = Timestamp.from(now.atZone(clock.getZone()).minus(keep).toInstant());
        int credentials = jdbc.sql("DELETE FROM booking.credential WHERE tenant_id = :tenant AND valid_to < :t")
                .param("tenant", CurrentTenant.require().value())
                .param("t", month)
                .update();
        int lines = jdbc.sql("DELETE FROM booking.waiting WHERE tenant_id = :tenant AND ends_at < :t")
                .param("tenant", CurrentTenant.require().value())
                .param("t", month)
                .update();
        jdbc.sql("DELETE FROM booking.lock_outbox WHERE tenant_id = :tenant AND sent_at < :t")
                .param("tenant", CurrentTenant.require().value())
                .param("t", week)
                .update();
        jdbc.sql("DELETE FROM booking.feed WHERE tenant_id = :tenant AND revoked_at < :t")
                .param("tenant", CurrentTenant.require().value())
                .param("t", month)
                .update();
        jdbc.sql("DELETE FROM booking.door_event WHERE tenant_id = :tenant AND occurred_at < :t")
                .param("tenant", CurrentTenant.require().value())
                .param("t", kept)
                .update();
        int bookings = jdbc.sql("""
                UPDATE booking.booking SET booker_person_id = CAST(:nobody AS uuid), booker_name = 'gallrad',
                    booker_identity_number = NULL, principal_identifier = NULL, principal_name = NULL,
                    decided_by = NULL, decision_reason = NULL
                WHERE tenant_id = :tenant AND ends_at < :t AND booker_name <> 'gallrad'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("nobody", NOBODY)
                .param("t", kept)
                .update();
        int meetings = jdbc.sql("""
                UPDATE booking.meeting m SET person_id = CAST(:nobody AS uuid), booker_name = 'gallrad',
                    identity_number = '', cancelled_by = NULL
                FROM booking.meeting_time t
                WHERE m.tenant_id = :tenant AND t.tenant_id = m.tenant_id AND t.id = m.meeting_time_id AND t.ends_at < :t
                  AND m.booker_name <> 'gallrad'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("nobody", NOBODY)
                .param("t", kept)
                .update();
        if (credentials + lines + bookings + meetings > 0) {
            audit.record(new AuditRecord(
                    Actor.system("system:booking"),
                    "BOOKING_DATA_DISPOSED",
                    "booking",
                    "disposal",
                    Map.of(
                            "bookings", String.valueOf(bookings),
                            "meetings", String.valueOf(meetings),
                            "credentials", String.valueOf(credentials),
                            "waiting", String.valueOf(lines))));
        }
        return bookings + meetings;
    }
}
