package se.samla.fees;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;
import se.samla.shared.ValueRows;

/**
 * Takes in Bankgirot's payment files. A payment with a checked OCR reference of an open invoice and exactly what is left
 * of it is booked against the invoice; every other payment (no or a wrong reference, several references, part of what
 * is owed, more than is owed, a deduction) waits for a person. A file is taken whole or not at all, and the same file
 * taken twice changes nothing the second time.
 */
@Service
class PaymentImports {

    /** Why a payment waits for a person. */
    enum Reason {
        NO_REFERENCE,
        INVALID_REFERENCE,
        UNCHECKED_REFERENCE,
        SEVERAL_REFERENCES,
        UNKNOWN_REFERENCE,
        PARTIAL,
        OVERPAID,
        ALREADY_PAID,
        DEDUCTION
    }

    /**
     * What an import did.
     *
     * @param again whether the file had been taken before (then nothing changed)
     */
    record Imported(UUID fileId, boolean again, int payments, int matched, int manual, BigDecimal amount) {}

    /** A file that cannot be taken: the line and the reason, nothing stored. */
    static final class Refused extends RuntimeException {
        private final int line;

        Refused(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private static final int BATCH = 5_000;
    /** References looked up, and invoices booked, in one statement: each such statement reads the invoices once. */
    private static final int LOOKUP = 50_000;

    private final JdbcClient jdbc;
    private final TenantInvoicing invoicing;
    private final AuditLog audit;
    private final Clock clock;

    PaymentImports(JdbcClient jdbc, TenantInvoicing invoicing, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.invoicing = invoicing;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Imported importFile(String fileName, byte[] content, String by) {
        var settings = invoicing
                .of(CurrentTenant.require())
                .orElseThrow(() -> new Refused(0, "Kommunen tar inte emot betalningar: den skickar inga fakturor."));
        String sha = sha256(content);
        // one import of a file at a time in the municipality, so two uploads of it cannot both be taken
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('fees.payment_file'), hashtext(:t))")
                .param("t", CurrentTenant.require().toString())
                .query((rs, n) -> 1)
                .list();
        var before = jdbc.sql(
                        "SELECT id, payments, amount FROM fees.payment_file WHERE tenant_id = :tenant AND sha256 = :sha")
                .param("tenant", CurrentTenant.require().value())
                .param("sha", sha)
                .query((rs, n) ->
                        new Imported(rs.getObject(1, UUID.class), true, rs.getInt(2), 0, 0, rs.getBigDecimal(3)))
                .optional();
        if (before.isPresent()) {
            return before.get();
        }
        BgMax.File file;
        try {
            file = BgMax.parse(content);
        } catch (BgMax.Refused e) {
            throw new Refused(e.line(), e.getMessage());
        }
        for (BgMax.Deposit deposit : file.deposits()) {
            if (!deposit.bankgiro().equals(settings.bankgiroDigits())) {
                throw new Refused(
                        deposit.line(),
                        "Filen gäller bankgiro " + deposit.bankgiro() + ", inte kommunens " + settings.bankgiro()
                                + ".");
            }
        }
        if (file.test()) {
            throw new Refused(1, "Filen är en testfil från Bankgirot (märkt T): den bokförs inte.");
        }
        var sameDay = jdbc.sql(
                        "SELECT file_name FROM fees.payment_file WHERE tenant_id = :tenant AND produced_at = :at")
                .param("tenant", CurrentTenant.require().value())
                .param("at", file.producedAt())
                .query(String.class)
                .optional();
        if (sameDay.isPresent()) {
            throw new Refused(
                    1,
                    "En annan fil med samma tidsstämpel från Bankgirot (" + file.producedAt() + ") är redan inläst: "
                            + sameDay.get() + ". Filerna skiljer sig åt; fråga banken vilken som gäller.");
        }
        List<BgMax.Payment> payments = file.payments();
        BigDecimal total = file.deposits().stream().map(BgMax.Deposit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        UUID fileId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO fees.payment_file (id, tenant_id, sha256, file_name, produced_at, bankgiro, payments, amount,
                    imported_at, imported_by)
                VALUES (:id, :t, :sha, :name, :at, :bankgiro, :payments, :amount, :now, :by)
                """)
                .param("id", fileId)
                .param("t", CurrentTenant.require().value())
                .param("sha", sha)
                .param("name", fileName == null || fileName.isBlank() ? "bgmax.txt" : fileName.strip())
                .param("at", file.producedAt())
                .param("bankgiro", settings.bankgiro())
                .param("payments", payments.size())
                .param("amount", total)
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by)
                .update();
        // the file's references meet the invoices in one pass each way (a hash join), whatever the planner believes of
        // the table's size: its statistics lag behind a day's invoicing, and a nested loop over a table it takes for
        // small would read it once for every payment
        jdbc.sql("SET LOCAL enable_nestloop = off").update();
        Map<String, OpenInvoice> invoices = openInvoices(payments);
        List<Row> rows = new ArrayList<>(payments.size());
        Map<UUID, BigDecimal> booked = new HashMap<>();
        int matched = 0;
        for (BgMax.Payment payment : payments) {
            Row row = match(payment, invoices, settings.ocrLengthDigit());
            if (row.state().equals("MATCHED")) {
                matched++;
                booked.merge(row.invoiceId(), payment.amount(), BigDecimal::add);
            }
            rows.add(row);
        }
        for (int from = 0; from < rows.size(); from += BATCH) {
            insert(fileId, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
        book(booked);
        audit.record(new AuditRecord(
                Actor.of(by),
                "PAYMENT_FILE_IMPORTED",
                "payment_file",
                fileId.toString(),
                Map.of(
                        "payments",
                        Integer.toString(payments.size()),
                        "matched",
                        Integer.toString(matched),
                        "amount",
                        total.toPlainString())));
        return new Imported(fileId, false, payments.size(), matched, payments.size() - matched, total);
    }

    private record OpenInvoice(UUID id, BigDecimal left) {}

    private record Row(int line, BgMax.Payment payment, String state, Reason reason, UUID invoiceId) {}

    /** The invoices the file's references name, each with what is left to pay. */
    private Map<String, OpenInvoice> openInvoices(List<BgMax.Payment> payments) {
        List<String> references = payments.stream()
                .map(BgMax.Payment::reference)
                .filter(r -> !r.isEmpty())
                .distinct()
                .toList();
        Map<String, OpenInvoice> found = new HashMap<>();
        for (int from = 0; from < references.size(); from += LOOKUP) {
            jdbc.sql("""
                    SELECT i.ocr, i.id, i.total + i.reminder_fee - i.credited - i.paid
                    FROM unnest(CAST(:refs AS text[])) AS r(ocr) JOIN fees.invoice i ON i.ocr = r.ocr
                    WHERE i.tenant_id = :tenant AND i.kind = 'INVOICE'
                    FOR UPDATE OF i
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param(
                            "refs",
                            references
                                    .subList(from, Math.min(references.size(), from + LOOKUP))
                                    .toArray(String[]::new))
                    .query((rs, n) -> found.put(
                            rs.getString(1), new OpenInvoice(rs.getObject(2, UUID.class), rs.getBigDecimal(3))))
                    .list();
        }
        return found;
    }

    /** Books a payment against its invoice when nothing about it needs a person; what is left shrinks as it goes. */
    private static Row match(BgMax.Payment payment, Map<String, OpenInvoice> invoices, boolean lengthDigit) {
        if (payment.deduction()) {
            return manual(payment, Reason.DEDUCTION, invoices);
        }
        if (!payment.extraReferences().isEmpty() || payment.referenceCode() == '3') {
            return manual(payment, Reason.SEVERAL_REFERENCES, invoices);
        }
        if (payment.reference().isEmpty()) {
            return manual(payment, Reason.NO_REFERENCE, invoices);
        }
        try {
            // where the bankgiro's agreement asks for a length digit, a reference whose length digit is wrong is no
            // reference of ours either
            if (lengthDigit && !new OcrReference(payment.reference()).lengthDigitHolds()) {
                return manual(payment, Reason.INVALID_REFERENCE, invoices);
            }
        } catch (OcrReference.Invalid e) {
            return manual(payment, Reason.INVALID_REFERENCE, invoices);
        }
        if (payment.referenceCode() != '2') {
            return manual(payment, Reason.UNCHECKED_REFERENCE, invoices);
        }
        OpenInvoice invoice = invoices.get(payment.reference());
        if (invoice == null) {
            return new Row(payment.line(), payment, "MANUAL", Reason.UNKNOWN_REFERENCE, null);
        }
        int against = payment.amount().compareTo(invoice.left());
        if (invoice.left().signum() <= 0) {
            return new Row(payment.line(), payment, "MANUAL", Reason.ALREADY_PAID, invoice.id());
        }
        if (against < 0) {
            return new Row(payment.line(), payment, "MANUAL", Reason.PARTIAL, invoice.id());
        }
        if (against > 0) {
            return new Row(payment.line(), payment, "MANUAL", Reason.OVERPAID, invoice.id());
        }
        invoices.put(payment.reference(), new OpenInvoice(invoice.id(), BigDecimal.ZERO.setScale(2)));
        return new Row(payment.line(), payment, "MATCHED", null, invoice.id());
    }

    /** A payment for a person, with the invoice its reference names, if any, for them to consider. */
    private static Row manual(BgMax.Payment payment, Reason reason, Map<String, OpenInvoice> invoices) {
        OpenInvoice named = invoices.get(payment.reference());
        return new Row(payment.line(), payment, "MANUAL", reason, named == null ? null : named.id());
    }

    private void insert(UUID fileId, List<Row> rows) {
        UUID tenant = CurrentTenant.require().value();
        for (List<Object[]> part : ValueRows.parts(rows, row -> {
            BgMax.Payment p = row.payment();
            return new Object[] {
                UUID.randomUUID(),
                tenant,
                fileId,
                row.line(),
                p.reference().isEmpty() ? null : p.reference(),
                p.deduction() ? p.amount().negate() : p.amount(),
                p.paidOn(),
                p.senderBankgiro().equals("0") ? null : p.senderBankgiro(),
                p.payerName(),
                row.state(),
                row.reason() == null ? null : row.reason().name(),
                row.invoiceId()
            };
        })) {
            jdbc.sql("""
                    INSERT INTO fees.payment (id, tenant_id, file_id, line, reference, amount, paid_on,
                        sender_bankgiro, payer_name, state, reason, invoice_id)
                    VALUES :rows
                    """).param("rows", part).update();
        }
    }

    /** Adds what was booked to each invoice's paid amount, in one statement per batch. */
    private void book(Map<UUID, BigDecimal> booked) {
        List<Map.Entry<UUID, BigDecimal>> entries = new ArrayList<>(booked.entrySet());
        for (int from = 0; from < entries.size(); from += LOOKUP) {
            var part = entries.subList(from, Math.min(entries.size(), from + LOOKUP));
            jdbc.sql("""
                    UPDATE fees.invoice i SET paid = i.paid + b.amount
                    FROM unnest(CAST(:ids AS uuid[]), CAST(:amounts AS numeric[])) AS b(id, amount)
                    WHERE i.tenant_id = :tenant AND i.id = b.id
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("ids", part.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                    .param(
                            "amounts",
                            part.stream().map(e -> e.getValue().toPlainString()).toArray(String[]::new))
                    .update();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
