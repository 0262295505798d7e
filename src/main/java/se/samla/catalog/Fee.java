package se.samla.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import se.samla.shared.LocalizedText;

/**
 * A fee a case type's cases are charged, as the municipality's taxa sets it: a fixed amount, an amount looked up in
 * a table by one answer, or a formula over the answers. Amounts are in kronor before VAT.
 *
 * @param code    the fee's name in the case type, e.g. bygglovsavgift
 * @param charged when it is charged
 * @param results with {@link Charged#AT_DECISION} and {@link Charged#MONTHLY}: the results that charge it (a
 *                monthly fee starts with the decision); empty: every decision
 * @param fixed   the amount, when it is the same for every case
 * @param table   the amount by one answer
 * @param formula the amount computed from the answers, each named {@code #key} (numbers as numbers, choices as their
 *                value, yes/no as 'ja' or 'nej'); e.g. {@code 2000 + 45 * #area}
 * @param vat     the VAT rate in per cent: 0 (an authority's fee, the default), 6, 12 or 25
 * @param account the revenue account the fee is booked to in the accounting export
 * @param months  for {@link Charged#MONTHLY}: how many months it runs, or null until it is ended
 */
public record Fee(
        String code,
        LocalizedText name,
        Charged charged,
        List<String> results,
        BigDecimal fixed,
        Table table,
        String formula,
        Integer vat,
        String account,
        Integer months) {

    public Fee {
        results = results == null ? List.of() : List.copyOf(results);
        vat = vat == null ? 0 : vat;
    }

    public enum Charged {
        /** When the case is submitted. */
        AT_SUBMISSION,
        /** With the decision. */
        AT_DECISION,
        /** Every month from the month after the decision. */
        MONTHLY
    }

    /**
     * The amount by the answer to one question.
     *
     * @param by   the key of a choice or yes/no question
     * @param rows the amount for each answer; an answer without a row cannot be charged
     */
    public record Table(String by, Map<String, BigDecimal> rows) {

        public Table {
            rows = rows == null ? Map.of() : Map.copyOf(rows);
        }
    }

    /** Whether a case that ends with {@code result} is charged this fee when decided. */
    public boolean chargedFor(String result) {
        return results.isEmpty() || results.contains(result);
    }
}
