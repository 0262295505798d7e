package se.samla.shared;

/**
 * An identity number that is not valid. {@link #reason()} says why, as a stable code that the user
 * interface turns into a sentence in the reader's language.
 */
public class InvalidIdentifierException extends IllegalArgumentException {

    public enum Reason {
        EMPTY,
        WRONG_FORMAT,
        IMPOSSIBLE_DATE,
        FUTURE_DATE,
        WRONG_CHECK_DIGIT,
        COORDINATION_NUMBER_NOT_ALLOWED,
        NOT_A_COORDINATION_NUMBER,
        NOT_AN_ORGANISATION_NUMBER
    }

    private final Reason reason;

    public InvalidIdentifierException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Key of the user-facing sentence in the message bundles. */
    public String messageKey() {
        return "identifier.invalid." + reason.name();
    }
}
