package se.samla.messaging;

import java.util.List;
import se.samla.cases.FieldError;
import se.samla.shared.StorableText;

/** What the secure mailbox refuses, for both its sides, and how written text is checked. */
final class MailboxProblems {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10_000;

    private MailboxProblems() {}

    /** What was written was not accepted; nothing was stored. */
    static final class Refused extends RuntimeException {

        final transient List<FieldError> errors;

        Refused(List<FieldError> errors) {
            super("Refused: " + errors.stream().map(FieldError::field).toList(), null, false, false);
            this.errors = List.copyOf(errors);
        }
    }

    /** The thread is not one this user may see, or there is none. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("No such thread", null, false, false);
        }
    }

    /** The resident's login is below the level the unit asks for. */
    static final class AssuranceTooLow extends RuntimeException {
        final int needed;

        AssuranceTooLow(int needed) {
            super("The unit asks for assurance level " + needed, null, false, false);
            this.needed = needed;
        }
    }

    /** The thread changed since the page was shown, or is in no state for this; the key says which. */
    static final class NotNow extends RuntimeException {
        final String messageKey;

        NotNow(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }
    }

    /** Adds what is wrong with a written text, if anything: missing, too long, or not storable. */
    static void checkText(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(error(field, "mailbox.error." + field + ".missing"));
        } else if (value.strip().codePointCount(0, value.strip().length()) > max) {
            errors.add(error(field, "form.error.too-long", max));
        } else if (!StorableText.isStorable(value)) {
            errors.add(error(field, "form.error.unreadable-characters"));
        }
    }

    static FieldError error(String field, String messageKey, Object... args) {
        return new FieldError(field, messageKey, List.of(args));
    }
}
