package se.samla.booking.view;

import java.util.List;

/**
 * One facility and its times of one day.
 *
 * @param error a message of why the last booking was refused, or null
 */
public record ResourceDayView(
        String code,
        String name,
        String description,
        String kind,
        String address,
        int capacity,
        List<String> accessibility,
        List<String> prices,
        String day,
        String dayLabel,
        String previousDay,
        String nextDay,
        List<Time> times,
        String actingFor,
        String error) {

    /** @param start the time's start as an ISO instant, what a booking form sends */
    public record Time(String start, String label, boolean free) {}
}
