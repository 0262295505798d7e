package se.samla.fees;

/**
 * A fee that cannot be charged as asked: its amount cannot be worked out from the answers, or the officer's own
 * amount is not one. Nothing is charged.
 */
public class FeeRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    FeeRefused(String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
