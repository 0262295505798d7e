package se.samla.booking.view;

import java.util.List;

/**
 * The times a unit's officers offer, for a resident to book one about a case or a conversation.
 *
 * @param subjectParameter "arende" or "trad": what the form sends the subject as
 */
public record MeetingTimesView(
        String subjectParameter, String subjectId, String reference, List<Time> times, String error) {

    public record Time(String id, String when, String how, String officer) {}
}
