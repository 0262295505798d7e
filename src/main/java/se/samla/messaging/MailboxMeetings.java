package se.samla.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.booking.MeetingSubjects;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;

/**
 * A resident may book a meeting with the unit about their own open conversation in the secure mailbox (one that has
 * become a case is booked from the case), at a login that reaches the conversation's level.
 */
@Component
class MailboxMeetings implements MeetingSubjects {

    private final MailboxThreads threads;
    private final SecureMailbox mailbox;
    private final AuditLog audit;

    MailboxMeetings(MailboxThreads threads, SecureMailbox mailbox, AuditLog audit) {
        this.threads = threads;
        this.mailbox = mailbox;
        this.audit = audit;
    }

    @Override
    public String kind() {
        return "thread";
    }

    @Override
    @Transactional
    public Optional<Subject> find(SignedInUser.Resident resident, Principal principal, UUID id) {
        var thread = threads.find(id)
                .filter(t -> principal.isSelf() && t.personId().equals(resident.personId()))
                .filter(t -> !t.inCase() && mailbox.readable(resident, t));
        if (thread.isEmpty()) {
            audit.record(
                    new AuditRecord(Actor.of(resident.auditId()), "ACCESS_REFUSED", "thread", id.toString(), Map.of()));
        }
        return thread.map(t -> new Subject("thread", t.id(), t.reference(), t.unit()));
    }
}
