package se.samla.shared;

import static se.samla.shared.InvalidIdentifierException.Reason.EMPTY;
import static se.samla.shared.InvalidIdentifierException.Reason.NOT_AN_ORGANISATION_NUMBER;
import static se.samla.shared.InvalidIdentifierException.Reason.WRONG_CHECK_DIGIT;
import static se.samla.shared.InvalidIdentifierException.Reason.WRONG_FORMAT;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Swedish organisationsnummer: ten digits NNNNNN-NNNC, third digit 2 or more (which sets it apart from a
 * personnummer), Luhn check digit. The twelve-digit form with the prefix 16 is accepted too.
 */
public record OrganisationNumber(String digits) implements Serializable {

    private static final Pattern FORM = Pattern.compile("(?:16)?(\\d{6})-?(\\d{4})");

    public OrganisationNumber {
        if (digits == null || !digits.matches("\\d{10}")) {
            throw new IllegalArgumentException("use OrganisationNumber.parse for unchecked input");
        }
    }

    public static OrganisationNumber parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException(EMPTY, "no number given");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidIdentifierException(WRONG_FORMAT, "expected NNNNNN-NNNN");
        }
        String digits = m.group(1) + m.group(2);
        if (digits.charAt(2) < '2') {
            throw new InvalidIdentifierException(NOT_AN_ORGANISATION_NUMBER, "the third digit must be 2 or more");
        }
        if (!Luhn.isValid(digits)) {
            throw new InvalidIdentifierException(WRONG_CHECK_DIGIT, "the last digit does not match");
        }
        return new OrganisationNumber(digits);
    }

    /** NNNNNN-NNNN. */
    public String formatted() {
        return digits.substring(0, 6) + "-" + digits.substring(6);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
