package se.samla.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The invoicing unit's desk: payment files taken in, payments waiting for a person, and invoices past their due date.
 * Only the invoicing unit's staff reach it; every reading of who paid what is audited.
 */
@Service
class PaymentDesk implements se.samla.web.StaffDesks {

    @Override
    public java.util.Optional<Desk> deskFor(SignedInUser.Staff staff) {
        return mayUse(staff)
                ? java.util.Optional.of(new Desk("nav.payments", "/personal/betalningar"))
                : java.util.Optional.empty();
    }

    /** A payment that waits for a person. */
    record Waiting(
            UUID id,
            LocalDate paidOn,
            BigDecimal amount,
            String reference,
            String payerName,
            PaymentImports.Reason reason,
            Long invoiceNumber,
            String file,
            int line) {}

    /** A payment file taken in. */
    record FileTaken(String name, Instant at, int payments, BigDecimal amount, long waiting) {}

    /** An invoice past its due date with something left to pay. */
    record Overdue(
            UUID id,
            long number,
            String caseReference,
            String receiver,
            LocalDate dueOn,
            BigDecimal left,
            LocalDate remindedOn) {}

    /** A change a person asked for that cannot be made; the message key says why. */
    static final class Refused extends RuntimeException {
        Refused(String messageKey) {
            super(messageKey, null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final TenantInvoicing invoicing;
    private final AuditLog audit;
    private final Clock clock;
    private final se.samla.tenancy.Tenants tenants;

    PaymentDesk(
            JdbcClient jdbc, TenantInvoicing invoicing, AuditLog audit, Clock clock, se.samla.tenancy.Tenants tenants) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.invoicing = invoicing;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether this staff member works at the municipality's invoicing unit (or the administration above it). */
    boolean mayUse(SignedInUser.Staff staff) {
        return invoicing
                .of(CurrentTenant.require())
                .map(s -> {
                    String unit = s.unit();
                    String parent = tenants.unit(CurrentTenant.require(), unit)
                            .map(se.samla.tenancy.Unit::parentCode)
                            .orElse(null);
                    return staff.hasRole(unit, StaffRole.CASE_OFFICER)
                            || staff.hasRole(unit, StaffRole.ADMINISTRATOR)
                            || (parent != null && staff.hasRole(parent, StaffRole.ADMINISTRATOR));
                })
                .orElse(false);
    }

    @Transactional
    List<Waiting> waiting(SignedInUser.Staff staff) {
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "PERSONAL_DATA_READ", "payments", "manual", Map.of("page", "payments")));
        return jdbc.sql("""
                SELECT p.id, p.paid_on, p.amount, p.reference, p.payer_name, p.reason, i.number, f.file_name, p.line
                FROM fees.payment p JOIN fees.payment_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
                LEFT JOIN fees.invoice i ON i.tenant_id = p.tenant_id AND i.id = p.invoice_id
                WHERE p.tenant_id = :tenant AND p.state = 'MANUAL' ORDER BY p.paid_on, f.imported_at, p.line LIMIT 500
                """)
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new Waiting(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3),
                        rs.getString(4),
                        rs.getString(5),
                        PaymentImports.Reason.valueOf(rs.getString(6)),
                        (Long) rs.getObject(7),
                        rs.getString(8),
                        rs.getInt(9)))
                .list();
    }

    @Transactional(readOnly = true)
    List<FileTaken> files() {
        return jdbc.sql("""
                SELECT f.file_name, f.imported_at, f.payments, f.amount,
                    (SELECT count(*) FROM fees.payment p
                     WHERE p.tenant_id = :tenant AND p.file_id = f.id AND p.state = 'MANUAL')
                FROM fees.payment_file f WHERE f.tenant_id = :tenant ORDER BY f.imported_at DESC LIMIT 20
                """)
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new FileTaken(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getInt(3),
                        rs.getBigDecimal(4),
                        rs.getLong(5)))
                .list();
    }

    @Transactional
    List<Overdue> overdue(SignedInUser.Staff staff) {
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), "PERSONAL_DATA_READ", "invoices", "overdue", Map.of("page", "overdue")));
        return jdbc.sql("""
                SELECT id, number, case_reference, receiver_name, due_on, total + reminder_fee - credited - paid,
                    reminded_on
                FROM fees.invoice
                WHERE tenant_id = :tenant AND kind = 'INVOICE' AND due_on < :today AND total + reminder_fee - credited - paid > 0
                ORDER BY due_on, number LIMIT 500
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("today", today())
                .query((rs, n) -> new Overdue(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getBigDecimal(6),
                        rs.getObject(7, LocalDate.class)))
                .list();
    }

    /**
     * Books a waiting payment against an invoice a person chose: a part payment, an overpayment (the surplus is left
     * for a refund), or a payment whose reference was wrong.
     */
    @Transactional
    void book(SignedInUser.Staff staff, UUID paymentId, long invoiceNumber) {
        var payment = waitingPayment(paymentId);
        var invoice = jdbc.sql("""
                SELECT id FROM fees.invoice WHERE tenant_id = :tenant AND number = :n AND kind = 'INVOICE' FOR UPDATE
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("n", invoiceNumber)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new Refused("payments.error.no-invoice"));
        if (payment.signum() <= 0) {
            throw new Refused("payments.error.deduction");
        }
        jdbc.sql("UPDATE fees.invoice SET paid = paid + :amount WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("amount", payment)
                .param("id", invoice)
                .update();
        settle(staff, paymentId, invoice, "PAYMENT_BOOKED_BY_HAND", Long.toString(invoiceNumber));
    }

    /** Closes a waiting payment that belongs to no invoice (paid back, or booked elsewhere), with the reason. */
    @Transactional
    void close(SignedInUser.Staff staff, UUID paymentId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new Refused("payments.error.reason");
        }
        waitingPayment(paymentId);
        settle(staff, paymentId, null, "PAYMENT_CLOSED_BY_HAND", reason.strip());
    }

    private BigDecimal waitingPayment(UUID paymentId) {
        return jdbc.sql(
                        "SELECT amount FROM fees.payment WHERE tenant_id = :tenant AND id = :id AND state = 'MANUAL' FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", paymentId)
                .query(BigDecimal.class)
                .optional()
                .orElseThrow(() -> new Refused("payments.error.not-waiting"));
    }

    private void settle(SignedInUser.Staff staff, UUID paymentId, UUID invoice, String action, String detail) {
        jdbc.sql("""
                UPDATE fees.payment SET state = 'SETTLED', invoice_id = :invoice,
                    settled_at = :at, settled_by = :by
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("invoice", invoice)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", staff.auditId())
                .param("id", paymentId)
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()), action, "payment", paymentId.toString(), Map.of("detail", detail)));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SwedishTime.ZONE));
    }
}
