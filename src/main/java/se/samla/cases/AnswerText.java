package se.samla.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import se.samla.catalog.FormField;

/** An answer as a person reads it: option labels instead of codes, an address on one line. */
final class AnswerText {

    private AnswerText() {}

    static String of(FormField field, Object answer, Locale locale, MessageSource messages) {
        return switch (field.type()) {
            case CHOICE -> label(field, String.valueOf(answer), locale);
            case MULTI_CHOICE ->
                ((List<?>) answer)
                        .stream()
                                .map(v -> label(field, String.valueOf(v), locale))
                                .collect(Collectors.joining(", "));
            case YES_NO -> messages.getMessage("ja".equals(answer) ? "form.yes" : "form.no", null, locale);
            case ADDRESS -> {
                Map<?, ?> address = (Map<?, ?>) answer;
                yield address.get("street") + ", " + address.get("postalCode") + " " + address.get("city");
            }
            case PERSONAL_NUMBER -> {
                String digits = String.valueOf(answer);
                yield digits.length() == 12 ? digits.substring(0, 8) + "-" + digits.substring(8) : digits;
            }
            default -> String.valueOf(answer);
        };
    }

    private static String label(FormField field, String value, Locale locale) {
        return field.options().stream()
                .filter(o -> o.value().equals(value))
                .map(o -> o.label().in(locale))
                .findFirst()
                .orElse(value);
    }
}
