package se.samla.booking;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import se.samla.shared.LocalizedText;

/**
 * A bookable facility, as written in config/tenants/{slug}/resources.yml.
 *
 * @param parts          the resources it consists of, booked with it (a hall's halves); empty for one that is whole
 * @param openingHours   per weekday, local time "HH:mm-HH:mm" ("24:00" is midnight at the end of the day)
 * @param slotMinutes    the length of a bookable time
 * @param minNoticeHours how long before its start a time may be booked at the latest
 * @param horizonDays    how far ahead a time may be booked
 * @param maxHoursPerWeek how many hours one booker may have of it in a week (Monday to Sunday)
 * @param prices         SEK per hour by who books: RESIDENT, ASSOCIATION, COMPANY
 */
public record Resource(
        String code,
        LocalizedText name,
        LocalizedText description,
        Kind kind,
        String unit,
        Place place,
        int capacity,
        List<LocalizedText> accessibility,
        List<String> parts,
        Map<DayOfWeek, String> openingHours,
        int slotMinutes,
        int minNoticeHours,
        int horizonDays,
        int maxHoursPerWeek,
        Map<BookerCategory, Integer> prices) {

    public Resource {
        accessibility = accessibility == null ? List.of() : List.copyOf(accessibility);
        parts = parts == null ? List.of() : List.copyOf(parts);
        openingHours = openingHours == null ? Map.of() : Map.copyOf(openingHours);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    public enum Kind {
        HALL,
        ROOM,
        STUDY_ROOM
    }

    /** Who books, for the price: a resident for themselves, an association or a company. */
    public enum BookerCategory {
        RESIDENT,
        ASSOCIATION,
        COMPANY
    }

    /** Where it is: an address to read and a position for a map. */
    public record Place(String address, Double latitude, Double longitude) {}
}
