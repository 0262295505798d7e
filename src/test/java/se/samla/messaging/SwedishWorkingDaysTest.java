package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SwedishWorkingDaysTest {

    @Test
    void easterFallsWhereTheAlmanacSays() {
        assertThat(se.samla.shared.SwedishHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(se.samla.shared.SwedishHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(se.samla.shared.SwedishHolidays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
    }

    @Test
    void weekendsHolidaysAndTheEvesAreNotWorkingDays() {
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 12, 1))).isTrue(); // a Tuesday
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 12, 5))).isFalse(); // Saturday
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 12, 24))).isFalse(); // julafton
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 4, 3))).isFalse(); // långfredagen
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 4, 6))).isFalse(); // annandag påsk
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 5, 14))).isFalse(); // Kristi himmelsfärd
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 6, 19))).isFalse(); // midsommarafton
        assertThat(SwedishWorkingDays.isWorkingDay(LocalDate.of(2026, 6, 18))).isTrue();
    }

    @Test
    void anAppealPeriodEndingOnAHolidayRunsToTheNextWorkingDay() {
        // received 3 December 2026: three weeks later is julafton, then juldagen, annandag jul and a Sunday
        assertThat(SwedishWorkingDays.appealDeadline(LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(2026, 12, 28));
        // an ordinary Tuesday stays a Tuesday
        assertThat(SwedishWorkingDays.appealDeadline(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 22));
    }

    @Test
    void paperIsCountedInWorkingDays() {
        // posted on a Friday: two working days later is the Tuesday
        assertThat(SwedishWorkingDays.after(LocalDate.of(2026, 12, 4), 2)).isEqualTo(LocalDate.of(2026, 12, 8));
    }
}
