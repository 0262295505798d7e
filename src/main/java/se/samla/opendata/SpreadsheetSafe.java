package se.samla.opendata;

import java.util.regex.Pattern;

/**
 * A CSV cell as a spreadsheet shows it and never runs it. A text that starts like a formula (=, +, -, @, a tab
 * or a carriage return) gets a leading apostrophe, as OWASP advises for CSV injection; a plain number such as
 * -12,5 stays as it is.
 */
final class SpreadsheetSafe {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+([.,]\\d+)?");

    private SpreadsheetSafe() {}

    static Object cell(Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return value;
        }
        char first = text.charAt(0);
        boolean formulaLike = first == '='
                || first == '@'
                || first == '\t'
                || first == '\r'
                || ((first == '+' || first == '-')
                        && !PLAIN_NUMBER.matcher(text).matches());
        return formulaLike ? "'" + text : text;
    }
}
