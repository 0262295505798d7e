package se.samla.fees;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import se.samla.catalog.CaseType;

/**
 * What a case owes at one moment of its life, to be charged by its case type's fees.
 *
 * @param result      the decision's result (null at submission)
 * @param adjustments the case officer's own amounts, by fee code, each with its reason
 * @param by          who decided, for the audit trail
 */
public record ChargeOrder(
        UUID caseId,
        String reference,
        CaseType caseType,
        Map<String, ?> answers,
        Receiver receiver,
        String result,
        Map<String, Adjustment> adjustments,
        String by) {

    public ChargeOrder {
        answers = Map.copyOf(answers);
        adjustments = adjustments == null ? Map.of() : Map.copyOf(adjustments);
    }

    /** An amount the case officer set instead of the taxa's, and why. */
    public record Adjustment(BigDecimal amount, String reason) {}
}
