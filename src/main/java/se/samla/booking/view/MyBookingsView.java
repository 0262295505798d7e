package se.samla.booking.view;

import java.util.List;

/** The resident's coming bookings. */
public record MyBookingsView(List<Item> bookings, String notice) {

    /** @param forWhom the organisation booked for, or null */
    public record Item(String id, String resource, String when, String forWhom, String price, boolean cancelled) {}
}
