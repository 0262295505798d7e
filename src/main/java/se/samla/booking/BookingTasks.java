package se.samla.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.web.ResidentTasks;

/**
 * In "Att göra": a freed time offered from the waiting list, to take before the offer lapses, and the resident's
 * meetings with the municipality in the coming two weeks.
 */
@Component
class BookingTasks implements ResidentTasks {

    static final Duration MEETINGS_AHEAD = Duration.ofDays(14);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);

    private final WaitingList waiting;
    private final Meetings meetings;
    private final Resources resources;
    private final MessageSource messages;
    private final Clock clock;

    BookingTasks(WaitingList waiting, Meetings meetings, Resources resources, MessageSource messages, Clock clock) {
        this.waiting = waiting;
        this.meetings = meetings;
        this.resources = resources;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<Task> of(Whom whom, Locale locale) {
        if (!whom.self()) {
            return List.of();
        }
        List<Task> tasks = new ArrayList<>();
        for (var place : waiting.of(whom.resident())) {
            if ("OFFERED".equals(place.status()) && place.offerExpiresAt() != null) {
                String name = resources
                        .of(CurrentTenant.require(), place.resource())
                        .map(r -> r.name().in(locale))
                        .orElse(place.resource());
                tasks.add(new Task(
                        Kind.BOOKING_OFFER,
                        messages.getMessage("todo.offer.title", new Object[] {name}, locale),
                        messages.getMessage("todo.offer.detail", new Object[] {WHEN.format(place.startsAt())}, locale),
                        place.offerExpiresAt(),
                        true,
                        "/mina-sidor/bokningar"));
            }
        }
        Instant until = clock.instant().plus(MEETINGS_AHEAD);
        for (var meeting : meetings.of(whom.personId())) {
            if ("BOOKED".equals(meeting.status())
                    && meeting.startsAt().isAfter(clock.instant())
                    && meeting.startsAt().isBefore(until)) {
                String officer = meeting.officerName() == null
                        ? messages.getMessage("todo.meeting.someone", null, locale)
                        : meeting.officerName();
                String detail = meeting.mode() == Meetings.Mode.IN_PERSON && meeting.place() != null
                        ? "todo.meeting.detail.IN_PERSON"
                        : meeting.mode() == Meetings.Mode.IN_PERSON
                                ? "todo.meeting.detail.ANY"
                                : "todo.meeting.detail." + meeting.mode();
                tasks.add(new Task(
                        Kind.MEETING,
                        meeting.reference() == null
                                ? messages.getMessage("todo.meeting.title-plain", null, locale)
                                : messages.getMessage("todo.meeting.title", new Object[] {meeting.reference()}, locale),
                        messages.getMessage(detail, new Object[] {officer, meeting.place()}, locale),
                        meeting.startsAt(),
                        true,
                        "/mina-sidor/bokningar"));
            }
        }
        return tasks;
    }
}
