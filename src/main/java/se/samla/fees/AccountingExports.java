package se.samla.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * The accounting export: a day's or a month's invoices, credit notes, reminder fees and payments as SIE 4I vouchers.
 * The same period twice is made only when asked for again, and then numbered as a new export of it, so the finance
 * system is never sent the same vouchers twice without the sender saying so.
 *
 * <p>Invoices and credit notes book the receivable against their revenue and output VAT (series F, numbered as the
 * invoice); a reminder fee, the receivable against its revenue (P, numbered as the invoice); the payments read in on
 * a day, the bank against the receivables for what matched at once and against unmatched payments for the rest (B,
 * numbered by the day); the payments matched by hand on a day, unmatched payments against the receivables (M, numbered
 * by the day). Every voucher number is thus the same in every export, and unique in its series.
 */
@Service
class AccountingExports {

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    /** The file, and which export of its period it is. */
    record Export(byte[] content, String fileName, int sequence, int vouchers) {}

    /** An export that was not made; the message key and its arguments say why. */
    static final class Refused extends RuntimeException {
        private final transient Object[] arguments;
        private final boolean again;

        Refused(String messageKey, boolean again, Object... arguments) {
            super(messageKey, null, false, false);
            this.again = again;
            this.arguments = arguments;
        }

        Object[] arguments() {
            return arguments.clone();
        }

        /** Whether asking again for the same period would make it. */
        boolean again() {
            return again;
        }
    }

    private final JdbcClient jdbc;
    private final TenantInvoicing invoicing;
    private final Tenants tenants;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    AccountingExports(
            JdbcClient jdbc, TenantInvoicing invoicing, Tenants tenants, Catalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.invoicing = invoicing;
        this.tenants = tenants;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Exports the period, a day or a calendar month that has ended.
     *
     * @param again that the period was exported before and is to be exported once more
     */
    @Transactional
    Export export(SignedInUser.Staff staff, LocalDate from, LocalDate to, boolean again) {
        var settings = invoicing.of(CurrentTenant.require()).orElseThrow();
        boolean day = from.equals(to);
        boolean month = from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()));
        if (!day && !month) {
            throw new Refused("export.error.period", false);
        }
        if (!to.isBefore(today())) {
            throw new Refused("export.error.not-ended", false, to.toString());
        }
        // one export of a period at a time, so two cannot both be the first
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('fees.accounting_export'), hashtext(:t))")
                .param("t", CurrentTenant.require().toString())
                .query((rs, n) -> 1)
                .list();
        record Before(LocalDate from, LocalDate to, Instant at) {}
        // a period overlapping one exported before (a day of a month exported, or the month of an exported day)
        // would send the same vouchers again
        Optional<Before> before = jdbc.sql("""
                SELECT period_from, period_to, created_at FROM fees.accounting_export
                WHERE tenant_id = :tenant AND period_from <= :t AND period_to >= :f ORDER BY created_at DESC LIMIT 1
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Before(
                        rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
        if (before.isPresent() && !again) {
            Before b = before.get();
            throw new Refused(
                    "export.error.exported-before",
                    true,
                    b.from().equals(b.to()) ? b.from().toString() : b.from() + "–" + b.to(),
                    SwedishTime.MINUTE.format(b.at()));
        }
        int sequence = jdbc.sql("""
                        SELECT coalesce(max(sequence), 0) + 1 FROM fees.accounting_export
                        WHERE tenant_id = :tenant AND period_from = :f AND period_to = :t
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query(Integer.class)
                .single();
        List<SieFile.Voucher> vouchers = vouchers(settings, from, to);
        Tenant tenant = tenants.current();
        byte[] content = SieFile.write(
                "Samla",
                "1.0",
                today(),
                tenant.organisationNumber().formatted(),
                tenant.name(),
                LocalDate.of(from.getYear(), 1, 1),
                LocalDate.of(from.getYear(), 12, 31),
                accounts(settings),
                vouchers);
        jdbc.sql("""
                INSERT INTO fees.accounting_export (id, tenant_id, period_from, period_to, sequence, vouchers, sha256,
                    created_at, created_by)
                VALUES (:id, :t, :f, :to, :seq, :n, :sha, :at, :by)
                """)
                .param("id", UUID.randomUUID())
                .param("t", CurrentTenant.require().value())
                .param("f", from)
                .param("to", to)
                .param("seq", sequence)
                .param("n", vouchers.size())
                .param("sha", PaymentImports.sha256(content))
                .param("at", Timestamp.from(clock.instant()))
                .param("by", staff.auditId())
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "ACCOUNTING_EXPORTED",
                "accounting_export",
                from + "/" + to,
                Map.of("sequence", Integer.toString(sequence), "vouchers", Integer.toString(vouchers.size()))));
        String period = day ? from.toString() : from.toString().substring(0, 7);
        String name = "samla-" + tenant.slug() + "-" + period + (sequence > 1 ? "-export" + sequence : "") + ".si";
        return new Export(content, name, sequence, vouchers.size());
    }

    private List<SieFile.Voucher> vouchers(InvoicingSettings settings, LocalDate from, LocalDate to) {
        var accounts = settings.accounts();
        List<SieFile.Voucher> vouchers = new ArrayList<>();
        record Issued(UUID id, long number, String kind, LocalDate day, String reference, BigDecimal total) {}
        List<Issued> issued = jdbc.sql("""
                SELECT id, number, kind, issued_on, case_reference, total FROM fees.invoice
                WHERE tenant_id = :tenant AND issued_on BETWEEN :f AND :t ORDER BY number
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Issued(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getBigDecimal(6)))
                .list();
        for (Issued invoice : issued) {
            List<SieFile.Transaction> lines = new ArrayList<>();
            lines.add(new SieFile.Transaction(accounts.receivables(), invoice.total()));
            Map<String, BigDecimal> credit = new LinkedHashMap<>();
            jdbc.sql(
                            "SELECT account, net, vat_rate, vat FROM fees.invoice_line WHERE tenant_id = :tenant AND invoice_id = :i ORDER BY seq")
                    .param("tenant", CurrentTenant.require().value())
                    .param("i", invoice.id())
                    .query((rs, n) -> {
                        credit.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                        if (rs.getBigDecimal(4).signum() != 0) {
                            credit.merge(accounts.vat().get(rs.getInt(3)), rs.getBigDecimal(4), BigDecimal::add);
                        }
                        return 1;
                    })
                    .list();
            credit.forEach((account, amount) -> lines.add(new SieFile.Transaction(account, amount.negate())));
            String text = ("INVOICE".equals(invoice.kind()) ? "Faktura " : "Kreditfaktura ")
                    + invoice.number()
                    + (invoice.reference() == null ? "" : ", ärende " + invoice.reference());
            vouchers.add(new SieFile.Voucher("F", Long.toString(invoice.number()), invoice.day(), text, lines));
        }
        for (var reminded : jdbc.sql("""
                        SELECT number, reminded_on, reminder_fee FROM fees.invoice
                        WHERE tenant_id = :tenant AND reminded_on BETWEEN :f AND :t AND reminder_fee > 0 ORDER BY reminded_on, number
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)})
                .list()) {
            BigDecimal fee = (BigDecimal) reminded[2];
            vouchers.add(new SieFile.Voucher(
                    "P",
                    Long.toString((Long) reminded[0]),
                    (LocalDate) reminded[1],
                    "Påminnelseavgift faktura " + reminded[0],
                    List.of(
                            new SieFile.Transaction(accounts.receivables(), fee),
                            new SieFile.Transaction(accounts.reminderFees(), fee.negate()))));
        }
        // a day's payments are those read in that day, whatever day they were paid: an export of a day never misses
        // a file that came later, and never takes a payment twice
        for (var paid : jdbc.sql("""
                        SELECT (f.imported_at AT TIME ZONE 'Europe/Stockholm')::date AS day,
                            sum(p.amount) FILTER (WHERE p.state = 'MATCHED'),
                            sum(p.amount) FILTER (WHERE p.state <> 'MATCHED'), sum(p.amount), min(p.paid_on),
                            max(p.paid_on)
                        FROM fees.payment p JOIN fees.payment_file f ON f.tenant_id = p.tenant_id AND f.id = p.file_id
                        WHERE p.tenant_id = :tenant AND (f.imported_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN :f AND :t
                        GROUP BY 1 ORDER BY 1
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, LocalDate.class),
                    rs.getBigDecimal(2),
                    rs.getBigDecimal(3),
                    rs.getBigDecimal(4),
                    rs.getObject(5, LocalDate.class),
                    rs.getObject(6, LocalDate.class)
                })
                .list()) {
            LocalDate day = (LocalDate) paid[0];
            List<SieFile.Transaction> lines = new ArrayList<>();
            lines.add(new SieFile.Transaction(accounts.bank(), (BigDecimal) paid[3]));
            if (paid[1] != null) {
                lines.add(new SieFile.Transaction(accounts.receivables(), ((BigDecimal) paid[1]).negate()));
            }
            if (paid[2] != null) {
                lines.add(new SieFile.Transaction(accounts.unmatched(), ((BigDecimal) paid[2]).negate()));
            }
            vouchers.add(new SieFile.Voucher(
                    "B",
                    DAY.format(day),
                    day,
                    "Inbetalningar bankgiro, betalda " + paid[4] + (paid[4].equals(paid[5]) ? "" : "–" + paid[5]),
                    lines));
        }
        for (var settled : jdbc.sql("""
                        SELECT (p.settled_at AT TIME ZONE 'Europe/Stockholm')::date, sum(p.amount), count(*)
                        FROM fees.payment p
                        WHERE tenant_id = :tenant AND p.state = 'SETTLED' AND p.invoice_id IS NOT NULL
                          AND (p.settled_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN :f AND :t
                        GROUP BY 1 ORDER BY 1
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getLong(3)})
                .list()) {
            LocalDate day = (LocalDate) settled[0];
            BigDecimal amount = (BigDecimal) settled[1];
            vouchers.add(new SieFile.Voucher(
                    "M",
                    DAY.format(day),
                    day,
                    "Betalningar matchade för hand mot fakturor (" + settled[2] + " st)",
                    List.of(
                            new SieFile.Transaction(accounts.unmatched(), amount),
                            new SieFile.Transaction(accounts.receivables(), amount.negate()))));
        }
        return vouchers;
    }

    /** The accounts the export books to, each with its name. */
    private Map<String, String> accounts(InvoicingSettings settings) {
        var a = settings.accounts();
        Map<String, String> names = new LinkedHashMap<>();
        names.put(a.receivables(), "Kundfordringar");
        names.put(a.bank(), "Bank");
        names.put(a.unmatched(), "Ej matchade inbetalningar");
        names.put(a.reminderFees(), "Påminnelseavgifter");
        a.vat().forEach((rate, account) -> names.put(account, "Utgående moms " + rate + " %"));
        catalog.current(CurrentTenant.require()).stream()
                .flatMap(t -> t.definition().fees().stream())
                .forEach(fee -> names.putIfAbsent(fee.account(), fee.name().sv()));
        return names;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SwedishTime.ZONE));
    }
}
