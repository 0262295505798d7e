package se.samla.booking.view;

import java.util.List;
import se.samla.web.FieldView;

/**
 * An officer's meeting times and the form to offer more.
 *
 * @param fields the form's questions, with what was entered and what is wrong
 */
public record StaffMeetingsView(List<Time> times, List<FieldView> fields, boolean canOffer, String notice) {

    /**
     * @param meetingId the meeting booked on it, or null
     * @param past whether it has begun, so its outcome can be recorded
     */
    public record Time(
            String when,
            String how,
            String bookedBy,
            String reference,
            String meetingId,
            String status,
            boolean past) {}
}
