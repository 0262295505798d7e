package se.samla.booking;

import java.util.List;
import se.samla.web.FieldView;

/** The booking forms' questions, shown through the one form-field template like every other form. */
final class Fields {

    private Fields() {}

    static FieldView text(String key, String label, String help, String value, String error) {
        return field(key, "TEXT", label, help, List.of(), value, error, 500);
    }

    static FieldView date(String key, String label, String value, String error) {
        return field(key, "DATE", label, null, List.of(), value, error, null);
    }

    static FieldView choice(String key, String label, List<FieldView.Choice> choices, String error) {
        return field(key, "CHOICE", label, null, choices, null, error, null);
    }

    private static FieldView field(
            String key,
            String type,
            String label,
            String help,
            List<FieldView.Choice> choices,
            String value,
            String error,
            Integer maxLength) {
        return new FieldView(
                key,
                type,
                label,
                help,
                true,
                null,
                choices,
                value == null ? "" : value,
                null,
                null,
                null,
                error,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                maxLength,
                null,
                null);
    }
}
