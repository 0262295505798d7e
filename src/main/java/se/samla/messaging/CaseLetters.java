package se.samla.messaging;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseEvents;

/**
 * Turns a case's decision, completion requests and messages sent as letters into letters to the applicant, after the case's transaction
 * commits and through the event publication registry, so a letter is made after a crash too. Its delivery then
 * runs on its own, with its own retries ({@link PostDispatcher}).
 */
@Component
class CaseLetters {

    private final Letters letters;
    private final SecureMailboxDisposal mailbox;

    CaseLetters(Letters letters, SecureMailboxDisposal mailbox) {
        this.letters = letters;
        this.mailbox = mailbox;
    }

    @ApplicationModuleListener
    void on(CaseEvents.DecisionMade e) {
        // a decision is the case's own document: it carries the case's id
        letters.create("DECISION", e.caseId(), e.caseId());
    }

    @ApplicationModuleListener
    void on(CaseEvents.CompletionRequested e) {
        letters.create("COMPLETION_REQUEST", e.caseId(), e.requestId());
    }

    @ApplicationModuleListener
    void on(CaseEvents.MessageSentToResident e) {
        if (e.asLetter()) {
            letters.create("MESSAGE", e.caseId(), e.messageId());
        }
    }

    /** A guardian asked to sign an application for their child is told by their chosen way of getting post. */
    @ApplicationModuleListener
    void on(CaseEvents.SignatureRequested e) {
        letters.create("SIGNATURE_REQUEST", e.caseId(), e.signatureId());
    }

    /**
     * Once a case is disposed of, its letters keep only what they were and when they went, and a secure mailbox
     * thread it was made of goes with it.
     */
    @ApplicationModuleListener
    void on(CaseEvents.Disposed e) {
        letters.forget(e.caseId());
        mailbox.forgetCase(e.caseId());
    }
}
