package se.samla.fees;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Fee;
import se.samla.catalog.FeeAmounts;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * Charges a case its case type's fees: at submission, and with the decision (a monthly fee starts then). The charge
 * is written in the caller's transaction: a decision and the fee it carries are one act of the authority, so neither
 * stands without the other, and a fee that cannot be worked out stops the decision. Its invoice follows after the
 * commit.
 */
@Service
public class Charges {

    /**
     * A fee as the case officer sees it before deciding.
     *
     * @param amount      the taxa's amount, or null when the answers cannot give it
     * @param problem     why not, in Swedish, or null
     * @param results     the results that charge it; empty: every decision
     */
    public record Assessed(
            String code,
            String name,
            Fee.Charged charged,
            BigDecimal amount,
            int vatRate,
            Integer months,
            List<String> results,
            String problemKey,
            List<Object> problemArguments) {}

    static final int MAX_REASON = 500;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Charges(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The fees a decision would charge, worked out from the answers: what the officer sees before deciding. */
    public List<Assessed> preview(CaseTypeDefinition type, Map<String, ?> answers) {
        List<Assessed> assessed = new ArrayList<>();
        for (Fee fee : type.fees()) {
            if (fee.charged() == Fee.Charged.AT_SUBMISSION) {
                continue;
            }
            try {
                assessed.add(new Assessed(
                        fee.code(),
                        fee.name().sv(),
                        fee.charged(),
                        FeeAmounts.amount(fee, type, answers),
                        fee.vat(),
                        fee.months(),
                        fee.results(),
                        null,
                        List.of()));
            } catch (FeeAmounts.NotComputable e) {
                assessed.add(new Assessed(
                        fee.code(),
                        fee.name().sv(),
                        fee.charged(),
                        null,
                        fee.vat(),
                        fee.months(),
                        fee.results(),
                        e.messageKey(),
                        List.of(e.arguments())));
            }
        }
        return assessed;
    }

    /** The fees already charged to a case, for its page. */
    @Transactional(readOnly = true)
    public List<Charged> of(UUID caseId) {
        return jdbc.sql("""
                SELECT fee_name, charged, amount, computed_amount, adjustment_reason, vat_rate, ended_on, fee_code
                FROM fees.charge WHERE tenant_id = :tenant AND case_id = :c ORDER BY created_at, fee_code
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Charged(
                        rs.getString(1),
                        Fee.Charged.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getObject(7, LocalDate.class),
                        rs.getString(8)))
                .list();
    }

    /** A fee charged to a case: the amount, and where the officer changed it, the taxa's amount and why. */
    public record Charged(
            String name,
            Fee.Charged charged,
            BigDecimal amount,
            BigDecimal computedAmount,
            String adjustmentReason,
            int vatRate,
            LocalDate endedOn,
            String code) {

        /** A monthly fee that still runs, which staff may end. */
        public boolean running() {
            return charged == Fee.Charged.MONTHLY && endedOn == null;
        }
    }

    /**
     * Ends a case's running monthly fee (the alarm was returned): the month it is ended in is the last invoiced.
     *
     * @return whether a running fee was ended
     */
    @Transactional
    public boolean end(UUID caseId, String feeCode, String by) {
        LocalDate lastDay = LocalDate.now(clock.withZone(SwedishTime.ZONE))
                .withDayOfMonth(1)
                .plusMonths(1)
                .minusDays(1);
        int ended = jdbc.sql("""
                UPDATE fees.charge SET ended_on = :last
                WHERE tenant_id = :tenant AND case_id = :c AND fee_code = :code AND charged = 'MONTHLY' AND ended_on IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("last", lastDay)
                .param("c", caseId)
                .param("code", feeCode)
                .update();
        if (ended > 0) {
            audit.record(new AuditRecord(
                    Actor.of(by),
                    "FEE_ENDED",
                    "case",
                    caseId.toString(),
                    Map.of("fee", feeCode, "lastDay", lastDay.toString())));
        }
        return ended > 0;
    }

    /**
     * Charges the fees due at submission. Their amounts read only required answers, so they are known; one that
     * still cannot be worked out refuses the submission.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void atSubmission(ChargeOrder order) {
        charge(order, Fee.Charged.AT_SUBMISSION);
    }

    /**
     * Charges the fees the decision's result carries, with the officer's adjustments. A fee that cannot be worked out
     * from the answers and has no amount set by the officer refuses the decision, and nothing is charged.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void atDecision(ChargeOrder order) {
        charge(order, Fee.Charged.AT_DECISION);
    }

    private void charge(ChargeOrder order, Fee.Charged moment) {
        CaseTypeDefinition type = order.caseType().definition();
        for (String code : order.adjustments().keySet()) {
            if (type.fees().stream().noneMatch(f -> f.code().equals(code))) {
                throw new FeeRefused("fee.error.unknown-fee", code);
            }
        }
        Map<Fee, ChargeOrder.Adjustment> due = new LinkedHashMap<>();
        Map<Fee, BigDecimal> computed = new LinkedHashMap<>();
        for (Fee fee : type.fees()) {
            boolean now = moment == Fee.Charged.AT_SUBMISSION
                    ? fee.charged() == Fee.Charged.AT_SUBMISSION
                    : fee.charged() != Fee.Charged.AT_SUBMISSION && fee.chargedFor(order.result());
            if (!now) {
                continue;
            }
            var adjustment = order.adjustments().get(fee.code());
            BigDecimal amount = null;
            try {
                amount = FeeAmounts.amount(fee, type, order.answers());
            } catch (FeeAmounts.NotComputable e) {
                if (adjustment == null) {
                    var arguments = new ArrayList<Object>(List.of(e.arguments()));
                    throw new FeeRefused(e.messageKey(), arguments.toArray());
                }
            }
            if (adjustment != null) {
                check(fee, adjustment);
                if (amount != null && adjustment.amount().compareTo(amount) == 0) {
                    adjustment = null;
                }
            }
            computed.put(fee, amount);
            due.put(fee, adjustment);
        }
        boolean invoiceNow = false;
        for (var entry : due.entrySet()) {
            Fee fee = entry.getKey();
            var adjustment = entry.getValue();
            BigDecimal amount =
                    adjustment == null ? computed.get(fee) : adjustment.amount().setScale(2);
            invoiceNow |= insert(order, fee, computed.get(fee), amount, adjustment);
        }
        if (invoiceNow) {
            events.publishEvent(new FeesEvents.Charged(CurrentTenant.require(), order.caseId()));
        }
    }

    private static void check(Fee fee, ChargeOrder.Adjustment adjustment) {
        if (adjustment.amount() == null
                || adjustment.amount().signum() < 0
                || adjustment.amount().scale() > 2
                || adjustment.amount().compareTo(MAX_AMOUNT) > 0) {
            throw new FeeRefused("fee.error.adjusted-amount", fee.name().sv());
        }
        if (adjustment.reason() == null
                || adjustment.reason().isBlank()
                || adjustment.reason().length() > MAX_REASON) {
            throw new FeeRefused("fee.error.adjustment-reason", fee.name().sv());
        }
    }

    /** @return whether the charge is new and due for an invoice now */
    private boolean insert(
            ChargeOrder order, Fee fee, BigDecimal computed, BigDecimal amount, ChargeOrder.Adjustment adjustment) {
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock.withZone(SwedishTime.ZONE));
        boolean monthly = fee.charged() == Fee.Charged.MONTHLY;
        int inserted = jdbc.sql("""
                INSERT INTO fees.charge (id, tenant_id, case_id, case_reference, case_type, fee_code, fee_name, charged,
                    computed_amount, amount, adjustment_reason, adjusted_by, vat_rate, account, receiver_person_id,
                    receiver_identity_number, receiver_name, receiver_organisation, next_period, months_left,
                    created_at)
                VALUES (:id, :t, :c, :ref, :type, :code, :name, :charged, :computed, :amount, :reason, :by, :vat,
                    :account, :person, :pin, :receiver, :org, :next, :months, :at)
                ON CONFLICT (tenant_id, case_id, fee_code, charged) DO NOTHING
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("c", order.caseId())
                .param("ref", order.reference())
                .param("type", order.caseType().code())
                .param("code", fee.code())
                .param("name", fee.name().sv())
                .param("charged", fee.charged().name())
                .param("computed", computed)
                .param("amount", amount)
                .param("reason", adjustment == null ? null : adjustment.reason().strip())
                .param("by", adjustment == null ? null : order.by())
                .param("vat", fee.vat())
                .param("account", fee.account())
                .param("person", order.receiver().personId())
                .param("pin", order.receiver().identityNumber())
                .param("receiver", order.receiver().name())
                .param("org", order.receiver().organisationNumber())
                .param("next", monthly ? today.withDayOfMonth(1).plusMonths(1) : null)
                .param("months", monthly ? fee.months() : null)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return false;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fee", fee.code());
        details.put("amount", amount.toPlainString());
        if (adjustment != null) {
            details.put("computed", computed == null ? "" : computed.toPlainString());
            details.put("reason", adjustment.reason().strip());
        }
        audit.record(new AuditRecord(
                Actor.of(order.by()),
                adjustment == null ? "FEE_CHARGED" : "FEE_ADJUSTED",
                "case",
                order.caseId().toString(),
                details));
        return !monthly && amount.signum() > 0;
    }
}
