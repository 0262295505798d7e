package se.samla.fees;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.platform.TenantTransactions;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/** Invoices the months of running monthly fees as each month begins, for every municipality, on one instance. */
@Component
class InvoiceSchedule {

    private static final Logger log = LoggerFactory.getLogger(InvoiceSchedule.class);

    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final Invoices invoices;

    InvoiceSchedule(Tenants tenants, TenantTransactions transactions, Invoices invoices) {
        this.tenants = tenants;
        this.transactions = transactions;
        this.invoices = invoices;
    }

    @Scheduled(fixedDelayString = "${samla.fees.monthly-interval:PT1H}", initialDelayString = "PT2M")
    @SchedulerLock(name = "fees.monthly-invoices", lockAtMostFor = "PT30M")
    void invoiceMonths() {
        for (Tenant tenant : tenants.all()) {
            try {
                int issued = transactions.call(tenant.id(), invoices::invoiceMonths);
                if (issued > 0) {
                    log.info("Issued {} monthly invoices for {}", issued, tenant.slug());
                }
            } catch (RuntimeException e) {
                // the next run tries again; the other municipalities need not wait
                log.warn("Could not invoice the monthly fees of {}: {}", tenant.slug(), e.toString());
            }
        }
    }
}
