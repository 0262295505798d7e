package se.samla.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What the booking module tells the others. */
public final class BookingEvents {

    private BookingEvents() {}

    /**
     * The booker is to be told of their booking or meeting, by their chosen way of getting post: a letter with, where
     * it changes their calendar, an iCalendar file.
     *
     * @param noticeId one per thing told, so it is sent once however often the event is handled
     * @param reference what the letter is named by, e.g. "Bokning B-1A2B3C4D"
     * @param title     the letter's heading
     * @param parts     the letter's text, heading and paragraphs
     * @param calendar  an RFC 5545 iCalendar object (METHOD REQUEST or CANCEL), or null
     */
    public record BookerNotice(
            TenantId tenantId,
            UUID noticeId,
            UUID personId,
            String identityNumber,
            String recipientName,
            String unit,
            String reference,
            String title,
            List<Part> parts,
            String calendar)
            implements TenantEvent {

        public BookerNotice {
            parts = List.copyOf(parts);
        }
    }

    /** A heading and its text. */
    public record Part(String heading, String text) {}

    /** A case officer is to get the invitation to, or the cancellation of, a meeting booked with them, by e-mail. */
    public record OfficerNotice(
            TenantId tenantId, UUID noticeId, String email, String subject, String text, String calendar)
            implements TenantEvent {}

    /** A meeting about a case was booked, cancelled, held or missed: the case's history says so. */
    public record MeetingRecorded(
            TenantId tenantId,
            UUID meetingId,
            UUID caseId,
            String what,
            Instant startsAt,
            String mode,
            String officerName,
            String by)
            implements TenantEvent {}
}
