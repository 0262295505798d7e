package se.samla.booking.view;

import java.util.List;

/** Bookings waiting for staff's approval, and the resource feeds staff may make. */
public record PendingBookingsView(
        List<Item> pending, List<Resource> resources, String feedUrl, String notice, String error) {

    /** @param series how many weeks the decision covers (1 for a single booking) */
    public record Item(
            String id, String resource, String when, String booker, String forWhom, String price, int series) {}

    public record Resource(String code, String name, boolean hasFeed) {}
}
