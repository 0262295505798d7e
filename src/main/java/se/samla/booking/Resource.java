package se.samla.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.samla.shared.LocalizedText;
import se.samla.shared.SwedishHolidays;

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
 * @param exceptions     days whose hours differ from the week's: "HH:mm-HH:mm", or "closed"
 * @param closedOnHolidays whether it is closed on Swedish public holidays and the eves (unless an exception opens it)
 * @param approval       whether a booking waits for staff of its unit to approve it
 * @param doors          the doors a booking of it opens, by the lock controllers' names
 * @param accessMarginMinutes how long before and after the booked time the doors open for the booker
 * @param unmannedHours  per weekday, when a borrower with standing access may come in without staff
 * @param releaseAfterMinutes a booking whose door is not opened this long after its start is released; 0 never
 * @param offerHours     how long one offered a freed time from the waiting list has to take it
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
        Map<BookerCategory, Integer> prices,
        List<Photo> photos,
        Map<LocalDate, String> exceptions,
        boolean closedOnHolidays,
        boolean approval,
        List<String> doors,
        int accessMarginMinutes,
        Map<DayOfWeek, String> unmannedHours,
        int releaseAfterMinutes,
        int offerHours) {

    public Resource {
        accessibility = accessibility == null ? List.of() : List.copyOf(accessibility);
        parts = parts == null ? List.of() : List.copyOf(parts);
        openingHours = openingHours == null ? Map.of() : Map.copyOf(openingHours);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        photos = photos == null ? List.of() : List.copyOf(photos);
        exceptions = exceptions == null ? Map.of() : Map.copyOf(exceptions);
        doors = doors == null ? List.of() : List.copyOf(doors);
        unmannedHours = unmannedHours == null ? Map.of() : Map.copyOf(unmannedHours);
        offerHours = offerHours <= 0 ? 24 : offerHours;
    }

    /** The opening hours of one day, "HH:mm-HH:mm", or null when it is closed that day. */
    public String hoursOn(LocalDate day) {
        String exception = exceptions.get(day);
        if (exception != null) {
            return "closed".equalsIgnoreCase(exception.strip()) ? null : exception;
        }
        if (closedOnHolidays && SwedishHolidays.isHoliday(day)) {
            return null;
        }
        return openingHours.get(day.getDayOfWeek());
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

    /** A photo of it, with the text that says what it shows to those who cannot see it. */
    public record Photo(String url, LocalizedText alt) {}

    /** Where it is: an address to read and a position for a map. */
    public record Place(String address, Double latitude, Double longitude) {}
}
