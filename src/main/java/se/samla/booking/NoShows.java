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
 * time after the start is released, its credential revoked, the booker told, and the rest of the time offered to
 * whoever waits.
 */
@Component
class NoShows {

    private final Resources resources;
    private final Ledger ledger;
    private final BookingFollowUp followUp;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    NoShows(
            Resources resources,
            Ledger ledger,
            BookingFollowUp followUp,
            AuditLog audit,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
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

    /** The current tenant's bookings nobody came to, released. */
    int release() {
        Instant now = clock.instant();
        int released = 0;
        for (Resource resource : resources.of(CurrentTenant.require())) {
            if (resource.releaseAfterMinutes() <= 0 || resource.doors().isEmpty()) {
                continue;
            }
            List<Ledger.Row> missed = ledger.query(
                    "status = 'CONFIRMED' AND resource = :r AND opened_at IS NULL AND starts_at <= :cutoff"
                            + " AND ends_at > :now",
                    Map.of(
                            "r", resource.code(),
                            "cutoff", Timestamp.from(now.minus(Duration.ofMinutes(resource.releaseAfterMinutes()))),
                            "now", Timestamp.from(now)));
            for (Ledger.Row row : missed) {
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
