package se.samla.messaging;

import se.samla.tenancy.Tenant;

/**
 * The national digital mailbox infrastructure (Mina meddelanden): whether a resident has a mailbox that takes the
 * municipality's post, and delivery into it. It lies outside this machine; {@link MinaMeddelandenClient} speaks its
 * real protocol, to the real service or to the built-in demo operator.
 */
interface DigitalMailbox {

    /**
     * Asks where the person's digital post goes.
     *
     * @throws Failure when the question could not be answered
     */
    default Reachability reachability(Tenant tenant, String identityNumber) throws Failure {
        return reachability(tenant, java.util.List.of(identityNumber)).getOrDefault(identityNumber, Reachability.NONE);
    }

    /**
     * Asks for many people at once, as the service allows (up to 1000 a call).
     *
     * @return each person's answer; someone the service did not answer for has no mailbox
     * @throws Failure when the question could not be answered
     */
    java.util.Map<String, Reachability> reachability(Tenant tenant, java.util.Collection<String> identityNumbers)
            throws Failure;

    /**
     * Delivers one letter to the operator that {@code where} names, signed with the municipality's organisation
     * certificate. Sending the same message id again delivers nothing new: the operator recognises it.
     *
     * @throws Failure when the letter was not delivered (it may be tried again unless the failure is permanent)
     */
    Receipt deliver(Tenant tenant, Reachability where, Outgoing letter) throws Failure;

    /**
     * What Mina meddelanden says of a person.
     *
     * @param mailbox whether they have a mailbox (a secure one, not pending)
     * @param senderAccepted whether it takes post from this municipality
     * @param operator the mailbox operator's name, e.g. "Kivra"
     * @param serviceAddress where deliveries to that operator go
     */
    record Reachability(boolean mailbox, boolean senderAccepted, String operator, String serviceAddress) {

        static final Reachability NONE = new Reachability(false, false, null, null);

        boolean reachable() {
            return mailbox && senderAccepted && serviceAddress != null;
        }
    }

    /**
     * One letter to deliver: a short text that the mailbox shows, and the letter itself as a PDF attachment.
     *
     * @param calendar an iCalendar file to attach too (a booking's), or null
     * @param messageId the same on every try of this letter
     */
    record Outgoing(
            String messageId,
            String identityNumber,
            String subject,
            String reference,
            String text,
            byte[] pdf,
            String filename,
            Support support,
            String calendar) {}

    /** Where the resident gets help with the letter, as the mailbox shows it. */
    record Support(String text, String url, String phone, String email) {}

    /**
     * The operator's answer.
     *
     * @param delivered false when the recipient no longer takes the post (closed the mailbox since the question)
     */
    record Receipt(String operator, String transactionId, boolean delivered) {}

    /** A failed call, with whether trying again can help and a reason for staff. */
    final class Failure extends Exception {

        enum Kind {
            /** the operator or network did not answer, or answered with a server error: try again later */
            TRANSIENT,
            /** the message or its signature was refused, or our certificate is not usable: staff must act */
            PERMANENT
        }

        private final Kind kind;

        Failure(Kind kind, String reason, Throwable cause) {
            super(reason, cause);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }

        boolean permanent() {
            return kind == Kind.PERMANENT;
        }
    }
}
