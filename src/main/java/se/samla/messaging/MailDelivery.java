package se.samla.messaging;

/** Where e-mail goes: a real SMTP server, or the local mailbox when none is configured. */
interface MailDelivery {

    /**
     * @param attachment a file to send with it, or null
     * @return the channel used, for the delivery record
     */
    String deliver(String from, String recipient, String subject, String body, Notification.Attachment attachment);
}
