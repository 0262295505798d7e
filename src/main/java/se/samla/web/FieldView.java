package se.samla.web;

import java.util.List;
import java.util.UUID;

/**
 * One question of a form made from a case type (an e-service or a report), as {@code web/form-field.jte} shows it:
 * what was typed and what is wrong. Every form shows its questions through that one template, so ids, hints,
 * required markers and error links are the same everywhere.
 *
 * @param type      the catalogue's field type (TEXT, LONG_TEXT, NUMBER, DATE, EMAIL, PHONE, CHOICE, YES_NO,
 *                  MULTI_CHOICE, ADDRESS, FILE)
 * @param condition when the question applies ("Svara om ..."), or null
 * @param value     what was typed; for an address its parts are street, postalCode and city
 * @param maxLength for text, else null
 * @param min       for a date, else null; so is max
 */
public record FieldView(
        String key,
        String type,
        String label,
        String help,
        boolean required,
        String condition,
        List<Choice> choices,
        String value,
        String street,
        String postalCode,
        String city,
        String error,
        String streetError,
        String postalCodeError,
        String cityError,
        List<File> files,
        String accept,
        Integer maxFiles,
        Long maxMegabytes,
        Integer maxLength,
        String min,
        String max) {

    /** The id of the question's input (or fieldset), and the anchor an error summary links to. */
    public static String id(String key) {
        return "f-" + key.replace('.', '-');
    }

    public String id() {
        return id(key);
    }

    /** What a browser may fill in (WCAG 1.3.5): the person's own name, e-mail and telephone. */
    public String autocomplete() {
        return switch (type) {
            case "EMAIL" -> "email";
            case "PHONE" -> "tel";
            default -> key.equals("name") ? "name" : null;
        };
    }

    public boolean isChoice() {
        return type.equals("CHOICE") || type.equals("YES_NO") || type.equals("MULTI_CHOICE");
    }

    public String describedBy() {
        StringBuilder ids = new StringBuilder();
        if (help != null) {
            ids.append(id()).append("-hint ");
        }
        if (condition != null) {
            ids.append(id()).append("-condition ");
        }
        if (error != null) {
            ids.append(id()).append("-error");
        }
        String joined = ids.toString().strip();
        return joined.isEmpty() ? null : joined;
    }

    /** One option of a choice; {@code hint} says what choosing it means, or is null. */
    public record Choice(String value, String label, boolean selected, String hint) {

        public Choice(String value, String label, boolean selected) {
            this(value, label, selected, null);
        }
    }

    public record File(UUID id, String name, String size) {}
}
