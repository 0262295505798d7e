package se.samla.shared;

import static se.samla.shared.InvalidIdentifierException.Reason.EMPTY;
import static se.samla.shared.InvalidIdentifierException.Reason.FUTURE_DATE;
import static se.samla.shared.InvalidIdentifierException.Reason.IMPOSSIBLE_DATE;
import static se.samla.shared.InvalidIdentifierException.Reason.WRONG_CHECK_DIGIT;
import static se.samla.shared.InvalidIdentifierException.Reason.WRONG_FORMAT;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the written forms of personal and coordination numbers into their twelve checked digits. */
final class PersonIdentifierParser {

    private static final Pattern FORM = Pattern.compile("(\\d{2})?(\\d{2})(\\d{2})(\\d{2})([-+]?)(\\d{4})");

    private PersonIdentifierParser() {}

    static String twelveDigits(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException(EMPTY, "no number given");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidIdentifierException(WRONG_FORMAT, "expected YYYYMMDD-NNNN or YYMMDD-NNNN");
        }
        LocalDate today = LocalDate.now(clock);
        int yy = Integer.parseInt(m.group(2));
        int year;
        if (m.group(1) != null) {
            if ("+".equals(m.group(5))) {
                throw new InvalidIdentifierException(WRONG_FORMAT, "'+' belongs only to the 10-digit form");
            }
            year = Integer.parseInt(m.group(1)) * 100 + yy;
        } else {
            year = today.getYear() - Math.floorMod(today.getYear() - yy, 100);
            if ("+".equals(m.group(5))) {
                year -= 100;
            }
        }
        int month = Integer.parseInt(m.group(3));
        int dayField = Integer.parseInt(m.group(4));
        int day = dayField > 60 ? dayField - 60 : dayField;
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new InvalidIdentifierException(IMPOSSIBLE_DATE, "no such date");
        }
        if (m.group(1) == null && date.isAfter(today)) {
            // 10-digit form: the century rule can put a birthday later this year in the future
            date = date.minusYears(100);
            year -= 100;
        }
        if (date.isAfter(today)) {
            throw new InvalidIdentifierException(FUTURE_DATE, "the date has not happened yet");
        }
        String tenDigits = m.group(2) + m.group(3) + m.group(4) + m.group(6);
        if (!Luhn.isValid(tenDigits)) {
            throw new InvalidIdentifierException(WRONG_CHECK_DIGIT, "the last digit does not match");
        }
        return String.format("%04d", year) + tenDigits.substring(2);
    }
}
