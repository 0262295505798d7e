package se.samla.booking.view;

import java.util.List;

/**
 * The list of bookable facilities, for a day and a kind.
 *
 * @param day   the day searched, yyyy-MM-dd
 * @param kind  the kind searched, or "" for every kind
 */
public record ResourcesView(String day, String kind, List<Kind> kinds, List<Item> resources) {

    public record Kind(String value, String label, boolean chosen) {}

    /** @param freeThatDay whether it has a free time on the day searched */
    public record Item(String code, String name, String kind, String address, int capacity, boolean freeThatDay) {}
}
