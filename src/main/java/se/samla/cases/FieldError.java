package se.samla.cases;

import java.util.List;

/**
 * A problem with one answer.
 *
 * @param field      the input it belongs to (the field key, or key.part for an address)
 * @param messageKey the sentence in the message bundles
 */
public record FieldError(String field, String messageKey, List<Object> args) {

    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    static FieldError of(String field, String messageKey, Object... args) {
        return new FieldError(field, messageKey, List.of(args));
    }
}
