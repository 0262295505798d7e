package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.shared.SwedishTime;

/** A day's bookable times follow the clocks in Sweden, also on the two nights a year they change. */
class SlotsTest {

    static List<String> labels(List<Slots.Slot> slots) {
        var format = DateTimeFormatter.ofPattern("HH:mmxxx");
        return slots.stream()
                .map(s -> format.format(s.start().atZone(SwedishTime.ZONE)))
                .toList();
    }

    @Test
    void anOrdinaryDayHasItsOpeningHoursInWholeSlots() {
        var slots = Slots.of(LocalDate.of(2026, 12, 7), "07:00-10:00", 60);

        assertThat(labels(slots)).containsExactly("07:00+01:00", "08:00+01:00", "09:00+01:00");
        assertThat(Slots.of(LocalDate.of(2026, 12, 7), "07:00-09:30", 60)).hasSize(2);
        assertThat(Slots.of(LocalDate.of(2026, 12, 7), null, 60)).isEmpty();
    }

    @Test
    void theNightSummerTimeBeginsHasNoTimeInTheHourThatDoesNotExist() {
        // 2027-03-28: at 02:00 the clocks go forward to 03:00
        var slots = Slots.of(LocalDate.of(2027, 3, 28), "00:00-06:00", 60);

        assertThat(labels(slots))
                .containsExactly("00:00+01:00", "01:00+01:00", "03:00+02:00", "04:00+02:00", "05:00+02:00");
        assertThat(slots).allMatch(s -> Duration.between(s.start(), s.end()).equals(Duration.ofHours(1)));
    }

    @Test
    void theNightSummerTimeEndsHasTwoTimesInTheHourThatComesTwice() {
        // 2026-10-25: at 03:00 the clocks go back to 02:00
        var slots = Slots.of(LocalDate.of(2026, 10, 25), "00:00-06:00", 60);

        assertThat(labels(slots))
                .containsExactly(
                        "00:00+02:00",
                        "01:00+02:00",
                        "02:00+02:00",
                        "02:00+01:00",
                        "03:00+01:00",
                        "04:00+01:00",
                        "05:00+01:00");
        // a day open around the clock has 25 hours then, and 23 in March
        assertThat(Slots.of(LocalDate.of(2026, 10, 25), "00:00-24:00", 60)).hasSize(25);
        assertThat(Slots.of(LocalDate.of(2027, 3, 28), "00:00-24:00", 60)).hasSize(23);
    }

    @Test
    void openingHoursAreReadOnlyWhenWellFormed() {
        assertThat(Slots.valid("07:00-22:00")).isTrue();
        assertThat(Slots.valid("00:00-24:00")).isTrue();
        assertThat(Slots.valid("22:00-07:00")).isFalse();
        assertThat(Slots.valid("7-22")).isFalse();
        assertThat(Slots.valid("07:00-25:00")).isFalse();
        assertThat(Slots.valid(null)).isFalse();
    }
}
