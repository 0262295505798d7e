package se.samla.messaging;

import java.util.List;
import java.util.UUID;

/**
 * One notification to send. The texts never name the case type or its content, since an e-mail may be
 * read by others: they give the reference number and point to Mina sidor.
 *
 * @param eventKey what it is about, unique per tenant, so the same event never notifies twice
 * @param kind     chooses the texts: messaging.{kind}.subject and messaging.{kind}.body
 * @param path     the page of the tenant the link in the text leads to
 */
record Notification(
        String eventKey,
        UUID caseId,
        String recipient,
        String kind,
        List<Object> args,
        String path,
        Attachment attachment) {

    /** A notification that points to Mina sidor. */
    Notification(String eventKey, UUID caseId, String recipient, String kind, List<Object> args) {
        this(eventKey, caseId, recipient, kind, args, "/mina-sidor", null);
    }

    Notification(String eventKey, UUID caseId, String recipient, String kind, List<Object> args, String path) {
        this(eventKey, caseId, recipient, kind, args, path, null);
    }

    /** The same notification with a file attached (a calendar invitation), or none. */
    Notification with(Attachment file) {
        return new Notification(eventKey, caseId, recipient, kind, args, path, file);
    }

    /** A text file sent with the e-mail. */
    record Attachment(String filename, String contentType, String content) {}
}
