package se.samla.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * What the booker is told when their booking changes, in Swedish, with the calendar file that changes their
 * calendar to match. Published in the booking's own transaction; the post goes out after it commits.
 */
@Component
class BookingNotices {

    /** What happened to the booking. */
    enum Kind {
        CONFIRMED(false),
        PENDING(false),
        APPROVED(false),
        CHANGED(false),
        REJECTED(true),
        CANCELLED(true),
        RELEASED(true),
        OFFERED(false),
        OFFER_EXPIRED(false);

        final boolean cancels;

        Kind(boolean cancels) {
            this.cancels = cancels;
        }
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'kl.' HH:mm", SWEDISH);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Resources resources;
    private final Calendars calendars;
    private final MessageSource messages;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;

    BookingNotices(
            Resources resources,
            Calendars calendars,
            MessageSource messages,
            Tenants tenants,
            ApplicationEventPublisher events) {
        this.resources = resources;
        this.calendars = calendars;
        this.messages = messages;
        this.tenants = tenants;
        this.events = events;
    }

    void tell(Ledger.Row booking, Kind kind) {
        tell(booking, kind, null);
    }

    /** Tells the booker; {@code extra} is a paragraph more (a reason, what to do), or null. */
    void tell(Ledger.Row booking, Kind kind, String extra) {
        if (booking.identityNumber() == null) {
            return;
        }
        Resource resource =
                resources.of(CurrentTenant.require(), booking.resource()).orElseThrow();
        String name = resource.name().sv();
        String address = resource.place() == null ? "" : resource.place().address();
        String when = when(booking.startsAt(), booking.endsAt());
        String deadline = booking.offerExpiresAt() == null
                ? ""
                : WHEN.format(booking.offerExpiresAt().atZone(SwedishTime.ZONE));
        Object[] args = {name, when, address, booking.forWhom(), booking.priceSek(), deadline};
        List<BookingEvents.Part> parts = new ArrayList<>();
        parts.add(new BookingEvents.Part(null, text("booking.notice." + kind + ".text", args)));
        if (extra != null && !extra.isBlank()) {
            parts.add(new BookingEvents.Part(null, extra));
        }
        parts.add(new BookingEvents.Part(null, text("booking.notice.where-to-see", args)));
        String calendar = null;
        if (kind != Kind.OFFERED && kind != Kind.OFFER_EXPIRED) {
            calendar = calendars.message(appointment(booking, resource), kind.cancels, organiser(resource));
        }
        events.publishEvent(new BookingEvents.BookerNotice(
                CurrentTenant.require(),
                UUID.nameUUIDFromBytes(
                        (booking.id() + ":" + kind + ":" + booking.sequence()).getBytes(StandardCharsets.UTF_8)),
                booking.personId(),
                booking.identityNumber(),
                booking.bookerName(),
                resource.unit(),
                reference(booking.id()),
                text("booking.notice." + kind + ".title", args),
                parts,
                calendar));
    }

    /**
     * One letter for a whole weekly series, with every week in its calendar file: booked, waiting for approval,
     * approved, rejected or cancelled.
     *
     * @param kind SERIES_CONFIRMED, SERIES_PENDING, SERIES_APPROVED, SERIES_REJECTED or SERIES_CANCELLED
     * @param notBooked the weeks left out when it was booked, to be named; else empty
     */
    void tellSeries(List<Ledger.Row> rows, List<Instant> notBooked, String kind, String extra) {
        if (rows.isEmpty() || rows.get(0).identityNumber() == null) {
            return;
        }
        Ledger.Row first = rows.get(0);
        Resource resource =
                resources.of(CurrentTenant.require(), first.resource()).orElseThrow();
        StringBuilder dates = new StringBuilder();
        for (Ledger.Row row : rows) {
            dates.append("- ").append(when(row.startsAt(), row.endsAt())).append('\n');
        }
        Object[] args = {
            resource.name().sv(),
            rows.size(),
            resource.place() == null ? "" : resource.place().address(),
            first.forWhom(),
            rows.stream().mapToInt(Ledger.Row::priceSek).sum()
        };
        List<BookingEvents.Part> parts = new ArrayList<>();
        parts.add(new BookingEvents.Part(null, text("booking.notice." + kind + ".text", args)));
        if (extra != null && !extra.isBlank()) {
            parts.add(new BookingEvents.Part(null, extra));
        }
        parts.add(new BookingEvents.Part(
                text("booking.notice.series.dates", args), dates.toString().strip()));
        if (!notBooked.isEmpty()) {
            StringBuilder skipped = new StringBuilder();
            for (Instant start : notBooked) {
                skipped.append("- ")
                        .append(WHEN.format(start.atZone(SwedishTime.ZONE)))
                        .append('\n');
            }
            parts.add(new BookingEvents.Part(
                    text("booking.notice.series.skipped", args),
                    skipped.toString().strip()));
        }
        parts.add(new BookingEvents.Part(null, text("booking.notice.where-to-see", args)));
        String calendar = calendars.publish(
                rows.stream().map(b -> appointment(b, resource)).toList(), organiser(resource));
        // one notice per set of bookings and their versions: two decisions on different weeks are two letters
        String identity = kind + ":"
                + rows.stream().map(r -> r.id() + "@" + r.sequence()).sorted().reduce("", (a, b) -> a + "," + b);
        events.publishEvent(new BookingEvents.BookerNotice(
                CurrentTenant.require(),
                UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)),
                first.personId(),
                first.identityNumber(),
                first.bookerName(),
                resource.unit(),
                reference(first.seriesId()),
                text("booking.notice." + kind + ".title", args),
                parts,
                calendar));
    }

    Calendars.Appointment appointment(Ledger.Row booking, Resource resource) {
        return new Calendars.Appointment(
                booking.id() + "@samla",
                booking.sequence(),
                booking.startsAt(),
                booking.endsAt(),
                resource.name().sv(),
                resource.place() == null ? null : resource.place().address(),
                text("booking.notice.calendar-description", new Object[] {reference(booking.id()), booking.forWhom()}),
                switch (booking.status()) {
                    case "PENDING", "OFFERED" -> "TENTATIVE";
                    case "CONFIRMED" -> "CONFIRMED";
                    default -> "CANCELLED";
                },
                booking.bookerName(),
                null);
    }

    /** Who sends the invitations: the resource's unit, or the municipality. */
    String organiser(Resource resource) {
        if (resource == null) {
            return tenants.current().name();
        }
        return tenants.unit(CurrentTenant.require(), resource.unit())
                .map(u -> u.name().sv())
                .orElse(tenants.current().name());
    }

    /** A short name to quote for the booking: its id's first eight characters. */
    static String reference(UUID id) {
        return "B-" + id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    static String when(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(SwedishTime.ZONE);
        return WHEN.format(from) + "–" + TIME.format(end.atZone(SwedishTime.ZONE));
    }

    private String text(String key, Object[] args) {
        return messages.getMessage(key, args, SWEDISH);
    }
}
