package se.samla.fees;

/**
 * A Peppol access point: who can receive e-invoices (the participant lookup, SML/SMP), and the sending of one. The
 * municipality's service provider runs it; Samla reaches it through this interface.
 */
interface AccessPoint {

    /** Whether the participant (scheme:identifier, e.g. 0007:5568012347) receives BIS Billing 3.0 invoices. */
    boolean reaches(String participantId);

    /** Hands the document over for delivery to the participant, once for each message id. */
    void send(String participantId, java.util.UUID invoiceId, String document);
}
