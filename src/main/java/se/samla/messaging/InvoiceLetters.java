package se.samla.messaging;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseLetter;
import se.samla.fees.FeesEvents;

/**
 * An invoice, credit note or reminder reaches its receiver as a letter by their chosen way of getting post (a digital
 * mailbox first), after the invoice's transaction commits and through the event publication registry. It must be
 * delivered: unread, it goes on paper too. One sent as an e-invoice (Peppol) is no letter.
 */
@Component
class InvoiceLetters {

    private final Letters letters;

    InvoiceLetters(Letters letters) {
        this.letters = letters;
    }

    @ApplicationModuleListener
    void on(FeesEvents.InvoiceIssued invoice) {
        if (invoice.personId() == null || !"LETTER".equals(invoice.delivery())) {
            return;
        }
        letters.create(new CaseLetter(
                invoice.caseId(),
                invoice.caseReference(),
                invoice.title(),
                invoice.unit(),
                invoice.personId(),
                invoice.recipientName(),
                invoice.identityNumber(),
                invoice.kind(),
                invoice.sourceId(),
                invoice.title(),
                invoice.parts().stream()
                        .map(p -> new CaseLetter.Part(p.heading(), p.text()))
                        .toList(),
                null,
                java.time.Instant.now(),
                invoice.dueOn(),
                true));
    }
}
