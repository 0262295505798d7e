package se.samla.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SwedishHolidaysTest {

    @Test
    void theHolidaysOf2026AreWhereTheAlmanacHasThem() {
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 1, 6))).isTrue(); // trettondedag jul
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 4, 4))).isTrue(); // påskafton
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 5, 24))).isTrue(); // pingstdagen
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 6, 20))).isTrue(); // midsommardagen
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 10, 31))).isTrue(); // alla helgons dag
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 11, 7))).isFalse();
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 12, 24))).isTrue(); // julafton
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2026, 12, 23))).isFalse();
        assertThat(SwedishHolidays.isHoliday(LocalDate.of(2027, 11, 6))).isTrue(); // alla helgons dag 2027
    }
}
