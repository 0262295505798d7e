package se.samla.messaging;

/** A way the municipality's post reaches a resident. */
public enum PostChannel {
    /** The resident's digital mailbox in Mina meddelanden (Kivra, Min myndighetspost ...). */
    DIGITAL_MAILBOX,
    /** Mina sidor, with an e-mail saying that something has arrived there. */
    EMAIL,
    /** A letter on paper, to the address in the population register. */
    PAPER
}
