package se.samla.shared;

import static se.samla.shared.InvalidIdentifierException.Reason.COORDINATION_NUMBER_NOT_ALLOWED;
import static se.samla.shared.InvalidIdentifierException.Reason.NOT_A_COORDINATION_NUMBER;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A Swedish personal identity number (personnummer) or coordination number (samordningsnummer).
 * Both are written YYYYMMDD-NNNC; a coordination number has 60 added to the day. Parsing accepts the
 * 12-digit and the 10-digit forms (where '+' marks a person aged 100 or more) and checks the date,
 * that it is not in the future, and the check digit.
 */
public sealed interface PersonIdentifier extends Serializable permits PersonalIdentityNumber, CoordinationNumber {

    /** The twelve digits, YYYYMMDDNNNC. */
    String digits();

    /** The date of birth (for a coordination number: the date it names, day less 60). */
    default LocalDate birthDate() {
        int day = Integer.parseInt(digits().substring(6, 8));
        return LocalDate.of(
                Integer.parseInt(digits().substring(0, 4)),
                Integer.parseInt(digits().substring(4, 6)),
                this instanceof CoordinationNumber ? day - 60 : day);
    }

    /** YYYYMMDD-NNNC, the form people read and write. */
    default String formatted() {
        return digits().substring(0, 8) + "-" + digits().substring(8);
    }

    /** For screens where the whole number need not be shown: YYYYMMDD-XXXX. */
    default String masked() {
        return digits().substring(0, 8) + "-XXXX";
    }

    /** Parses either kind. */
    static PersonIdentifier parse(String text) {
        return parse(text, Clock.system(SwedishTime.ZONE));
    }

    static PersonIdentifier parse(String text, Clock clock) {
        String digits = PersonIdentifierParser.twelveDigits(text, clock);
        int day = Integer.parseInt(digits.substring(6, 8));
        return day > 60 ? new CoordinationNumber(digits) : new PersonalIdentityNumber(digits);
    }

    static PersonalIdentityNumber requirePersonal(PersonIdentifier id) {
        if (id instanceof PersonalIdentityNumber p) {
            return p;
        }
        throw new InvalidIdentifierException(COORDINATION_NUMBER_NOT_ALLOWED, "a coordination number was given");
    }

    static CoordinationNumber requireCoordination(PersonIdentifier id) {
        if (id instanceof CoordinationNumber c) {
            return c;
        }
        throw new InvalidIdentifierException(NOT_A_COORDINATION_NUMBER, "the day is not above 60");
    }
}
