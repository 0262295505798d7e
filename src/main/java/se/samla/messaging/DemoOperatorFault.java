package se.samla.messaging;

/**
 * A refusal of the demo mailbox operator, answered as a SOAP fault with Mina meddelanden's applicationFault
 * detail. The codes are the demo operator's own: 1xxx the recipient, 2xxx the signature or certificate, 3xxx the
 * message, 9xxx the operator itself.
 */
final class DemoOperatorFault extends RuntimeException {

    static final int NO_MAILBOX = 1001;
    static final int BAD_SIGNATURE = 2001;
    static final int UNTRUSTED_CERTIFICATE = 2002;
    static final int INVALID_MESSAGE = 3001;
    static final int BAD_CHECKSUM = 3002;
    static final int OUT_OF_ORDER = 9001;

    private final int code;

    DemoOperatorFault(int code, String description) {
        super(description);
        this.code = code;
    }

    int code() {
        return code;
    }
}
