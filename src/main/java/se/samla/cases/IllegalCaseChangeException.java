package se.samla.cases;

/** A change the case type does not allow from where the case is, e.g. a transition not in the lifecycle. */
public class IllegalCaseChangeException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    IllegalCaseChangeException(String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    /** What the message names, e.g. the question whose answer a fee needs. */
    public Object[] arguments() {
        return arguments.clone();
    }
}
