package se.samla.shared;

/** The mod-10 check digit used by Swedish personal, coordination and organisation numbers. */
final class Luhn {

    private Luhn() {}

    /** Check digit for the given digits (weights 2,1,2,1,... from the left). */
    static int checkDigit(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int product = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last of these ten digits is the check digit of the nine before it. */
    static boolean isValid(String tenDigits) {
        return checkDigit(tenDigits.substring(0, 9)) == tenDigits.charAt(9) - '0';
    }
}
