package se.samla.messaging;

import java.time.DayOfWeek;
import java.time.LocalDate;
import se.samla.shared.SwedishHolidays;

/**
 * Swedish working days, for deadlines: a period that ends on a Saturday, a Sunday, a public holiday, Midsummer Eve,
 * Christmas Eve or New Year's Eve ends on the next working day instead (lag (1930:173) om beräkning av lagstadgad
 * tid); a paper letter is counted in working days too.
 */
final class SwedishWorkingDays {

    private SwedishWorkingDays() {}

    static boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY
                && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !SwedishHolidays.isHoliday(day);
    }

    /** The first working day on or after {@code day}. */
    static LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The working day {@code count} working days after {@code day}. */
    static LocalDate after(LocalDate day, int count) {
        LocalDate d = day;
        for (int i = 0; i < count; i++) {
            d = onOrAfter(d.plusDays(1));
        }
        return d;
    }

    /**
     * The last day to appeal a decision received on {@code received}: three weeks later (förvaltningslagen 44 §),
     * moved to the next working day when that is not one.
     */
    static LocalDate appealDeadline(LocalDate received) {
        return onOrAfter(received.plusWeeks(3));
    }
}
