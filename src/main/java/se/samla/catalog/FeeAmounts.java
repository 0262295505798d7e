package se.samla.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * Works out a fee's amount from a case's answers. A formula is a Spring expression over the answers, evaluated where
 * it can reach no type, constructor, bean or method: arithmetic, comparisons, the conditional operator and inline
 * tables only.
 */
public final class FeeAmounts {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    /**
     * The fee cannot be worked out from these answers; the message key and its arguments say why.
     *
     * @param messageKey fee.error.answer-missing (the question's label as argument), fee.error.no-table-row, or
     *                   fee.error.formula
     */
    public static final class NotComputable extends RuntimeException {
        private final String messageKey;
        private final transient Object[] arguments;

        NotComputable(String messageKey, String detail, Object... arguments) {
            super(messageKey + ": " + detail);
            this.messageKey = messageKey;
            this.arguments = arguments;
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    private FeeAmounts() {}

    /** The fee's amount in kronor before VAT, rounded to öre; never negative. */
    public static BigDecimal amount(Fee fee, CaseTypeDefinition type, Map<String, ?> answers) {
        BigDecimal amount;
        if (fee.fixed() != null) {
            amount = fee.fixed();
        } else if (fee.table() != null) {
            Object answer = answer(type, fee.table().by(), answers);
            amount = fee.table().rows().get(answer.toString());
            if (amount == null) {
                throw new NotComputable(
                        "fee.error.no-table-row",
                        answer.toString(),
                        label(type, fee.table().by()));
            }
        } else {
            amount = formula(fee, type, answers);
        }
        if (amount.signum() < 0) {
            throw new NotComputable(
                    "fee.error.negative",
                    fee.code() + " = " + amount,
                    fee.name().sv());
        }
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** The answers a formula reads, by key, in the order it names them. */
    public static Set<String> variables(String formula) {
        Set<String> names = new LinkedHashSet<>();
        collect(((SpelExpression) PARSER.parseExpression(formula)).getAST(), names);
        return names;
    }

    /** Whether the formula can be read at all; the problem otherwise. */
    static String problemWith(String formula) {
        try {
            PARSER.parseExpression(formula);
            return null;
        } catch (ParseException e) {
            return e.getSimpleMessage();
        }
    }

    private static BigDecimal formula(Fee fee, CaseTypeDefinition type, Map<String, ?> answers) {
        Expression expression = PARSER.parseExpression(fee.formula());
        var context = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        for (String name : variables(fee.formula())) {
            Object answer = answer(type, name, answers);
            boolean number = answer instanceof Number
                    || type.field(name).map(f -> f.type() == FieldType.NUMBER).orElse(false);
            // a number as a number however it was kept, with ten decimals, so that a division in the formula is not
            // rounded to the answer's own scale (#area / 4)
            context.setVariable(name, number ? decimal(fee, answer).setScale(10) : answer);
        }
        Object value;
        try {
            value = expression.getValue(context);
        } catch (EvaluationException | ArithmeticException e) {
            throw new NotComputable(
                    "fee.error.formula", e.getMessage(), fee.name().sv());
        }
        if (!(value instanceof Number number)) {
            throw new NotComputable(
                    "fee.error.formula", "not a number: " + value, fee.name().sv());
        }
        return new BigDecimal(number.toString());
    }

    private static BigDecimal decimal(Fee fee, Object answer) {
        try {
            return new BigDecimal(answer.toString().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new NotComputable(
                    "fee.error.formula", "not a number: " + answer, fee.name().sv());
        }
    }

    private static Object answer(CaseTypeDefinition type, String key, Map<String, ?> answers) {
        Object answer = answers.get(key);
        if (answer == null || answer.toString().isBlank()) {
            throw new NotComputable("fee.error.answer-missing", key, label(type, key));
        }
        return answer;
    }

    private static String label(CaseTypeDefinition type, String key) {
        return type.field(key).map(f -> f.label().sv()).orElse(key);
    }

    private static void collect(SpelNode node, Set<String> names) {
        if (node instanceof VariableReference) {
            names.add(node.toStringAST().substring(1));
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collect(node.getChild(i), names);
        }
    }
}
