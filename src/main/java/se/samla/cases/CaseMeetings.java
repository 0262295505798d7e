package se.samla.cases;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.booking.BookingEvents;
import se.samla.booking.MeetingSubjects;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/**
 * Meetings about cases: a resident may book one about a case of whom they act for, with the case's unit; a booked,
 * cancelled, held or missed meeting is written in the case's history as a note, after the booking commits.
 */
@Component
class CaseMeetings implements MeetingSubjects {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ResidentCases residentCases;
    private final CaseQueries cases;
    private final CaseWork work;
    private final MessageSource messages;

    CaseMeetings(ResidentCases residentCases, CaseQueries cases, CaseWork work, MessageSource messages) {
        this.residentCases = residentCases;
        this.cases = cases;
        this.work = work;
        this.messages = messages;
    }

    @Override
    public String kind() {
        return "case";
    }

    @Override
    public Optional<Subject> find(SignedInUser.Resident resident, Principal principal, UUID id) {
        return residentCases
                .act(resident, principal, id)
                .filter(c -> c.closedAt() == null)
                .map(c -> new Subject("case", c.id(), c.reference(), c.unit()));
    }

    @ApplicationModuleListener
    void on(BookingEvents.MeetingRecorded e) {
        cases.byId(e.caseId())
                .ifPresent(c -> work.note(
                        c,
                        messages.getMessage(
                                "case.meeting." + e.what(),
                                new Object[] {
                                    WHEN.format(e.startsAt().atZone(SwedishTime.ZONE)),
                                    messages.getMessage("meeting.mode." + e.mode(), null, SWEDISH),
                                    e.officerName()
                                },
                                SWEDISH),
                        new CaseWork.Worker(e.by(), messages.getMessage("case.meeting.author", null, SWEDISH))));
    }
}
