package se.samla.booking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.booking.view.MeetingTimesView;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;

/** A resident books a meeting with a case officer about their case or their conversation with the unit. */
@Controller
class MeetingController {

    private final Meetings meetings;
    private final Representation representation;
    private final MessageSource messages;

    MeetingController(Meetings meetings, Representation representation, MessageSource messages) {
        this.meetings = meetings;
        this.representation = representation;
        this.messages = messages;
    }

    @GetMapping("/mina-sidor/moten/boka")
    String times(
            @RequestParam(name = "arende", required = false) String caseId,
            @RequestParam(name = "trad", required = false) String threadId,
            HttpServletRequest request,
            Model model) {
        var subject = subject(caseId, threadId, request);
        return page(subject, null, model);
    }

    @PostMapping("/mina-sidor/moten/boka")
    String book(
            @RequestParam(name = "arende", required = false) String caseId,
            @RequestParam(name = "trad", required = false) String threadId,
            @RequestParam(name = "tid", required = false) String timeId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var subject = subject(caseId, threadId, request);
        UUID time;
        try {
            time = UUID.fromString(timeId == null ? "" : timeId);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(subject, text("meeting.error.choose-time"), model);
        }
        try {
            meetings.book(resident(), subject, time);
            return "redirect:/mina-sidor/bokningar?mote=1";
        } catch (Bookings.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(subject, text(refused.messageKey), model);
        }
    }

    private MeetingSubjects.Subject subject(String caseId, String threadId, HttpServletRequest request) {
        var resident = resident();
        String kind = caseId != null ? "case" : "thread";
        UUID id;
        try {
            id = UUID.fromString(caseId != null ? caseId : threadId == null ? "" : threadId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return meetings.subject(resident, representation.current(request, resident), kind, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String page(MeetingSubjects.Subject subject, String error, Model model) {
        model.addAttribute(
                "meeting",
                new MeetingTimesView(
                        subject.kind().equals("case") ? "arende" : "trad",
                        subject.id().toString(),
                        subject.reference(),
                        meetings.freeIn(subject.unit()).stream()
                                .map(t -> new MeetingTimesView.Time(
                                        t.id().toString(),
                                        BookingController.when(t.startsAt(), t.endsAt()),
                                        text("meeting.mode." + t.mode().name())
                                                + (t.mode() == Meetings.Mode.IN_PERSON ? ", " + t.place() : ""),
                                        t.officerName()))
                                .toList(),
                        error));
        return "booking/meeting-times";
    }

    private static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
