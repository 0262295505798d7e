package se.samla.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.cases.view.FormView;
import se.samla.catalog.CaseType;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.web.FieldView;

/**
 * Builds what the form templates show, in the reader's language: the e-service form, and the questions of any form
 * made from a case type.
 */
@Component
public class FormViews {

    private final MessageSource messages;
    private final Clock clock;

    FormViews(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    FormView build(
            CaseType type,
            UUID submissionId,
            Map<String, List<String>> values,
            List<FieldError> errors,
            List<Attachment> pending,
            boolean canSaveDraft,
            String notice,
            Instant draftExpires,
            Locale locale) {
        var definition = type.definition();
        List<FieldView> fields = fields(type, values, errors, pending, locale, f -> true);
        List<FormView.Problem> problems = errors.stream()
                .map(e -> new FormView.Problem(FieldView.id(e.field()), message(e, locale)))
                .toList();
        return new FormView(
                type.code(),
                type.version(),
                definition.name().in(locale),
                submissionId,
                fields,
                problems,
                canSaveDraft,
                notice,
                draftExpires == null ? null : CaseViews.day(draftExpires),
                definition.signing().name(),
                definition.coSigning() != null);
    }

    /**
     * The questions of a form made from the case type, for the shared field template.
     *
     * @param shown the questions the form asks through the template (a report asks for photos its own way)
     */
    public List<FieldView> fields(
            CaseType type,
            Map<String, List<String>> values,
            List<FieldError> errors,
            Locale locale,
            Predicate<FormField> shown) {
        return fields(type, values, errors, List.of(), locale, shown);
    }

    private List<FieldView> fields(
            CaseType type,
            Map<String, List<String>> values,
            List<FieldError> errors,
            List<Attachment> pending,
            Locale locale,
            Predicate<FormField> shown) {
        var definition = type.definition();
        List<FieldView> fields = new ArrayList<>();
        for (FormField f : definition.form()) {
            if (!shown.test(f)) {
                continue;
            }
            List<String> typed = values.getOrDefault(f.key(), List.of());
            String value = typed.isEmpty() ? null : typed.get(0);
            List<FieldView.Choice> choices = new ArrayList<>();
            if (f.type() == FieldType.YES_NO) {
                choices.add(new FieldView.Choice("ja", text("form.yes", locale), "ja".equals(value)));
                choices.add(new FieldView.Choice("nej", text("form.no", locale), "nej".equals(value)));
            }
            for (FormField.Option o : f.options()) {
                choices.add(new FieldView.Choice(o.value(), o.label().in(locale), typed.contains(o.value())));
            }
            String condition = null;
            if (f.showWhen() != null) {
                var target = definition.field(f.showWhen().field()).orElseThrow();
                String answer = target.options().stream()
                        .filter(o -> o.value().equals(f.showWhen().equals()))
                        .map(o -> o.label().in(locale))
                        .findFirst()
                        .orElse(text("ja".equals(f.showWhen().equals()) ? "form.yes" : "form.no", locale));
                condition = text("form.condition", locale, target.label().in(locale), answer);
            }
            List<FieldView.File> files = pending.stream()
                    .filter(a -> a.fieldKey().equals(f.key()))
                    .map(a -> new FieldView.File(a.id(), a.filename(), size(a.sizeBytes())))
                    .toList();
            fields.add(new FieldView(
                    f.key(),
                    f.type().name(),
                    f.label().in(locale),
                    f.help() == null ? null : f.help().in(locale),
                    f.required(),
                    condition,
                    choices,
                    value,
                    first(values, f.key() + ".street"),
                    first(values, f.key() + ".postalCode"),
                    first(values, f.key() + ".city"),
                    error(errors, f.key(), locale),
                    error(errors, f.key() + ".street", locale),
                    error(errors, f.key() + ".postalCode", locale),
                    error(errors, f.key() + ".city", locale),
                    files,
                    String.join(",", f.accept()),
                    f.type() == FieldType.FILE ? f.effectiveMaxFiles() : null,
                    f.type() == FieldType.FILE ? f.effectiveMaxBytes() / (1024 * 1024) : null,
                    switch (f.type()) {
                        case TEXT, LONG_TEXT, EMAIL, PHONE -> f.effectiveMaxLength();
                        default -> null;
                    },
                    bound(f, f.min()),
                    bound(f, f.max())));
        }
        return fields;
    }

    public String message(FieldError error, Locale locale) {
        return messages.getMessage(error.messageKey(), error.args().toArray(), error.messageKey(), locale);
    }

    private String error(List<FieldError> errors, String field, Locale locale) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(e -> message(e, locale))
                .reduce((a, b) -> a + " " + b)
                .orElse(null);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private String bound(FormField f, Double value) {
        if (value == null) {
            return null;
        }
        if (f.type() == FieldType.DATE) {
            return CaseViews.DAY.format(LocalDate.now(clock).plusDays(value.longValue()));
        }
        return f.type() == FieldType.NUMBER
                ? java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : null;
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    static String size(long bytes) {
        return bytes < 1024 * 1024
                ? Math.max(1, bytes / 1024) + " kB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
