package se.samla.fees;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * What the invoicing unit does to an invoice once sent: credits it (a credit note under the next number of the
 * series, reversing it line by line) or reminds its receiver when it is overdue (once, with the municipality's
 * reminder fee if it has one). Each reaches the receiver as a letter and is audited.
 */
@Service
class InvoiceCorrections {

    /** A change that cannot be made; the message key says why. */
    static final class Refused extends RuntimeException {
        private final transient Object[] arguments;

        Refused(String messageKey, Object... arguments) {
            super(messageKey, null, false, false);
            this.arguments = arguments;
        }

        Object[] arguments() {
            return arguments.clone();
        }
    }

    /** The days a reminder gives to pay. */
    static final int REMINDER_DAYS = 10;

    private record Sent(
            UUID id,
            long number,
            UUID caseId,
            String caseReference,
            Receiver receiver,
            String ocr,
            String bankgiro,
            BigDecimal total,
            BigDecimal reminderFee,
            BigDecimal paid,
            BigDecimal credited,
            LocalDate dueOn,
            LocalDate remindedOn,
            String delivery) {

        BigDecimal left() {
            return total.add(reminderFee).subtract(credited).subtract(paid);
        }
    }

    private final JdbcClient jdbc;
    private final InvoiceSeries series;
    private final TenantInvoicing invoicing;
    private final Tenants tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvoiceCorrections(
            JdbcClient jdbc,
            InvoiceSeries series,
            TenantInvoicing invoicing,
            Tenants tenants,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.series = series;
        this.invoicing = invoicing;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Credits what is not yet credited of the invoice, in full: a credit note with each of its lines reversed (and the
     * reminder fee, if one was added). What was already paid is then owed back to the receiver.
     */
    @Transactional
    UUID credit(SignedInUser.Staff staff, long invoiceNumber, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new Refused("invoice.error.credit-reason");
        }
        Sent invoice = sent(invoiceNumber);
        BigDecimal open = invoice.total().add(invoice.reminderFee()).subtract(invoice.credited());
        if (open.signum() <= 0) {
            throw new Refused("invoice.error.already-credited", Long.toString(invoiceNumber));
        }
        var settings = invoicing.of(CurrentTenant.require()).orElseThrow();
        long number = series.next();
        LocalDate today = today();
        UUID id = UUID.randomUUID();
        record Line(String description, BigDecimal net, int vatRate, BigDecimal vat, String account) {}
        List<Line> lines = new java.util.ArrayList<>(jdbc.sql("""
                        SELECT description, net, vat_rate, vat, account FROM fees.invoice_line
                        WHERE tenant_id = :tenant AND invoice_id = :i ORDER BY seq
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("i", invoice.id())
                .query((rs, n) -> new Line(
                        rs.getString(1), rs.getBigDecimal(2), rs.getInt(3), rs.getBigDecimal(4), rs.getString(5)))
                .list());
        if (invoice.reminderFee().signum() > 0) {
            lines.add(new Line(
                    "Påminnelseavgift",
                    invoice.reminderFee(),
                    0,
                    BigDecimal.ZERO,
                    settings.accounts().reminderFees()));
        }
        BigDecimal net = lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vat = lines.stream().map(Line::vat).reduce(BigDecimal.ZERO, BigDecimal::add);
        jdbc.sql("""
                INSERT INTO fees.invoice (id, tenant_id, number, kind, credits, case_id, case_reference,
                    receiver_person_id, receiver_identity_number, receiver_name, receiver_organisation, delivery,
                    issued_on, due_on, ocr, bankgiro, net, vat, total, created_at)
                SELECT :id, tenant_id, :number, 'CREDIT_NOTE', id, case_id, case_reference, receiver_person_id,
                    receiver_identity_number, receiver_name, receiver_organisation, delivery, :today, :today, :ocr,
                    bankgiro, :net, :vat, :total, :at
                FROM fees.invoice WHERE tenant_id = :tenant AND id = :credits
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .param("number", number)
                .param("credits", invoice.id())
                .param("today", today)
                .param(
                        "ocr",
                        OcrReference.forNumber(Long.toString(number), settings.ocrLengthDigit())
                                .digits())
                .param("net", net.negate())
                .param("vat", vat.negate())
                .param("total", net.add(vat).negate())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        int seq = 0;
        for (Line line : lines) {
            jdbc.sql("""
                    INSERT INTO fees.invoice_line (invoice_id, tenant_id, seq, description, net, vat_rate, vat, account)
                    VALUES (:i, :t, :seq, :d, :net, :rate, :vat, :account)
                    """)
                    .param("i", id)
                    .param("t", CurrentTenant.require().value())
                    .param("seq", ++seq)
                    .param("d", line.description())
                    .param("net", line.net().negate())
                    .param("rate", line.vatRate())
                    .param("vat", line.vat().negate())
                    .param("account", line.account())
                    .update();
        }
        jdbc.sql("UPDATE fees.invoice SET credited = credited + :c WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("c", open)
                .param("id", invoice.id())
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "INVOICE_CREDITED",
                "invoice",
                invoice.id().toString(),
                Map.of("creditNote", Long.toString(number), "amount", open.toPlainString(), "reason", reason.strip())));
        Tenant tenant = tenants.current();
        String text = "Vi krediterar faktura " + invoiceNumber + " med " + Kronor.format(open) + ".\n\nSkäl: "
                + reason.strip() + "\n\nDu behöver inte betala faktura " + invoiceNumber + "."
                + (invoice.paid().signum() > 0
                        ? " Du har redan betalat " + Kronor.format(invoice.paid())
                                + "; vi betalar tillbaka pengarna och hör av oss om vart."
                        : "");
        publish(
                tenant,
                settings,
                invoice,
                "CREDIT_NOTE",
                id,
                "Kreditfaktura " + number + " från " + tenant.name(),
                List.of(
                        new FeesEvents.InvoiceIssued.Part("Kreditering", text),
                        new FeesEvents.InvoiceIssued.Part(
                                "Fakturauppgifter",
                                "Kreditfakturans nummer " + number + "\nDatum " + today + "\nKrediterar faktura "
                                        + invoiceNumber + "\n\nFrågor: " + settings.contact() + ".")),
                net.add(vat).negate(),
                today);
        return id;
    }

    /**
     * Reminds the receiver of an invoice past its due date by at least the municipality's days: once, with its
     * reminder fee added to what is owed, under the same OCR reference.
     */
    @Transactional
    void remind(SignedInUser.Staff staff, long invoiceNumber) {
        Sent invoice = sent(invoiceNumber);
        var settings = invoicing.of(CurrentTenant.require()).orElseThrow();
        LocalDate today = today();
        if (invoice.left().signum() <= 0) {
            throw new Refused("invoice.error.nothing-owed", Long.toString(invoiceNumber));
        }
        if (invoice.remindedOn() != null) {
            throw new Refused(
                    "invoice.error.already-reminded",
                    invoiceNumber,
                    invoice.remindedOn().toString());
        }
        if (today.isBefore(invoice.dueOn().plusDays(settings.reminderAfterDays()))) {
            throw new Refused(
                    "invoice.error.too-early",
                    Long.toString(invoiceNumber),
                    invoice.dueOn().plusDays(settings.reminderAfterDays()).toString());
        }
        BigDecimal fee = settings.reminderFee().setScale(2);
        jdbc.sql(
                        "UPDATE fees.invoice SET reminded_on = :today, reminder_fee = :fee WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("today", today)
                .param("fee", fee)
                .param("id", invoice.id())
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "INVOICE_REMINDED",
                "invoice",
                invoice.id().toString(),
                Map.of("fee", fee.toPlainString())));
        BigDecimal owed = invoice.left().add(fee);
        LocalDate payBy = Invoices.bankingDay(today.plusDays(REMINDER_DAYS));
        Tenant tenant = tenants.current();
        publish(
                tenant,
                settings,
                invoice,
                "REMINDER",
                UUID.nameUUIDFromBytes(("reminder:" + invoice.id()).getBytes(StandardCharsets.UTF_8)),
                "Påminnelse om faktura " + invoiceNumber + " från " + tenant.name(),
                List.of(
                        new FeesEvents.InvoiceIssued.Part(
                                "Att betala",
                                Kronor.format(owed) + " senast " + payBy + "\n\nBankgiro " + invoice.bankgiro()
                                        + "\nOCR-nummer " + invoice.ocr()),
                        new FeesEvents.InvoiceIssued.Part(
                                "Påminnelse",
                                "Vi har inte fått hela betalningen för faktura " + invoiceNumber
                                        + ", som förföll " + invoice.dueOn() + "."
                                        + (fee.signum() > 0
                                                ? " Vi lägger till en påminnelseavgift på " + Kronor.format(fee) + "."
                                                : "")
                                        + " Har du betalat nyligen kan du bortse från påminnelsen.\n\nFrågor: "
                                        + settings.contact() + ".")),
                owed,
                payBy);
    }

    private void publish(
            Tenant tenant,
            InvoicingSettings settings,
            Sent invoice,
            String kind,
            UUID sourceId,
            String title,
            List<FeesEvents.InvoiceIssued.Part> parts,
            BigDecimal amount,
            LocalDate dueOn) {
        events.publishEvent(new FeesEvents.InvoiceIssued(
                tenant.id(),
                invoice.id(),
                kind,
                "REMINDER".equals(kind) ? "LETTER" : invoice.delivery(),
                sourceId,
                invoice.caseId(),
                invoice.caseReference(),
                settings.unit(),
                invoice.receiver().personId(),
                invoice.receiver().name(),
                invoice.receiver().identityNumber(),
                title,
                parts,
                amount,
                dueOn));
    }

    private Sent sent(long number) {
        return jdbc.sql(
                        "SELECT * FROM fees.invoice WHERE tenant_id = :tenant AND number = :n AND kind = 'INVOICE' FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("n", number)
                .query((rs, n) -> new Sent(
                        rs.getObject("id", UUID.class),
                        rs.getLong("number"),
                        rs.getObject("case_id", UUID.class),
                        rs.getString("case_reference"),
                        new Receiver(
                                rs.getObject("receiver_person_id", UUID.class),
                                rs.getString("receiver_identity_number"),
                                rs.getString("receiver_name"),
                                rs.getString("receiver_organisation")),
                        rs.getString("ocr"),
                        rs.getString("bankgiro"),
                        rs.getBigDecimal("total"),
                        rs.getBigDecimal("reminder_fee"),
                        rs.getBigDecimal("paid"),
                        rs.getBigDecimal("credited"),
                        rs.getObject("due_on", LocalDate.class),
                        rs.getObject("reminded_on", LocalDate.class),
                        rs.getString("delivery")))
                .optional()
                .orElseThrow(() -> new Refused("payments.error.no-invoice"));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SwedishTime.ZONE));
    }
}
