package se.samla.messaging;

import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.booking.BookingEvents;
import se.samla.cases.CaseLetter;

/**
 * A booking's or meeting's notice reaches the booker as a letter by their chosen way of getting post, with its
 * calendar file attached where the way carries one (a digital mailbox, an e-mail); a case officer's invitation to a
 * meeting goes by e-mail. Both after the booking's transaction commits, through the event publication registry.
 */
@Component
class BookingLetters {

    private final Letters letters;
    private final Notifier notifier;

    BookingLetters(Letters letters, Notifier notifier) {
        this.letters = letters;
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(BookingEvents.BookerNotice notice) {
        letters.create(
                new CaseLetter(
                        null,
                        notice.reference(),
                        notice.title(),
                        notice.unit(),
                        notice.personId(),
                        notice.recipientName(),
                        notice.identityNumber(),
                        "BOOKING",
                        notice.noticeId(),
                        notice.title(),
                        notice.parts().stream()
                                .map(p -> new CaseLetter.Part(p.heading(), p.text()))
                                .toList(),
                        null,
                        java.time.Instant.now(),
                        null,
                        false),
                notice.calendar());
    }

    @ApplicationModuleListener
    void on(BookingEvents.OfficerNotice notice) {
        notifier.send(
                notice.tenantId(),
                new Notification(
                                "meeting-officer:" + notice.noticeId(),
                                null,
                                notice.email(),
                                "meeting-officer",
                                List.of(notice.subject(), notice.text()),
                                "/personal/moten")
                        .with(new Notification.Attachment(
                                "mote.ics",
                                "text/calendar; method=" + PostDispatcher.method(notice.calendar()),
                                notice.calendar())));
    }
}
