package se.samla.catalog;

import java.util.List;
import se.samla.shared.LocalizedText;

/**
 * One question of an e-service form.
 *
 * @param min       NUMBER: smallest value; DATE: earliest, as days from today (negative for the past)
 * @param max       NUMBER: largest value; DATE: latest, as days from today
 * @param maxLength TEXT and LONG_TEXT: most characters
 * @param options   CHOICE and MULTI_CHOICE: the answers to choose from
 * @param showWhen  ask only when another answer has a given value
 * @param maxFiles  FILE: most files
 * @param maxSizeMb FILE: largest file
 * @param accept    FILE: allowed content types, detected from the content
 */
public record FormField(
        String key,
        FieldType type,
        LocalizedText label,
        LocalizedText help,
        boolean required,
        Double min,
        Double max,
        Integer maxLength,
        List<Option> options,
        Condition showWhen,
        Integer maxFiles,
        Integer maxSizeMb,
        List<String> accept) {

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
        accept = accept == null ? List.of() : List.copyOf(accept);
    }

    public record Option(String value, LocalizedText label) {}

    /** Show the field only when the answer to {@code field} is (or, for multi-choice, includes) {@code equals}. */
    public record Condition(String field, String equals) {}

    /** A question of files of Samla's own, outside any case type's form (the answer to a completion request). */
    public static FormField files(String key, LocalizedText label, int maxFiles, int maxSizeMb, List<String> accept) {
        return new FormField(
                key,
                FieldType.FILE,
                label,
                null,
                false,
                null,
                null,
                null,
                List.of(),
                null,
                maxFiles,
                maxSizeMb,
                accept);
    }

    public int effectiveMaxLength() {
        return maxLength != null ? maxLength : type == FieldType.LONG_TEXT ? 10_000 : 500;
    }

    public int effectiveMaxFiles() {
        return maxFiles != null ? maxFiles : 5;
    }

    public long effectiveMaxBytes() {
        return (maxSizeMb != null ? maxSizeMb : 10) * 1024L * 1024L;
    }
}
