package se.samla.booking.view;

import java.util.List;

/**
 * One facility and its times of one day, or of a week.
 *
 * @param error a message of why the last booking was refused, or null
 * @param week  the week's days when the week is shown, else empty
 * @param series the questions of the weekly series form
 */
public record ResourceDayView(
        String code,
        String name,
        String description,
        String kind,
        String address,
        String mapLink,
        int capacity,
        List<String> accessibility,
        List<Photo> photos,
        List<String> prices,
        List<String> rules,
        String day,
        String dayLabel,
        String previousDay,
        String nextDay,
        String previousWeek,
        String nextWeek,
        List<Time> times,
        List<Day> week,
        List<se.samla.web.FieldView> series,
        String actingFor,
        String error) {

    /**
     * @param start the time's start as an ISO instant, what a booking form sends
     * @param local the time's start in Swedish time, HH:mm, for the series form
     */
    public record Time(String start, String label, boolean free, String local) {}

    public record Day(String label, String date, List<Time> times) {}

    public record Photo(String url, String alt) {}
}
