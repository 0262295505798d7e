package se.samla.booking;

import java.util.Optional;
import java.util.UUID;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;

/**
 * What a meeting with a case officer can be about: a case, or a conversation in the secure mailbox. The modules that
 * own them implement this, so booking learns whether a resident may book about one, and with which unit, without
 * reading their tables.
 */
public interface MeetingSubjects {

    /** "case" or "thread". */
    String kind();

    /** The subject, if the resident (for whom they act) may book a meeting about it; empty else. */
    Optional<Subject> find(SignedInUser.Resident resident, Principal principal, UUID id);

    /**
     * @param reference the case's reference number or the thread's, for people to read
     * @param unit      the unit whose officers offer the times
     */
    record Subject(String kind, UUID id, String reference, String unit) {}
}
