package se.samla.booking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.booking.view.MyBookingsView;
import se.samla.booking.view.ResourceDayView;
import se.samla.booking.view.ResourcesView;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/** The facilities to book, a facility's day, booking a time, and the resident's bookings in Mina sidor. */
@Controller
class BookingController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Bookings bookings;
    private final Representation representation;
    private final MessageSource messages;
    private final Clock clock;

    BookingController(Bookings bookings, Representation representation, MessageSource messages, Clock clock) {
        this.bookings = bookings;
        this.representation = representation;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/lokaler")
    String resources(
            @RequestParam(name = "dag", required = false) String dayText,
            @RequestParam(name = "typ", required = false) String kindText,
            Model model) {
        LocalDate day = day(dayText);
        String kind = Arrays.stream(Resource.Kind.values())
                .map(Enum::name)
                .filter(k -> k.equals(kindText))
                .findFirst()
                .orElse("");
        List<Resource> shown = bookings.resources().stream()
                .filter(r -> kind.isEmpty() || r.kind().name().equals(kind))
                .toList();
        var free = bookings.withFreeTime(shown, day);
        Locale locale = locale();
        model.addAttribute(
                "list",
                new ResourcesView(
                        day.toString(),
                        kind,
                        Arrays.stream(Resource.Kind.values())
                                .map(k -> new ResourcesView.Kind(
                                        k.name(),
                                        text("booking.kind." + k.name()),
                                        k.name().equals(kind)))
                                .toList(),
                        shown.stream()
                                .map(r -> new ResourcesView.Item(
                                        r.code(),
                                        r.name().in(locale),
                                        text("booking.kind." + r.kind().name()),
                                        r.place() == null ? "" : r.place().address(),
                                        r.capacity(),
                                        free.contains(r.code())))
                                .toList()));
        return "booking/resources";
    }

    @GetMapping("/lokaler/{code}")
    String resource(
            @PathVariable String code,
            @RequestParam(name = "dag", required = false) String dayText,
            HttpServletRequest request,
            Model model) {
        return page(resource(code), day(dayText), null, request, model);
    }

    /** Books a time; a visitor who is not logged in is sent to log in first. */
    @PostMapping("/lokaler/{code}/boka")
    String book(
            @PathVariable String code,
            @RequestParam("start") String startText,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Resource resource = resource(code);
        var resident = resident().orElseThrow(() -> new InsufficientAuthenticationException("booking needs a login"));
        Instant start;
        try {
            start = Instant.parse(startText);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booking.error.no-such-time");
        }
        try {
            var booked = bookings.book(resident, representation.current(request, resident), resource, start);
            return "redirect:/mina-sidor/bokningar?bokad=" + booked.id();
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(
                    resource, LocalDate.ofInstant(start, SwedishTime.ZONE), text(refused.messageKey), request, model);
        }
    }

    @GetMapping("/mina-sidor/bokningar")
    String mine(@RequestParam(name = "bokad", required = false) String booked, Model model) {
        return myBookings(booked != null ? "booking.notice.booked" : null, model);
    }

    @PostMapping("/mina-sidor/bokningar/{id}/avboka")
    String cancel(@PathVariable String id, HttpServletResponse response, Model model) {
        var resident = resident().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        UUID booking;
        try {
            booking = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (!bookings.cancel(resident, booking)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return myBookings("booking.notice.cancelled", model);
    }

    private String myBookings(String notice, Model model) {
        var resident = resident().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        Locale locale = locale();
        model.addAttribute(
                "mine",
                new MyBookingsView(
                        bookings.of(resident).stream()
                                .map(b -> new MyBookingsView.Item(
                                        b.id().toString(),
                                        bookings.resource(b.resource())
                                                .map(r -> r.name().in(locale))
                                                .orElse(b.resource()),
                                        when(b.startsAt(), b.endsAt()),
                                        b.principalName(),
                                        b.priceSek() == 0 ? text("booking.free") : b.priceSek() + " kr",
                                        "CANCELLED".equals(b.status())))
                                .toList(),
                        notice == null ? null : text(notice)));
        return "booking/my-bookings";
    }

    private String page(Resource resource, LocalDate day, String error, HttpServletRequest request, Model model) {
        Locale locale = locale();
        var times = bookings.day(resource, day);
        // on the night summer time ends the hour from 02:00 comes twice: the two are told apart by summer and winter
        // time
        long distinctLabels = times.stream()
                .map(t -> TIME.format(t.slot().start().atZone(SwedishTime.ZONE)))
                .distinct()
                .count();
        boolean twice = distinctLabels < times.size();
        var resident = resident();
        model.addAttribute(
                "resource",
                new ResourceDayView(
                        resource.code(),
                        resource.name().in(locale),
                        resource.description() == null
                                ? ""
                                : resource.description().in(locale),
                        text("booking.kind." + resource.kind().name()),
                        resource.place() == null ? "" : resource.place().address(),
                        resource.capacity(),
                        resource.accessibility().stream().map(a -> a.in(locale)).toList(),
                        resource.prices().entrySet().stream()
                                .sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> text("booking.category." + e.getKey().name()) + ": "
                                        + (e.getValue() == 0 ? text("booking.free") : e.getValue() + " kr/h"))
                                .toList(),
                        day.toString(),
                        day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale)),
                        day.minusDays(1).toString(),
                        day.plusDays(1).toString(),
                        times.stream()
                                .map(t -> new ResourceDayView.Time(
                                        t.slot().start().toString(), label(t.slot(), twice), t.free()))
                                .toList(),
                        resident.map(r -> representation.chosen(request, r).name())
                                .orElse(null),
                        error));
        return "booking/resource";
    }

    private String label(Slots.Slot slot, boolean twice) {
        ZonedDateTime start = slot.start().atZone(SwedishTime.ZONE);
        String label = TIME.format(start) + "–" + TIME.format(slot.end().atZone(SwedishTime.ZONE));
        if (twice) {
            boolean summer = SwedishTime.ZONE.getRules().isDaylightSavings(slot.start());
            label += " (" + text(summer ? "booking.summer-time" : "booking.winter-time") + ")";
        }
        return label;
    }

    private String when(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(SwedishTime.ZONE);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(from) + "–"
                + TIME.format(end.atZone(SwedishTime.ZONE));
    }

    private Resource resource(String code) {
        return bookings.resource(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The day asked for, or today; a day that is no date is today. */
    private LocalDate day(String text) {
        try {
            return text == null ? LocalDate.now(clock.withZone(SwedishTime.ZONE)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDate.now(clock.withZone(SwedishTime.ZONE));
        }
    }

    private static java.util.Optional<SignedInUser.Resident> resident() {
        return CurrentUser.get().filter(SignedInUser.Resident.class::isInstance).map(SignedInUser.Resident.class::cast);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, locale());
    }
}
