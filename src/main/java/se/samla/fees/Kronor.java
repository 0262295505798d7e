package se.samla.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts in Swedish kronor as people read and write them: "14 000,00 kr". */
public final class Kronor {

    private Kronor() {}

    /** With a space between thousands and a decimal comma, e.g. 14 000,00 kr. */
    public static String format(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
        String plain = rounded.abs().toPlainString();
        String whole = plain.substring(0, plain.indexOf('.'));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('\u00a0');
            }
            grouped.append(whole.charAt(i));
        }
        return (rounded.signum() < 0 ? "\u2212" : "") + grouped + "," + plain.substring(plain.indexOf('.') + 1)
                + "\u00a0kr";
    }

    /**
     * An amount as a person typed it: digits with an optional decimal comma or point and spaces between thousands;
     * null when it is none, or has more than two decimals.
     */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String plain = text.replaceAll("[\\s\u00a0]", "")
                .replaceFirst("(?i)(kr|sek|:-)$", "")
                .replace(',', '.');
        if (!plain.matches("[0-9]{1,10}(\\.[0-9]{1,2})?")) {
            return null;
        }
        return new BigDecimal(plain).setScale(2, RoundingMode.UNNECESSARY);
    }
}
