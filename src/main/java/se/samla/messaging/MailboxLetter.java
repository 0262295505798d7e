package se.samla.messaging;

/** A letter in the demo mailbox, as its page shows it. */
public record MailboxLetter(String recipient, String subject, String body, String received) {}
