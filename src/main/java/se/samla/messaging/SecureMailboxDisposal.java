package se.samla.messaging;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Disposes of closed secure mailbox threads once their unit's time to keep them has passed, once across instances. */
@Component
class SecureMailboxDisposal {

    private static final Logger log = LoggerFactory.getLogger(SecureMailboxDisposal.class);

    private final SecureMailbox mailbox;
    private final Tenants tenants;
    private final TenantTransactions transactions;

    SecureMailboxDisposal(SecureMailbox mailbox, Tenants tenants, TenantTransactions transactions) {
        this.mailbox = mailbox;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    // days are the unit of keeping, so a few looks a day are enough
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT9M")
    @SchedulerLock(name = "messaging.secure-mailbox.dispose-closed", lockAtMostFor = "PT1H")
    void disposeClosed() {
        for (Tenant tenant : tenants.all()) {
            int gone = dispose(tenant);
            if (gone > 0) {
                log.info("Disposed of {} closed secure mailbox threads of {}", gone, tenant.slug());
            }
        }
    }

    int dispose(Tenant tenant) {
        return transactions.call(tenant.id(), mailbox::disposeClosed);
    }
}
