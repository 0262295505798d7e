package se.samla.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * Swedish public holidays (lag (1989:253) om allmänna helgdagar) and the eves that are treated as holidays (Midsummer
 * Eve, Christmas Eve, New Year's Eve): when a deadline moves on and when a facility that closes on holidays is closed.
 */
public final class SwedishHolidays {

    private static final Set<MonthDay> FIXED = Set.of(
            MonthDay.of(1, 1), // nyårsdagen
            MonthDay.of(1, 6), // trettondedag jul
            MonthDay.of(5, 1), // första maj
            MonthDay.of(6, 6), // nationaldagen
            MonthDay.of(12, 24), // julafton
            MonthDay.of(12, 25), // juldagen
            MonthDay.of(12, 26), // annandag jul
            MonthDay.of(12, 31)); // nyårsafton

    private SwedishHolidays() {}

    public static boolean isHoliday(LocalDate day) {
        if (FIXED.contains(MonthDay.from(day))) {
            return true;
        }
        LocalDate easter = easterSunday(day.getYear());
        if (day.equals(easter.minusDays(2)) // långfredagen
                || day.equals(easter.minusDays(1)) // påskafton
                || day.equals(easter) // påskdagen
                || day.equals(easter.plusDays(1)) // annandag påsk
                || day.equals(easter.plusDays(39)) // Kristi himmelsfärdsdag
                || day.equals(easter.plusDays(49))) { // pingstdagen
            return true;
        }
        // midsommarafton is the Friday between 19 and 25 June, midsommardagen the Saturday after it
        LocalDate midsummerEve =
                LocalDate.of(day.getYear(), 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        if (day.equals(midsummerEve) || day.equals(midsummerEve.plusDays(1))) {
            return true;
        }
        // alla helgons dag: the Saturday between 31 October and 6 November
        return day.equals(LocalDate.of(day.getYear(), 10, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
    public static LocalDate easterSunday(int year) {
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
