package se.samla.fees;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/**
 * The municipality's one series of invoice numbers, invoices and credit notes alike. The series' row stays locked
 * until the document that took a number commits, so a number is never skipped: a document rolled back takes its
 * number back with it, and the next one gets it.
 */
@Component
class InvoiceSeries {

    private final JdbcClient jdbc;

    InvoiceSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long next() {
        return jdbc.sql("""
                INSERT INTO fees.invoice_series (tenant_id, last_number) VALUES (:t, 1)
                ON CONFLICT (tenant_id) DO UPDATE SET last_number = fees.invoice_series.last_number + 1
                RETURNING last_number
                """)
                .param("t", CurrentTenant.require().value())
                .query(Long.class)
                .single();
    }
}
