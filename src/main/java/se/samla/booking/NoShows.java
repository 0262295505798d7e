package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
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
 * Bookings nobody came to: a booking of a resource with doors whose door was not opened within the resource's release
 * time after the start is released: its credential revoked, the booker told, and the rest of the time offered to the
 * first in line (for a quarter of an hour), else free to book. A booker who
 * came in by another of their codes (staying on from an earlier booking, or with standing access) counts as come.
 */
@Component
class NoShows {

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Resources resources;
    private final Ledger ledger;
    private final BookingFollowUp followUp;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    NoShows(
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            Resources resources,
            Ledger ledger,
            BookingFollowUp followUp,
            AuditLog audit,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.ledger = ledger;
        this.followUp = followUp;
        this.audit = audit;
        this.transactions = transactions;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${samla.booking.no-show-check-interval:PT1M}", initialDelayString = "PT50S")
    @SchedulerLock(name = "booking.no-shows.release", lockAtMostFor = "PT5M")
    void releaseAll() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::release);
        }
    }

    /**
     * Whether the booker came in by another of their credentials for these doors (an earlier booking they stayed on
     * from, or standing access) since a few hours before the start: then the room is in use.
     */
    private boolean cameIn(Ledger.Row booking, Resource resource) {
        return jdbc.sql("""
                        SELECT count(*) FROM booking.door_event e JOIN booking.credential c ON c.tenant_id = e.tenant_id AND c.id = e.credential_id
                        WHERE e.tenant_id = :tenant AND e.outcome = 'OPENED' AND c.person_id = :p AND e.door IN (:doors)
                          AND e.occurred_at >= :since
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("p", booking.personId())
                        .param("doors", resource.doors())
                        .param("since", Timestamp.from(booking.startsAt().minus(Duration.ofHours(4))))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The current tenant's bookings nobody came to, released. */
    int release() {
        Instant now = clock.instant();
        int released = 0;
        for (Resource resource : resources.of(CurrentTenant.require())) {
            if (resource.releaseAfterMinutes() <= 0 || resource.doors().isEmpty()) {
                continue;
            }
            List<Ledger.Row> missed = ledger.query(
                    "status = 'CONFIRMED' AND resource = :r AND opened_at IS NULL"
                            + " AND greatest(starts_at, coalesce(accepted_at, starts_at)) <= :cutoff"
                            + " AND ends_at > :now",
                    Map.of(
                            "r", resource.code(),
                            "cutoff", Timestamp.from(now.minus(Duration.ofMinutes(resource.releaseAfterMinutes()))),
                            "now", Timestamp.from(now)));
            for (Ledger.Row row : missed) {
                if (cameIn(row, resource)) {
                    continue;
                }
                if (ledger.end(row.id(), List.of("CONFIRMED"), "RELEASED", now)) {
                    audit.record(new AuditRecord(
                            Actor.system("system:booking"),
                            "BOOKING_RELEASED",
                            "booking",
                            row.id().toString(),
                            Map.of()));
                    followUp.ended(ledger.find(row.id()).orElseThrow(), BookingNotices.Kind.RELEASED, null);
                    released++;
                }
            }
        }
        return released;
    }
}
