package se.samla.booking;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.samla.booking.view.PendingBookingsView;
import se.samla.booking.view.StaffMeetingsView;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;
import se.samla.web.FieldView;

/** Staff's side of booking: approving bookings of their unit's facilities, resource feeds, and meeting times. */
@Controller
class BookingStaffController {

    private final Bookings bookings;
    private final Calendars calendars;
    private final Meetings meetings;
    private final Tenants tenants;
    private final MessageSource messages;
    private final Clock clock;

    BookingStaffController(
            Bookings bookings,
            Calendars calendars,
            Meetings meetings,
            Tenants tenants,
            MessageSource messages,
            Clock clock) {
        this.bookings = bookings;
        this.calendars = calendars;
        this.meetings = meetings;
        this.tenants = tenants;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/bokningar")
    String pending(Model model) {
        return pendingPage(null, null, null, model);
    }

    @PostMapping("/personal/bokningar/{id}/godkann")
    String approve(@PathVariable String id, Model model) {
        if (bookings.decide(staff(), uuid(id), true, null) == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return pendingPage(text("booking.staff.approved"), null, null, model);
    }

    @PostMapping("/personal/bokningar/{id}/avsla")
    String reject(
            @PathVariable String id,
            @RequestParam(name = "skal", required = false) String reason,
            HttpServletResponse response,
            Model model) {
        try {
            if (bookings.decide(staff(), uuid(id), false, reason) == 0) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return pendingPage(null, text(refused.messageKey), null, model);
        }
        return pendingPage(text("booking.staff.rejected"), null, null, model);
    }

    /** A new feed of a resource of the staff member's units; its address is shown this once. */
    @PostMapping("/personal/bokningar/kalender/{code}")
    String resourceFeed(@PathVariable String code, Model model) {
        var staff = staff();
        Resource resource = bookings.resource(code)
                .filter(r -> staff.hasRole(r.unit(), StaffRole.CASE_OFFICER)
                        || staff.hasRole(r.unit(), StaffRole.ADMINISTRATOR))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String token = calendars.newFeed(null, resource.code(), staff.auditId());
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/kalender/" + token + ".ics")
                .toUriString();
        return pendingPage(text("booking.notice.feed-made"), null, url, model);
    }

    private String pendingPage(String notice, String error, String feedUrl, Model model) {
        var staff = staff();
        Locale locale = LocaleContextHolder.getLocale();
        var pending = bookings.pending(staff);
        Map<UUID, Long> perSeries = new LinkedHashMap<>();
        pending.stream().filter(p -> p.seriesId() != null).forEach(p -> perSeries.merge(p.seriesId(), 1L, Long::sum));
        var shownSeries = new java.util.HashSet<UUID>();
        model.addAttribute(
                "pending",
                new PendingBookingsView(
                        pending.stream()
                                // a series is decided as one: its first week stands for it
                                .filter(p -> p.seriesId() == null || shownSeries.add(p.seriesId()))
                                .map(p -> new PendingBookingsView.Item(
                                        p.id().toString(),
                                        bookings.resource(p.resource())
                                                .map(r -> r.name().in(locale))
                                                .orElse(p.resource()),
                                        BookingController.when(p.startsAt(), p.endsAt()),
                                        p.bookerName(),
                                        p.principalName(),
                                        p.priceSek() == 0 ? text("booking.free") : p.priceSek() + " kr",
                                        p.seriesId() == null
                                                ? 1
                                                : perSeries.get(p.seriesId()).intValue()))
                                .toList(),
                        bookings.resources().stream()
                                .filter(r -> staff.hasRole(r.unit(), StaffRole.CASE_OFFICER)
                                        || staff.hasRole(r.unit(), StaffRole.ADMINISTRATOR))
                                .map(r -> new PendingBookingsView.Resource(
                                        r.code(), r.name().in(locale), calendars.hasFeed(null, r.code())))
                                .toList(),
                        feedUrl,
                        notice,
                        error));
        return "booking/staff-bookings";
    }

    @GetMapping("/personal/moten")
    String meetingTimes(Model model) {
        return meetingsPage(Map.of(), Map.of(), null, model);
    }

    @PostMapping("/personal/moten")
    String offer(@RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        var staff = staff();
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate day = null;
        LocalTime start = null;
        LocalTime end = null;
        try {
            day = LocalDate.parse(form.getOrDefault("f.dag", ""));
        } catch (DateTimeParseException e) {
            errors.put("dag", text("meeting.error.day"));
        }
        try {
            start = LocalTime.parse(form.getOrDefault("f.start", "").strip());
        } catch (DateTimeParseException e) {
            errors.put("start", text("meeting.error.time"));
        }
        try {
            end = LocalTime.parse(form.getOrDefault("f.slut", "").strip());
        } catch (DateTimeParseException e) {
            errors.put("slut", text("meeting.error.time"));
        }
        Meetings.Mode mode = null;
        try {
            mode = Meetings.Mode.valueOf(form.getOrDefault("f.satt", ""));
        } catch (IllegalArgumentException e) {
            errors.put("satt", text("meeting.error.mode"));
        }
        if (errors.isEmpty()) {
            try {
                meetings.offer(
                        staff,
                        form.get("f.enhet"),
                        Meetings.at(day, start),
                        Meetings.at(day, end),
                        mode,
                        form.get("f.plats"),
                        form.get("f.lank"));
                return meetingsPage(Map.of(), Map.of(), text("meeting.staff.offered"), model);
            } catch (Meetings.Invalid invalid) {
                errors.put(field(invalid.field), text(invalid.messageKey));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return meetingsPage(errors, form, null, model);
    }

    private static String field(String serviceField) {
        return switch (serviceField) {
            case "unit" -> "enhet";
            case "end" -> "slut";
            case "mode" -> "satt";
            case "place" -> "plats";
            case "link" -> "lank";
            default -> serviceField;
        };
    }

    @PostMapping("/personal/moten/{id}/utfall")
    String outcome(@PathVariable String id, @RequestParam("utfall") String outcome, Model model) {
        if (!meetings.record(staff(), uuid(id), "held".equals(outcome))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return meetingsPage(Map.of(), Map.of(), text("meeting.staff.recorded"), model);
    }

    @PostMapping("/personal/moten/{id}/avboka")
    String cancelMeeting(@PathVariable String id, Model model) {
        if (!meetings.cancel(staff(), uuid(id))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return meetingsPage(Map.of(), Map.of(), text("meeting.staff.cancelled"), model);
    }

    private String meetingsPage(Map<String, String> errors, Map<String, String> entered, String notice, Model model) {
        var staff = staff();
        Locale locale = LocaleContextHolder.getLocale();
        Instant now = clock.instant();
        var units = staff.rolesByUnit().entrySet().stream()
                .filter(e -> e.getValue().contains(StaffRole.CASE_OFFICER))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        String chosenUnit = entered.getOrDefault("f.enhet", units.isEmpty() ? "" : units.get(0));
        String chosenMode = entered.getOrDefault("f.satt", "PHONE");
        var fields = List.of(
                Fields.choice(
                        "enhet",
                        text("meeting.field.unit"),
                        units.stream()
                                .map(u -> new FieldView.Choice(
                                        u,
                                        tenants.unit(staff.tenantId(), u)
                                                .map(x -> x.name().in(locale))
                                                .orElse(u),
                                        u.equals(chosenUnit),
                                        null))
                                .toList(),
                        errors.get("enhet")),
                Fields.date(
                        "dag",
                        text("meeting.field.day"),
                        entered.getOrDefault(
                                "f.dag",
                                LocalDate.now(clock.withZone(SwedishTime.ZONE))
                                        .plusDays(1)
                                        .toString()),
                        errors.get("dag")),
                Fields.text(
                        "start",
                        text("meeting.field.start"),
                        text("meeting.field.time-hint"),
                        entered.getOrDefault("f.start", "10:00"),
                        errors.get("start")),
                Fields.text(
                        "slut",
                        text("meeting.field.end"),
                        text("meeting.field.time-hint"),
                        entered.getOrDefault("f.slut", "10:45"),
                        errors.get("slut")),
                Fields.choice(
                        "satt",
                        text("meeting.field.mode"),
                        java.util.Arrays.stream(Meetings.Mode.values())
                                .map(m -> new FieldView.Choice(
                                        m.name(),
                                        text("meeting.mode." + m.name()),
                                        m.name().equals(chosenMode),
                                        null))
                                .toList(),
                        errors.get("satt")),
                optional(Fields.text(
                        "plats",
                        text("meeting.field.place"),
                        text("meeting.field.place-hint"),
                        entered.getOrDefault("f.plats", ""),
                        errors.get("plats"))),
                optional(Fields.text(
                        "lank",
                        text("meeting.field.link"),
                        text("meeting.field.link-hint"),
                        entered.getOrDefault("f.lank", ""),
                        errors.get("lank"))));
        model.addAttribute(
                "meetings",
                new StaffMeetingsView(
                        meetings.offeredBy(staff).stream()
                                .map(t -> new StaffMeetingsView.Time(
                                        BookingController.when(t.startsAt(), t.endsAt()),
                                        text("meeting.mode." + t.mode().name())
                                                + (t.mode() == Meetings.Mode.IN_PERSON ? ", " + t.place() : ""),
                                        t.bookedBy(),
                                        t.reference(),
                                        t.meetingId() == null
                                                ? null
                                                : t.meetingId().toString(),
                                        t.meetingStatus() == null ? null : text("meeting.status." + t.meetingStatus()),
                                        !t.startsAt().isAfter(now)))
                                .toList(),
                        fields,
                        !units.isEmpty(),
                        notice));
        return "booking/staff-meetings";
    }

    private static FieldView optional(FieldView field) {
        return new FieldView(
                field.key(),
                field.type(),
                field.label(),
                field.help(),
                false,
                field.condition(),
                field.choices(),
                field.value(),
                null,
                null,
                null,
                field.error(),
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                field.maxLength(),
                null,
                null);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static SignedInUser.Staff staff() {
        return CurrentUser.get()
                .filter(SignedInUser.Staff.class::isInstance)
                .map(SignedInUser.Staff.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
