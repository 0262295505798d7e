package se.samla.booking.view;

import java.util.List;

/**
 * The list of bookable facilities, for a day, a time of day, a kind and a place.
 *
 * @param day   the day searched, yyyy-MM-dd
 * @param kind  the kind searched, or "" for every kind
 * @param from  the earliest start searched, HH:mm, or ""
 * @param to    the latest start searched, HH:mm, or ""
 * @param place words of the name or address searched, or ""
 */
public record ResourcesView(
        String day, String kind, String from, String to, String place, List<Kind> kinds, List<Item> resources) {

    public record Kind(String value, String label, boolean chosen) {}

    /** @param freeThatDay whether it has a free time on the day (and in the hours) searched */
    public record Item(
            String code,
            String name,
            String kind,
            String address,
            int capacity,
            boolean freeThatDay,
            Double latitude,
            Double longitude) {}
}
