package se.samla.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import se.samla.shared.SwedishTime;

/**
 * The bookable times of one day, in real time: from the opening to the closing instant of the day in Swedish time,
 * one slot after the other. On the night summer time begins the hour that does not exist has no slot; on the night it
 * ends the hour that happens twice has two.
 */
final class Slots {

    /** A bookable time. */
    record Slot(Instant start, Instant end) {}

    private Slots() {}

    /**
     * @param hours "HH:mm-HH:mm" in local time, "24:00" being the end of the day; null or blank when closed
     */
    static List<Slot> of(LocalDate day, String hours, int slotMinutes) {
        if (hours == null || hours.isBlank()) {
            return List.of();
        }
        String[] span = hours.split("-");
        Instant open = at(day, span[0].strip());
        Instant close = at(day, span[1].strip());
        List<Slot> slots = new ArrayList<>();
        Duration length = Duration.ofMinutes(slotMinutes);
        for (Instant start = open; !start.plus(length).isAfter(close); start = start.plus(length)) {
            slots.add(new Slot(start, start.plus(length)));
        }
        return slots;
    }

    private static Instant at(LocalDate day, String time) {
        if ("24:00".equals(time)) {
            return day.plusDays(1).atStartOfDay(SwedishTime.ZONE).toInstant();
        }
        // a local time that does not exist (the skipped hour) is moved forward, as the clocks are
        return ZonedDateTime.of(day, LocalTime.parse(time), SwedishTime.ZONE).toInstant();
    }

    /** Whether an opening-hours text is well formed: "HH:mm-HH:mm", the start before the end. */
    static boolean valid(String hours) {
        if (hours == null || !hours.matches("([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)")) {
            return false;
        }
        String[] span = hours.split("-");
        return "24:00".equals(span[1]) || LocalTime.parse(span[0]).isBefore(LocalTime.parse(span[1]));
    }
}
