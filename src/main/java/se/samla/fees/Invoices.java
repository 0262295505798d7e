package se.samla.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishHolidays;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Issues invoices: each under the next number of the municipality's gapless series, with an OCR reference made from
 * that number, and sends it to its receiver as a letter. A charge, or a monthly charge's month, is invoiced once.
 */
@Service
class Invoices {

    static final String SYSTEM = "system:fakturering";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Invoices.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    /** A line to invoice: a charge, or one month of a monthly charge. */
    record Line(UUID chargeId, LocalDate period, String description, BigDecimal net, int vatRate, String account) {

        BigDecimal vat() {
            return net.multiply(BigDecimal.valueOf(vatRate)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        }
    }

    /** What the invoice is for and to whom. */
    record Order(UUID caseId, String caseReference, Receiver receiver, List<Line> lines) {}

    private final JdbcClient jdbc;
    private final TenantInvoicing invoicing;
    private final Tenants tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final InvoiceSeries series;
    private final Optional<AccessPoint> accessPoint;
    private final org.springframework.transaction.support.TransactionTemplate nested;

    Invoices(
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            InvoiceSeries series,
            Optional<AccessPoint> accessPoint,
            JdbcClient jdbc,
            TenantInvoicing invoicing,
            Tenants tenants,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.series = series;
        this.accessPoint = accessPoint;
        this.nested = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
        this.invoicing = invoicing;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(FeesEvents.Charged charged) {
        invoiceCase(charged.caseId());
    }

    /** Invoices the case's charges that are due and not yet invoiced, in one invoice. */
    @Transactional
    Optional<UUID> invoiceCase(UUID caseId) {
        if (invoicing.of(CurrentTenant.require()).isEmpty()) {
            return Optional.empty();
        }
        // one invoicing of a case at a time: a redelivered event waits, then finds its charges invoiced
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('fees.invoice_case'), hashtext(:case))")
                .param("case", caseId.toString())
                .query((rs, n) -> 1)
                .list();
        record Due(
                UUID id,
                String reference,
                String caseType,
                String name,
                BigDecimal amount,
                int vat,
                String account,
                Receiver receiver) {}
        List<Due> due = jdbc.sql("""
                SELECT c.* FROM fees.charge c
                WHERE c.tenant_id = :tenant AND c.case_id = :case AND c.charged <> 'MONTHLY' AND c.amount > 0
                  AND NOT EXISTS (SELECT 1 FROM fees.invoice_line l WHERE l.tenant_id = :tenant AND l.charge_id = c.id)
                ORDER BY c.created_at, c.fee_code
                FOR UPDATE
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("case", caseId)
                .query((rs, n) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getString("case_reference"),
                        rs.getString("case_type"),
                        rs.getString("fee_name"),
                        rs.getBigDecimal("amount"),
                        rs.getInt("vat_rate"),
                        rs.getString("account"),
                        receiver(rs)))
                .list();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Due first = due.get(0);
        return issue(new Order(
                caseId,
                first.reference(),
                first.receiver(),
                due.stream()
                        .map(d -> new Line(d.id(), null, d.name(), d.amount(), d.vat(), d.account()))
                        .toList()));
    }

    /**
     * Invoices every month that has begun of the running monthly charges, each month once; a charge whose months are
     * used up ends with its last.
     *
     * @return the invoices issued
     */
    @Transactional
    int invoiceMonths() {
        if (invoicing.of(CurrentTenant.require()).isEmpty()) {
            return 0;
        }
        LocalDate today = today();
        // an ended fee still owes the months it ran that were not invoiced yet
        List<Running> running = jdbc.sql("""
                SELECT * FROM fees.charge
                WHERE tenant_id = :tenant AND (charged = 'MONTHLY' AND next_period <= :today AND (ended_on IS NULL OR next_period <= ended_on)
                  AND (months_left IS NULL OR months_left > 0))
                ORDER BY next_period, id
                FOR UPDATE SKIP LOCKED
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("today", today)
                .query((rs, n) -> new Running(
                        rs.getObject("id", UUID.class),
                        rs.getObject("case_id", UUID.class),
                        rs.getString("case_reference"),
                        rs.getString("case_type"),
                        rs.getString("fee_name"),
                        rs.getBigDecimal("amount"),
                        rs.getInt("vat_rate"),
                        rs.getString("account"),
                        receiver(rs),
                        rs.getObject("next_period", LocalDate.class),
                        (Integer) rs.getObject("months_left"),
                        rs.getObject("ended_on", LocalDate.class)))
                .list();
        int issued = 0;
        for (Running charge : running) {
            // each charge on its own savepoint: one that fails (a receiver gone) keeps no other from its invoice
            try {
                issued += nested.execute(status -> invoiceMonthsOf(charge, today));
            } catch (RuntimeException e) {
                log.warn("Monthly fee {} of case {} not invoiced: {}", charge.id(), charge.reference(), e.toString());
            }
        }
        return issued;
    }

    /** A monthly charge that is due: what it is, and where its months stand. */
    private record Running(
            UUID id,
            UUID caseId,
            String reference,
            String caseType,
            String name,
            BigDecimal amount,
            int vat,
            String account,
            Receiver receiver,
            LocalDate next,
            Integer monthsLeft,
            LocalDate endedOn) {}

    /** Invoices each begun month of one charge, once, and moves the charge on. */
    private int invoiceMonthsOf(Running charge, LocalDate today) {
        int issued = 0;
        LocalDate month = charge.next();
        Integer left = charge.monthsLeft();
        while (!month.isAfter(today)
                && (left == null || left > 0)
                && (charge.endedOn() == null || !month.isAfter(charge.endedOn()))) {
            if (charge.amount().signum() > 0) {
                String description = charge.name() + ", "
                        + month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, SWEDISH) + " "
                        + month.getYear();
                var invoice = issue(new Order(
                        charge.caseId(),
                        charge.reference(),
                        charge.receiver(),
                        List.of(new Line(
                                charge.id(), month, description, charge.amount(), charge.vat(), charge.account()))));
                issued += invoice.isPresent() ? 1 : 0;
            }
            month = month.plusMonths(1);
            left = left == null ? null : left - 1;
        }
        jdbc.sql("""
                    UPDATE fees.charge SET next_period = :next, months_left = :left,
                        ended_on = CASE WHEN :left = 0 THEN CAST(:last AS date) ELSE ended_on END
                    WHERE tenant_id = :tenant AND id = :id
                    """)
                .param("tenant", CurrentTenant.require().value())
                .param("next", month)
                .param("left", left)
                .param("last", month.minusDays(1))
                .param("id", charge.id())
                .update();
        return issued;
    }

    private Optional<UUID> issue(Order order) {
        InvoicingSettings settings = invoicing.of(CurrentTenant.require()).orElseThrow();
        Receiver receiver = order.receiver();
        if (receiver.personId() == null && !receiver.isOrganisation()) {
            // an anonymous case has nobody to send an invoice to: the charge stays with the case, and staff are told
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "INVOICE_NOT_SENT",
                    "case",
                    String.valueOf(order.caseId()),
                    Map.of("reason", "no receiver")));
            return Optional.empty();
        }
        BigDecimal net = order.lines().stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vat = order.lines().stream().map(Line::vat).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = net.add(vat);
        if (total.signum() <= 0) {
            throw new IllegalArgumentException("An invoice's total must be above zero, not " + total);
        }
        String participant = receiver.isOrganisation()
                ? "0007:" + receiver.organisationNumber().replace("-", "")
                : null;
        String delivery = participant != null
                        && accessPoint.map(a -> a.reaches(participant)).orElse(false)
                ? "PEPPOL"
                : "LETTER";
        long number = series.next();
        OcrReference ocr = OcrReference.forNumber(Long.toString(number), settings.ocrLengthDigit());
        LocalDate issuedOn = today();
        LocalDate dueOn = bankingDay(issuedOn.plusDays(settings.paymentDays()));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO fees.invoice (id, tenant_id, number, kind, case_id, case_reference, receiver_person_id,
                    receiver_identity_number, receiver_name, receiver_organisation, delivery, issued_on, due_on, ocr,
                    bankgiro, net, vat, total, created_at)
                VALUES (:id, :t, :number, 'INVOICE', :case, :ref, :person, :pin, :name, :org, :delivery, :issued, :due,
                    :ocr, :bankgiro, :net, :vat, :total, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("number", number)
                .param("case", order.caseId())
                .param("ref", order.caseReference())
                .param("person", receiver.personId())
                .param("pin", receiver.identityNumber())
                .param("name", receiver.name())
                .param("org", receiver.organisationNumber())
                .param("delivery", delivery)
                .param("issued", issuedOn)
                .param("due", dueOn)
                .param("ocr", ocr.digits())
                .param("bankgiro", settings.bankgiro())
                .param("net", net)
                .param("vat", vat)
                .param("total", total)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        int seq = 0;
        for (Line line : order.lines()) {
            jdbc.sql("""
                    INSERT INTO fees.invoice_line (invoice_id, tenant_id, seq, charge_id, period, description, net,
                        vat_rate, vat, account)
                    VALUES (:invoice, :t, :seq, :charge, :period, :description, :net, :rate, :vat, :account)
                    """)
                    .param("invoice", id)
                    .param("t", CurrentTenant.require().value())
                    .param("seq", ++seq)
                    .param("charge", line.chargeId())
                    .param("period", line.period())
                    .param("description", line.description())
                    .param("net", line.net())
                    .param("rate", line.vatRate())
                    .param("vat", line.vat())
                    .param("account", line.account())
                    .update();
        }
        audit.record(new AuditRecord(
                Actor.system(SYSTEM),
                "INVOICE_ISSUED",
                "invoice",
                id.toString(),
                Map.of(
                        "number",
                        Long.toString(number),
                        "case",
                        String.valueOf(order.caseId()),
                        "total",
                        total.toPlainString())));
        Tenant tenant = tenants.current();
        String unit = tenants.unit(tenant.id(), settings.unit())
                .map(u -> u.name().sv())
                .orElse(settings.unit());
        String title = "Faktura " + number + " från " + tenant.name();
        events.publishEvent(new FeesEvents.InvoiceIssued(
                tenant.id(),
                id,
                "INVOICE",
                delivery,
                id,
                order.caseId(),
                order.caseReference(),
                settings.unit(),
                receiver.personId(),
                receiver.name(),
                receiver.identityNumber(),
                title,
                letter(tenant, unit, settings, order, number, ocr, issuedOn, dueOn, vat, total),
                total,
                dueOn));
        return Optional.of(id);
    }

    /** The invoice as its letter says it, in Swedish. */
    private static List<FeesEvents.InvoiceIssued.Part> letter(
            Tenant tenant,
            String unit,
            InvoicingSettings settings,
            Order order,
            long number,
            OcrReference ocr,
            LocalDate issuedOn,
            LocalDate dueOn,
            BigDecimal vat,
            BigDecimal total) {
        List<FeesEvents.InvoiceIssued.Part> parts = new ArrayList<>();
        parts.add(new FeesEvents.InvoiceIssued.Part(
                "Att betala",
                Kronor.format(total) + " senast " + dueOn + "\n\nBankgiro " + settings.bankgiro() + "\nOCR-nummer "
                        + ocr.digits() + "\n\nAnge OCR-numret när du betalar, så hittar vi din betalning."));
        StringBuilder lines = new StringBuilder();
        if (order.caseReference() != null) {
            lines.append("Ärende ").append(order.caseReference()).append("\n\n");
        }
        Map<Integer, BigDecimal> vatByRate = new LinkedHashMap<>();
        for (Line line : order.lines()) {
            lines.append(line.description())
                    .append(": ")
                    .append(Kronor.format(line.net()))
                    .append('\n');
            vatByRate.merge(line.vatRate(), line.vat(), BigDecimal::add);
        }
        vatByRate.forEach((rate, amount) -> lines.append("Moms ")
                .append(rate)
                .append(" %: ")
                .append(Kronor.format(amount))
                .append('\n'));
        lines.append("Summa att betala: ").append(Kronor.format(total));
        parts.add(new FeesEvents.InvoiceIssued.Part("Fakturan gäller", lines.toString()));
        parts.add(new FeesEvents.InvoiceIssued.Part(
                "Fakturauppgifter",
                "Fakturanummer " + number + "\nFakturadatum " + issuedOn + "\nFörfallodag " + dueOn + "\nMottagare "
                        + order.receiver().name()
                        + (order.receiver().isOrganisation()
                                ? " (" + order.receiver().organisationNumber() + ")"
                                : "")
                        + "\n\n" + unit + ", " + tenant.name() + "\nOrganisationsnummer "
                        + tenant.organisationNumber().formatted() + "\nMomsregistreringsnummer "
                        + settings.vatNumber()));
        String questions = "Frågor om fakturan: " + settings.contact() + ".";
        if (settings.reminderFee().signum() > 0) {
            questions += "\n\nBetalar du inte i tid skickar vi en påminnelse med en påminnelseavgift på "
                    + Kronor.format(settings.reminderFee()) + ".";
        }
        parts.add(new FeesEvents.InvoiceIssued.Part("Frågor", questions));
        return parts;
    }

    /** A due date on a weekend or holiday moves to the next banking day, when a payment can arrive. */
    static LocalDate bankingDay(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek().getValue() >= 6 || SwedishHolidays.isHoliday(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SwedishTime.ZONE));
    }

    private static Receiver receiver(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Receiver(
                rs.getObject("receiver_person_id", UUID.class),
                rs.getString("receiver_identity_number"),
                rs.getString("receiver_name"),
                rs.getString("receiver_organisation"));
    }
}
