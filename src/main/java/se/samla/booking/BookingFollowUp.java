package se.samla.booking;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What follows from a booking's change, in the same transaction: the doors it opens are granted or revoked (through
 * the lock outbox), the booker is told (through the event registry), and a freed time goes to whoever waits for it.
 */
@Component
class BookingFollowUp {

    private final DoorAccess doors;
    private final BookingNotices notices;
    private final WaitingList waiting;

    BookingFollowUp(DoorAccess doors, BookingNotices notices, WaitingList waiting) {
        this.doors = doors;
        this.notices = notices;
        this.waiting = waiting;
    }

    void confirmed(Ledger.Row booking, BookingNotices.Kind kind) {
        doors.grant(booking);
        notices.tell(booking, kind);
    }

    void pending(Ledger.Row booking) {
        notices.tell(booking, BookingNotices.Kind.PENDING);
    }

    void series(List<Ledger.Row> booked, List<Instant> notBooked, boolean pending) {
        if (!pending) {
            booked.forEach(doors::grant);
        }
        notices.tellSeries(booked, notBooked, pending ? "SERIES_PENDING" : "SERIES_CONFIRMED", null);
    }

    void approved(List<Ledger.Row> bookings) {
        bookings.forEach(doors::grant);
        if (bookings.size() == 1) {
            notices.tell(bookings.get(0), BookingNotices.Kind.APPROVED);
        } else {
            notices.tellSeries(bookings, List.of(), "SERIES_APPROVED", null);
        }
    }

    void rejected(List<Ledger.Row> bookings, String reason) {
        if (bookings.size() == 1) {
            notices.tell(bookings.get(0), BookingNotices.Kind.REJECTED, reason);
        } else {
            notices.tellSeries(bookings, List.of(), "SERIES_REJECTED", reason);
        }
        bookings.forEach(waiting::offerNext);
    }

    /** The booking's time is let go (cancelled, released, an offer run out): doors shut, booker told, time offered. */
    void ended(Ledger.Row booking, BookingNotices.Kind kind, String extra) {
        doors.revoke(booking.id());
        if (kind != null) {
            notices.tell(booking, kind, extra);
        }
        waiting.offerNext(booking);
    }

    void endedSeries(List<Ledger.Row> bookings) {
        bookings.forEach(b -> doors.revoke(b.id()));
        notices.tellSeries(bookings, List.of(), "SERIES_CANCELLED", null);
        bookings.forEach(waiting::offerNext);
    }

    void moved(Ledger.Row before, Ledger.Row after) {
        doors.revoke(before.id());
        if (after.status().equals("CONFIRMED")) {
            doors.grant(after);
        }
        notices.tell(
                after, after.status().equals("PENDING") ? BookingNotices.Kind.PENDING : BookingNotices.Kind.CHANGED);
        waiting.offerNext(before);
    }
}
