package se.samla.booking;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.samla.booking.view.MyBookingsView;
import se.samla.booking.view.ResourceDayView;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/**
 * The resident's bookings in Mina sidor: cancelling and moving them, taking up or letting go an offered time, door
 * codes, places in line, the private calendar feed, standing access to an unstaffed library, and their meetings.
 */
@Controller
class MyBookingsController {

    private final Bookings bookings;
    private final WaitingList waiting;
    private final DoorAccess doors;
    private final Calendars calendars;
    private final CalendarFeeds feeds;
    private final Meetings meetings;
    private final Resources resources;
    private final MessageSource messages;
    private final Clock clock;

    MyBookingsController(
            Bookings bookings,
            WaitingList waiting,
            DoorAccess doors,
            Calendars calendars,
            CalendarFeeds feeds,
            Meetings meetings,
            Resources resources,
            MessageSource messages,
            Clock clock) {
        this.bookings = bookings;
        this.waiting = waiting;
        this.doors = doors;
        this.calendars = calendars;
        this.feeds = feeds;
        this.meetings = meetings;
        this.resources = resources;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/mina-sidor/bokningar")
    String mine(@RequestParam Map<String, String> query, Model model) {
        String notice = null;
        if (query.containsKey("bokad")) {
            notice = text("booking.notice.booked");
        } else if (query.containsKey("serie")) {
            int skipped = count(query.get("utelamnade"));
            notice = text(
                            query.containsKey("vantar") ? "booking.notice.series-pending" : "booking.notice.series",
                            count(query.get("serie")))
                    + (skipped > 0 ? " " + text("booking.notice.series-skipped", skipped) : "");
        } else if (query.containsKey("vantar")) {
            notice = text("booking.notice.pending");
        } else if (query.containsKey("ko")) {
            notice = text("booking.notice.waiting");
        } else if (query.containsKey("mote")) {
            notice = text("meeting.notice.booked-page");
        }
        return page(notice, null, null, model);
    }

    @PostMapping("/mina-sidor/bokningar/{id}/avboka")
    String cancel(
            @PathVariable String id,
            @RequestParam(name = "serie", defaultValue = "false") boolean series,
            Model model) {
        int cancelled = bookings.cancel(resident(), uuid(id), series);
        if (cancelled == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return page(
                cancelled == 1 ? text("booking.notice.cancelled") : text("booking.notice.series-cancelled", cancelled),
                null,
                null,
                model);
    }

    /** The day's times to move a booking to. */
    @GetMapping("/mina-sidor/bokningar/{id}/flytta")
    String moveForm(
            @PathVariable String id, @RequestParam(name = "dag", required = false) String dayText, Model model) {
        var booking = bookings.of(resident()).stream()
                .filter(b -> b.id().equals(uuid(id)) && b.startsAt().isAfter(clock.instant()))
                .filter(b -> b.status().equals("CONFIRMED") || b.status().equals("PENDING"))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Resource resource = bookings.resource(booking.resource()).orElseThrow();
        LocalDate day = day(dayText).orElse(LocalDate.ofInstant(booking.startsAt(), SwedishTime.ZONE));
        Locale locale = locale();
        model.addAttribute("bookingId", booking.id().toString());
        model.addAttribute("resourceName", resource.name().in(locale));
        model.addAttribute("current", BookingController.when(booking.startsAt(), booking.endsAt()));
        model.addAttribute("day", day.toString());
        model.addAttribute("dayLabel", day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale)));
        model.addAttribute("previousDay", day.minusDays(1).toString());
        model.addAttribute("nextDay", day.plusDays(1).toString());
        model.addAttribute(
                "times",
                bookings.day(resource, day).stream()
                        .filter(Bookings.Time::free)
                        .map(t -> new ResourceDayView.Time(
                                t.slot().start().toString(),
                                BookingController.when(
                                        t.slot().start(), t.slot().end()),
                                true,
                                ""))
                        .toList());
        return "booking/move";
    }

    @PostMapping("/mina-sidor/bokningar/{id}/flytta")
    String move(
            @PathVariable String id, @RequestParam("start") String start, HttpServletResponse response, Model model) {
        Instant to;
        try {
            to = Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            bookings.change(resident(), uuid(id), to);
            return page(text("booking.notice.moved"), null, null, model);
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(null, text(refused.messageKey), null, model);
        }
    }

    @PostMapping("/mina-sidor/bokningar/{id}/ta")
    String accept(@PathVariable String id, HttpServletResponse response, Model model) {
        try {
            var booked = waiting.accept(resident(), uuid(id));
            return page(
                    text(booked.status().equals("PENDING") ? "booking.notice.pending" : "booking.notice.booked"),
                    null,
                    null,
                    model);
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(null, text(refused.messageKey), null, model);
        }
    }

    @PostMapping("/mina-sidor/bokningar/{id}/avsta")
    String decline(@PathVariable String id, Model model) {
        if (!waiting.decline(resident(), uuid(id))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return page(text("booking.notice.declined"), null, null, model);
    }

    @PostMapping("/mina-sidor/bokningar/ko/{id}/lamna")
    String leave(@PathVariable String id, Model model) {
        if (!waiting.withdraw(resident(), uuid(id))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return page(text("booking.notice.left-line"), null, null, model);
    }

    /** A new private feed; its address is shown this once. */
    @PostMapping("/mina-sidor/bokningar/kalender")
    String newFeed(Model model) {
        var resident = resident();
        String token = calendars.newFeed(resident.personId(), null, resident.auditId());
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/kalender/" + token + ".ics")
                .toUriString();
        return page(text("booking.notice.feed-made"), null, url, model);
    }

    @PostMapping("/mina-sidor/bokningar/kalender/aterkalla")
    String revokeFeed(Model model) {
        var resident = resident();
        calendars.revokeFeeds(resident.personId(), null, resident.auditId());
        return page(text("booking.notice.feed-revoked"), null, null, model);
    }

    /** Standing access to a resource's doors in its unmanned hours (a library open without staff). */
    @PostMapping("/mina-sidor/bokningar/tilltrade/{code}")
    String standing(@PathVariable String code, HttpServletResponse response, Model model) {
        Resource resource =
                bookings.resource(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            doors.standing(resident(), resource);
            return page(text("booking.notice.standing"), null, null, model);
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(null, text(refused.messageKey), null, model);
        }
    }

    /** One booking as a calendar file to open. */
    @GetMapping("/mina-sidor/bokningar/{id}/kalender.ics")
    ResponseEntity<String> calendarFile(@PathVariable String id) {
        return feeds.booking(resident(), uuid(id))
                .map(ics -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"bokning.ics\"")
                        .body(ics))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/mina-sidor/moten/{id}/avboka")
    String cancelMeeting(@PathVariable String id, Model model) {
        if (!meetings.cancel(resident(), uuid(id))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return page(text("meeting.notice.cancelled-page"), null, null, model);
    }

    private String page(String notice, String error, String feedUrl, Model model) {
        var resident = resident();
        Locale locale = locale();
        Instant now = clock.instant();
        var mine = bookings.of(resident);
        var credentials = doors.of(resident);
        Map<String, String> names = resources.of(resident.tenantId()).stream()
                .collect(Collectors.toMap(Resource::code, r -> r.name().in(locale)));
        Map<String, String> doorNames = resources.of(resident.tenantId()).stream()
                .flatMap(r -> r.doors().stream().map(d -> Map.entry(d, r.name().in(locale))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        List<String> standingHeld = credentials.stream()
                .filter(c -> c.bookingId() == null)
                .map(DoorAccess.Credential::door)
                .toList();
        model.addAttribute(
                "mine",
                new MyBookingsView(
                        mine.stream()
                                .map(b -> new MyBookingsView.Item(
                                        b.id().toString(),
                                        names.getOrDefault(b.resource(), b.resource()),
                                        b.resource(),
                                        BookingController.when(b.startsAt(), b.endsAt()),
                                        LocalDate.ofInstant(b.startsAt(), SwedishTime.ZONE)
                                                .toString(),
                                        b.principalName(),
                                        b.priceSek() == 0 ? text("booking.free") : b.priceSek() + " kr",
                                        text("booking.status." + b.status()),
                                        List.of("CONFIRMED", "PENDING").contains(b.status())
                                                && b.startsAt().isAfter(now),
                                        List.of("CONFIRMED", "PENDING").contains(b.status())
                                                && b.startsAt().isAfter(now),
                                        b.seriesId() != null,
                                        b.offerExpiresAt() == null
                                                        || !b.status().equals("OFFERED")
                                                ? null
                                                : BookingNotices.WHEN.format(
                                                        b.offerExpiresAt().atZone(SwedishTime.ZONE))))
                                .toList(),
                        credentials.stream()
                                .map(c -> new MyBookingsView.Access(
                                        doorNames.getOrDefault(c.door(), c.door()),
                                        c.door(),
                                        c.pin(),
                                        QrCodes.svg(
                                                "samla-door:" + c.qrToken(),
                                                text("booking.access.qr", doorNames.getOrDefault(c.door(), c.door()))),
                                        c.bookingId() == null
                                                ? text(
                                                        "booking.access.standing",
                                                        BookingController.when(c.validFrom(), c.validTo()))
                                                : BookingController.when(c.validFrom(), c.validTo())))
                                .toList(),
                        waiting.of(resident).stream()
                                .map(w -> new MyBookingsView.Waiting(
                                        w.id().toString(),
                                        names.getOrDefault(w.resource(), w.resource()),
                                        BookingController.when(w.startsAt(), w.endsAt()),
                                        text("booking.waiting." + w.status())))
                                .toList(),
                        resources.of(resident.tenantId()).stream()
                                .filter(r -> !r.unmannedHours().isEmpty())
                                .map(r -> new MyBookingsView.Standing(
                                        r.code(),
                                        r.name().in(locale),
                                        r.unmannedHours().entrySet().stream()
                                                .sorted(Map.Entry.comparingByKey())
                                                .map(e -> e.getKey().getDisplayName(TextStyle.SHORT, locale) + " "
                                                        + e.getValue())
                                                .collect(Collectors.joining(", ")),
                                        r.doors().stream().allMatch(standingHeld::contains)))
                                .toList(),
                        meetings.of(resident).stream()
                                .map(m -> new MyBookingsView.Meeting(
                                        m.id().toString(),
                                        BookingController.when(m.startsAt(), m.endsAt()),
                                        text("meeting.mode." + m.mode().name())
                                                + (m.mode() == Meetings.Mode.IN_PERSON
                                                        ? ", " + m.place()
                                                        : m.mode() == Meetings.Mode.VIDEO ? ", " + m.videoLink() : ""),
                                        m.officerName(),
                                        m.reference(),
                                        text("meeting.status." + m.status()),
                                        m.status().equals("BOOKED")
                                                && m.startsAt().isAfter(now)))
                                .toList(),
                        feedUrl,
                        calendars.hasFeed(resident.personId(), null),
                        notice,
                        error));
        return "booking/my-bookings";
    }

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A time span, with the end's date too when it ends on another day (a year of standing access). */
    private static String span(Instant from, Instant to) {
        var start = from.atZone(SwedishTime.ZONE);
        var end = to.atZone(SwedishTime.ZONE);
        return MINUTE.format(start) + "–"
                + (start.toLocalDate().equals(end.toLocalDate())
                        ? DateTimeFormatter.ofPattern("HH:mm").format(end)
                        : MINUTE.format(end));
    }

    /** A count from the address, or 0: the notice shows numbers only, whatever a link says. */
    private static int count(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static Optional<LocalDate> day(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }
}
