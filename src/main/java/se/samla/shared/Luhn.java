package se.samla.shared;

/**
 * The mod-10 (Luhn) check digit: of Swedish personal, coordination and organisation numbers, and of Bankgirot's OCR
 * references.
 */
public final class Luhn {

    private Luhn() {}

    /** Check digit for the given digits: weights 2, 1, 2, 1, ... from the right, the digits of each product summed. */
    public static int checkDigit(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int fromRight = digits.length() - 1 - i;
            int product = (digits.charAt(i) - '0') * (fromRight % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last of these ten digits is the check digit of the nine before it. */
    static boolean isValid(String tenDigits) {
        return checkDigit(tenDigits.substring(0, 9)) == tenDigits.charAt(9) - '0';
    }
}
