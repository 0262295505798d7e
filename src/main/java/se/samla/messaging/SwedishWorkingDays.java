package se.samla.messaging;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * Swedish working days, for deadlines: a period that ends on a Saturday, a Sunday, a public holiday, Midsummer Eve,
 * Christmas Eve or New Year's Eve ends on the next working day instead (lag (1930:173) om beräkning av lagstadgad
 * tid); a paper letter is counted in working days too.
 */
final class SwedishWorkingDays {

    private static final Set<MonthDay> FIXED = Set.of(
            MonthDay.of(1, 1), // nyårsdagen
            MonthDay.of(1, 6), // trettondedag jul
            MonthDay.of(5, 1), // första maj
            MonthDay.of(6, 6), // nationaldagen
            MonthDay.of(12, 24), // julafton
            MonthDay.of(12, 25), // juldagen
            MonthDay.of(12, 26), // annandag jul
            MonthDay.of(12, 31)); // nyårsafton

    private SwedishWorkingDays() {}

    static boolean isWorkingDay(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if (FIXED.contains(MonthDay.from(day))) {
            return false;
        }
        LocalDate easter = easterSunday(day.getYear());
        if (day.equals(easter.minusDays(2)) // långfredagen
                || day.equals(easter.plusDays(1)) // annandag påsk
                || day.equals(easter.plusDays(39))) { // Kristi himmelsfärdsdag
            return false;
        }
        // midsommarafton: the Friday between 19 and 25 June
        LocalDate midsummerEve =
                LocalDate.of(day.getYear(), 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        return !day.equals(midsummerEve);
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

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, dayOfMonth);
    }
}
