package se.samla.booking.view;

import java.util.List;

/**
 * A weekly series before it is booked: every week with whether it can be had, for the booker to confirm.
 *
 * @param weekday, start, from, to what was asked, to be sent again with the confirmation
 */
public record SeriesView(
        String code,
        String name,
        String weekday,
        String start,
        String from,
        String to,
        String summary,
        List<Week> weeks,
        int bookable,
        boolean approval,
        String actingFor,
        String error) {

    /** @param problem why the week cannot be booked, or null */
    public record Week(String when, String problem) {}
}
