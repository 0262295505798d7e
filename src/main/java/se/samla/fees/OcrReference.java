package se.samla.fees;

import se.samla.shared.Luhn;

/**
 * A payment reference in Bankgirot's OCR form: 2 to 25 digits, the last a Luhn check digit over the others, and, when
 * the bankgiro's agreement says so, a length digit before it (the number of all digits, both added ones included,
 * modulo 10, itself part of the Luhn sum).
 */
public record OcrReference(String digits) {

    static final int MIN_DIGITS = 2;
    static final int MAX_DIGITS = 25;

    /** A reference that is not one: why, in words an administrator matching a payment by hand can act on. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String reason) {
            super(reason);
        }
    }

    public OcrReference {
        if (digits == null || !digits.matches("[0-9]+")) {
            throw new Invalid("an OCR reference is digits only");
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            throw new Invalid("an OCR reference has 2 to 25 digits, not " + digits.length());
        }
        if (Luhn.checkDigit(digits.substring(0, digits.length() - 1)) != digits.charAt(digits.length() - 1) - '0') {
            throw new Invalid("the check digit of " + digits + " is wrong");
        }
    }

    /**
     * The reference for a number of our own (an invoice number): the check digit added, and first the length digit
     * when {@code withLength}.
     */
    public static OcrReference forNumber(String base, boolean withLength) {
        if (base == null || !base.matches("[0-9]+")) {
            throw new Invalid("an OCR reference is made from digits only");
        }
        String body = withLength ? base + (base.length() + 2) % 10 : base;
        return new OcrReference(body + Luhn.checkDigit(body));
    }

    /** Whether the reference carries a length digit that agrees with its length (for a hard length check). */
    public boolean lengthDigitHolds() {
        return digits.length() >= 3 && digits.charAt(digits.length() - 2) - '0' == digits.length() % 10;
    }

    @Override
    public String toString() {
        return digits;
    }
}
