package se.samla.booking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import se.samla.booking.view.ResourceDayView;
import se.samla.booking.view.ResourcesView;
import se.samla.booking.view.SeriesView;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;
import se.samla.web.FieldView;

/** The facilities to book, a facility's day or week, booking a time or a weekly series, and joining the line. */
@Controller
class BookingController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Bookings bookings;
    private final WaitingList waiting;
    private final Representation representation;
    private final MessageSource messages;
    private final Clock clock;

    BookingController(
            Bookings bookings,
            WaitingList waiting,
            Representation representation,
            MessageSource messages,
            Clock clock) {
        this.bookings = bookings;
        this.waiting = waiting;
        this.representation = representation;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/lokaler")
    String resources(
            @RequestParam(name = "dag", required = false) String dayText,
            @RequestParam(name = "typ", required = false) String kindText,
            @RequestParam(name = "fran", required = false) String fromText,
            @RequestParam(name = "till", required = false) String toText,
            @RequestParam(name = "plats", required = false) String placeText,
            Model model) {
        LocalDate day = day(dayText);
        String kind = Arrays.stream(Resource.Kind.values())
                .map(Enum::name)
                .filter(k -> k.equals(kindText))
                .findFirst()
                .orElse("");
        LocalTime from = time(fromText).orElse(null);
        LocalTime to = time(toText).orElse(null);
        String place = placeText == null ? "" : placeText.strip();
        Locale locale = locale();
        List<Resource> shown = bookings.resources().stream()
                .filter(r -> kind.isEmpty() || r.kind().name().equals(kind))
                .filter(r -> place.isEmpty() || matches(r, place, locale))
                .toList();
        var free = bookings.withFreeTime(shown, day, from, to);
        model.addAttribute(
                "list",
                new ResourcesView(
                        day.toString(),
                        kind,
                        from == null ? "" : TIME.format(from),
                        to == null ? "" : TIME.format(to),
                        place,
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
                                        free.contains(r.code()),
                                        r.place() == null ? null : r.place().latitude(),
                                        r.place() == null ? null : r.place().longitude()))
                                .toList()));
        return "booking/resources";
    }

    private static boolean matches(Resource resource, String words, Locale locale) {
        String haystack = (resource.name().in(locale) + " " + resource.name().sv() + " "
                        + (resource.place() == null ? "" : resource.place().address()))
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(words.toLowerCase(Locale.ROOT).split("\\s+")).allMatch(haystack::contains);
    }

    @GetMapping("/lokaler/{code}")
    String resource(
            @PathVariable String code,
            @RequestParam(name = "dag", required = false) String dayText,
            @RequestParam(name = "vecka", required = false) String weekText,
            HttpServletRequest request,
            Model model) {
        return page(resource(code), day(dayText), weekText != null, null, request, model);
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
        Instant start = instant(startText);
        try {
            var booked = bookings.book(resident, representation.current(request, resident), resource, start);
            return "redirect:/mina-sidor/bokningar?" + ("PENDING".equals(booked.status()) ? "vantar=" : "bokad=")
                    + booked.id();
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(
                    resource,
                    LocalDate.ofInstant(start, SwedishTime.ZONE),
                    false,
                    text(refused.messageKey),
                    request,
                    model);
        }
    }

    /** Puts the resident in line for a taken time. */
    @PostMapping("/lokaler/{code}/ko")
    String join(
            @PathVariable String code,
            @RequestParam("start") String startText,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Resource resource = resource(code);
        var resident = resident().orElseThrow(() -> new InsufficientAuthenticationException("booking needs a login"));
        Instant start = instant(startText);
        try {
            waiting.join(resident, representation.current(request, resident), resource, start);
            return "redirect:/mina-sidor/bokningar?ko=1";
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(
                    resource,
                    LocalDate.ofInstant(start, SwedishTime.ZONE),
                    false,
                    text(refused.messageKey),
                    request,
                    model);
        }
    }

    /** The weeks of a series, each bookable or why not, before anything is booked. */
    @PostMapping("/lokaler/{code}/serie")
    String previewSeries(
            @PathVariable String code,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Resource resource = resource(code);
        var resident = resident().orElseThrow(() -> new InsufficientAuthenticationException("booking needs a login"));
        var asked = series(resource, form);
        if (asked.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(resource, day(form.get("f.fran")), false, text("booking.error.series-form"), request, model);
        }
        try {
            var weeks = bookings.preview(resident, representation.current(request, resident), asked.get());
            model.addAttribute("series", seriesView(resource, asked.get(), weeks, null, request, resident));
            return "booking/series";
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(resource, asked.get().from(), false, text(refused.messageKey), request, model);
        }
    }

    /** Books the series' bookable weeks. */
    @PostMapping("/lokaler/{code}/serie/bekrafta")
    String bookSeries(
            @PathVariable String code,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Resource resource = resource(code);
        var resident = resident().orElseThrow(() -> new InsufficientAuthenticationException("booking needs a login"));
        var asked = series(resource, form)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "booking.error.series-form"));
        var principal = representation.current(request, resident);
        try {
            var result = bookings.bookSeries(resident, principal, asked);
            return "redirect:/mina-sidor/bokningar?serie=" + result.booked().size() + "&utelamnade="
                    + result.notBooked().size() + (resource.approval() ? "&vantar=1" : "");
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            List<Bookings.Occurrence> weeks;
            try {
                weeks = bookings.preview(resident, principal, asked);
            } catch (Bookings.Refused again) {
                return page(resource, asked.from(), false, text(refused.messageKey), request, model);
            }
            model.addAttribute(
                    "series", seriesView(resource, asked, weeks, text(refused.messageKey), request, resident));
            return "booking/series";
        }
    }

    private Optional<Bookings.SeriesRequest> series(Resource resource, Map<String, String> form) {
        try {
            DayOfWeek weekday = DayOfWeek.valueOf(form.getOrDefault("f.veckodag", ""));
            LocalTime start = LocalTime.parse(form.getOrDefault("f.tid", "").strip());
            LocalDate from = LocalDate.parse(form.getOrDefault("f.fran", ""));
            LocalDate to = LocalDate.parse(form.getOrDefault("f.till", ""));
            return Optional.of(new Bookings.SeriesRequest(resource, weekday, start, from, to));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private SeriesView seriesView(
            Resource resource,
            Bookings.SeriesRequest asked,
            List<Bookings.Occurrence> weeks,
            String error,
            HttpServletRequest request,
            SignedInUser.Resident resident) {
        Locale locale = locale();
        int bookable =
                (int) weeks.stream().filter(Bookings.Occurrence::bookable).count();
        return new SeriesView(
                resource.code(),
                resource.name().in(locale),
                asked.weekday().name(),
                TIME.format(asked.start()),
                asked.from().toString(),
                asked.to().toString(),
                text(
                        "booking.series.summary",
                        asked.weekday().getDisplayName(TextStyle.FULL, locale),
                        TIME.format(asked.start()),
                        asked.from().toString(),
                        asked.to().toString()),
                weeks.stream()
                        .map(w ->
                                new SeriesView.Week(when(w.start(), w.end()), w.bookable() ? null : text(w.refusal())))
                        .toList(),
                bookable,
                resource.approval(),
                representation.chosen(request, resident).name(),
                error);
    }

    private String page(
            Resource resource, LocalDate day, boolean showWeek, String error, HttpServletRequest request, Model model) {
        Locale locale = locale();
        var times = bookings.day(resource, day);
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<ResourceDayView.Day> week = showWeek
                ? bookings.week(resource, monday).entrySet().stream()
                        .map(e -> new ResourceDayView.Day(
                                e.getKey().format(DateTimeFormatter.ofPattern("EEEE d MMMM", locale)),
                                e.getKey().toString(),
                                times(e.getValue())))
                        .toList()
                : List.of();
        var resident = resident();
        List<String> rules = new java.util.ArrayList<>();
        rules.add(text("booking.rule.notice", resource.minNoticeHours()));
        rules.add(text("booking.rule.horizon", resource.horizonDays()));
        rules.add(text("booking.rule.hours", resource.maxHoursPerWeek()));
        if (resource.approval()) {
            rules.add(text("booking.rule.approval"));
        }
        if (!resource.doors().isEmpty()) {
            rules.add(text("booking.rule.doors", resource.accessMarginMinutes()));
        }
        if (resource.releaseAfterMinutes() > 0) {
            rules.add(text("booking.rule.release", resource.releaseAfterMinutes()));
        }
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
                        mapLink(resource),
                        resource.capacity(),
                        resource.accessibility().stream().map(a -> a.in(locale)).toList(),
                        resource.photos().stream()
                                .map(p -> new ResourceDayView.Photo(
                                        p.url(), p.alt().in(locale)))
                                .toList(),
                        resource.prices().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(e -> text("booking.category." + e.getKey().name()) + ": "
                                        + (e.getValue() == 0 ? text("booking.free") : e.getValue() + " kr/h"))
                                .toList(),
                        rules,
                        day.toString(),
                        day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale)),
                        day.minusDays(1).toString(),
                        day.plusDays(1).toString(),
                        monday.minusWeeks(1).toString(),
                        monday.plusWeeks(1).toString(),
                        times(times),
                        week,
                        seriesFields(day, times, Map.of(), null),
                        resident.map(r -> representation.chosen(request, r).name())
                                .orElse(null),
                        error));
        return "booking/resource";
    }

    /** The series form: a weekday, a time of day, and the first and last date of the season. */
    private List<FieldView> seriesFields(
            LocalDate day, List<Bookings.Time> times, Map<String, String> entered, String error) {
        Locale locale = locale();
        String weekday = entered.getOrDefault("f.veckodag", day.getDayOfWeek().name());
        String time = entered.getOrDefault(
                "f.tid",
                times.isEmpty()
                        ? "18:00"
                        : TIME.format(times.get(0).slot().start().atZone(SwedishTime.ZONE)));
        return List.of(
                Fields.choice(
                        "veckodag",
                        text("booking.series.weekday"),
                        Arrays.stream(DayOfWeek.values())
                                .map(d -> new FieldView.Choice(
                                        d.name(),
                                        d.getDisplayName(TextStyle.FULL, locale),
                                        d.name().equals(weekday),
                                        null))
                                .toList(),
                        null),
                Fields.text("tid", text("booking.series.time"), text("booking.series.time-hint"), time, null),
                Fields.date("fran", text("booking.series.from"), entered.getOrDefault("f.fran", day.toString()), null),
                Fields.date(
                        "till",
                        text("booking.series.to"),
                        entered.getOrDefault("f.till", day.plusWeeks(12).toString()),
                        error));
    }

    private List<ResourceDayView.Time> times(List<Bookings.Time> times) {
        // on the night summer time ends the hour from 02:00 comes twice: the two are told apart by summer and winter
        // time
        long distinctLabels = times.stream()
                .map(t -> TIME.format(t.slot().start().atZone(SwedishTime.ZONE)))
                .distinct()
                .count();
        boolean twice = distinctLabels < times.size();
        return times.stream()
                .map(t -> new ResourceDayView.Time(
                        t.slot().start().toString(),
                        label(t.slot(), twice),
                        t.free(),
                        TIME.format(t.slot().start().atZone(SwedishTime.ZONE))))
                .toList();
    }

    private static String mapLink(Resource resource) {
        if (resource.place() == null || resource.place().latitude() == null) {
            return null;
        }
        return "https://www.openstreetmap.org/?mlat=" + resource.place().latitude() + "&mlon="
                + resource.place().longitude() + "#map=17/" + resource.place().latitude() + "/"
                + resource.place().longitude();
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

    static String when(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(SwedishTime.ZONE);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(from) + "–"
                + TIME.format(end.atZone(SwedishTime.ZONE));
    }

    private Resource resource(String code) {
        return bookings.resource(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booking.error.no-such-time");
        }
    }

    private static Optional<LocalTime> time(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalTime.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The day asked for, or today; a day that is no date is today. */
    private LocalDate day(String text) {
        try {
            return text == null ? LocalDate.now(clock.withZone(SwedishTime.ZONE)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDate.now(clock.withZone(SwedishTime.ZONE));
        }
    }

    private static Optional<SignedInUser.Resident> resident() {
        return CurrentUser.get().filter(SignedInUser.Resident.class::isInstance).map(SignedInUser.Resident.class::cast);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }
}
