package se.samla.cases;

/** A change the case type does not allow from where the case is, e.g. a transition not in the lifecycle. */
public class IllegalCaseChangeException extends RuntimeException {

    private final String messageKey;

    IllegalCaseChangeException(String messageKey) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
