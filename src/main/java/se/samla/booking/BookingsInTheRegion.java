package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;
import se.samla.web.ResidentHoldings;

/**
 * The resident's coming bookings and meetings at a municipality, soonest first, for Mina sidor of another in the
 * region; each opens on that municipality's booking page, where it is moved or cancelled.
 */
@Component
@org.springframework.core.annotation.Order(2)
class BookingsInTheRegion implements ResidentHoldings {

    private final Ledger ledger;
    private final Meetings meetings;
    private final Resources resources;
    private final MessageSource messages;
    private final Clock clock;

    BookingsInTheRegion(Ledger ledger, Meetings meetings, Resources resources, MessageSource messages, Clock clock) {
        this.ledger = ledger;
        this.meetings = meetings;
        this.resources = resources;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String headingKey() {
        return "booking.region.heading";
    }

    @Override
    public List<Holding> of(UUID personId, Locale locale, int limit) {
        Instant now = clock.instant();
        Map<String, String> names = resources.of(CurrentTenant.require()).stream()
                .collect(Collectors.toMap(Resource::code, r -> r.name().in(locale)));
        record Coming(Instant startsAt, Holding holding) {}
        List<Coming> coming = new ArrayList<>();
        ledger
                .query(
                        "booker_person_id = :person AND ends_at > :now AND status IN ('CONFIRMED', 'PENDING', 'OFFERED')",
                        Map.of("person", personId, "now", Timestamp.from(now)))
                .stream()
                .map(Bookings.Booking::of)
                .forEach(b -> coming.add(new Coming(
                        b.startsAt(),
                        new Holding(
                                names.getOrDefault(b.resource(), b.resource()) + " ("
                                        + messages.getMessage("booking.status." + b.status(), null, locale) + ")",
                                BookingController.when(b.startsAt(), b.endsAt()),
                                "/mina-sidor/bokningar",
                                false))));
        meetings.of(personId).stream()
                .filter(m -> m.status().equals("BOOKED") && m.endsAt().isAfter(now))
                .forEach(m -> coming.add(new Coming(
                        m.startsAt(),
                        new Holding(
                                m.reference() == null
                                        ? messages.getMessage("booking.region.meeting-plain", null, locale)
                                        : messages.getMessage(
                                                "booking.region.meeting", new Object[] {m.reference()}, locale),
                                BookingController.when(m.startsAt(), m.endsAt()),
                                "/mina-sidor/bokningar",
                                false))));
        return coming.stream()
                .sorted(Comparator.comparing(Coming::startsAt))
                .limit(limit)
                .map(Coming::holding)
                .toList();
    }
}
