package se.samla.cases;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.shared.EmailAddress;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.PersonIdentifier;
import se.samla.shared.StorableText;

/**
 * Checks a resident's answers against the form of the case type's version and turns them into typed
 * values. Questions that are not asked (their condition is not met) are left out of the answers.
 */
final class FormValidator {

    private static final Pattern PHONE = Pattern.compile("\\+?\\d{7,15}");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{3} ?\\d{2}");
    /** Plain decimal numbers as people write them; no exponents, at most 15 digits before the point. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");

    private static final Set<String> YES_NO = Set.of("ja", "nej");

    /** The typed answers, or what is wrong; both keyed by field. */
    record Result(Map<String, Object> answers, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Clock clock;

    FormValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param values    what was typed, by input name without its prefix (an address has key.street etc.)
     * @param fileCount how many files each file question now has
     */
    Result validate(CaseTypeDefinition type, Map<String, List<String>> values, Map<String, Integer> fileCount) {
        Map<String, Object> answers = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (FormField field : type.form()) {
            if (!isAsked(field, answers)) {
                continue;
            }
            if (hasUnreadableText(field, values)) {
                errors.add(FieldError.of(field.key(), "form.error.unreadable-characters"));
                continue;
            }
            if (field.type() == FieldType.FILE) {
                int count = fileCount.getOrDefault(field.key(), 0);
                if (field.required() && count == 0) {
                    errors.add(FieldError.of(field.key(), "form.error.file-required"));
                } else if (count > field.effectiveMaxFiles()) {
                    errors.add(FieldError.of(field.key(), "form.error.too-many-files", field.effectiveMaxFiles()));
                }
                continue;
            }
            if (field.type() == FieldType.ADDRESS) {
                address(field, values, answers, errors);
                continue;
            }
            if (field.type() == FieldType.MULTI_CHOICE) {
                List<String> chosen = values.getOrDefault(field.key(), List.of()).stream()
                        .filter(v -> !v.isBlank())
                        .toList();
                Set<String> allowed =
                        field.options().stream().map(FormField.Option::value).collect(Collectors.toSet());
                if (!allowed.containsAll(chosen)) {
                    errors.add(FieldError.of(field.key(), "form.error.unknown-choice"));
                } else if (field.required() && chosen.isEmpty()) {
                    errors.add(FieldError.of(field.key(), "form.error.choose-at-least-one"));
                } else if (!chosen.isEmpty()) {
                    answers.put(field.key(), List.copyOf(chosen));
                }
                continue;
            }
            String raw = first(values, field.key());
            if (raw.isEmpty()) {
                if (field.required()) {
                    errors.add(FieldError.of(
                            field.key(),
                            field.type() == FieldType.CHOICE || field.type() == FieldType.YES_NO
                                    ? "form.error.choose-one"
                                    : "form.error.required"));
                }
                continue;
            }
            try {
                answers.put(field.key(), typed(field, raw));
            } catch (Rejected rejected) {
                errors.add(new FieldError(field.key(), rejected.messageKey, rejected.args));
            }
        }
        return new Result(answers, errors);
    }

    static boolean hasUnreadableText(FormField field, Map<String, List<String>> values) {
        return values.entrySet().stream()
                .filter(e -> e.getKey().equals(field.key()) || e.getKey().startsWith(field.key() + "."))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> !StorableText.isStorable(v));
    }

    /** Whether the question is asked, given the answers before it. */
    static boolean isAsked(FormField field, Map<String, Object> answersSoFar) {
        if (field.showWhen() == null) {
            return true;
        }
        Object answer = answersSoFar.get(field.showWhen().field());
        return answer instanceof List<?> list
                ? list.contains(field.showWhen().equals())
                : field.showWhen().equals().equals(answer);
    }

    private Object typed(FormField field, String raw) {
        return switch (field.type()) {
            case TEXT, LONG_TEXT -> {
                String text = field.type() == FieldType.TEXT ? raw.replaceAll("\\s+", " ") : raw.replace("\r\n", "\n");
                if (text.codePointCount(0, text.length()) > field.effectiveMaxLength()) {
                    throw new Rejected("form.error.too-long", field.effectiveMaxLength());
                }
                yield text;
            }
            case NUMBER -> number(field, raw);
            case DATE -> date(field, raw);
            case CHOICE -> {
                if (field.options().stream().noneMatch(o -> o.value().equals(raw))) {
                    throw new Rejected("form.error.unknown-choice");
                }
                yield raw;
            }
            case YES_NO -> {
                if (!YES_NO.contains(raw)) {
                    throw new Rejected("form.error.choose-one");
                }
                yield raw;
            }
            case PERSONAL_NUMBER -> {
                try {
                    yield PersonIdentifier.parse(raw, clock).digits();
                } catch (InvalidIdentifierException e) {
                    throw new Rejected(e.messageKey());
                }
            }
            case ORGANISATION_NUMBER -> {
                try {
                    yield OrganisationNumber.parse(raw).formatted();
                } catch (InvalidIdentifierException e) {
                    throw new Rejected(e.messageKey());
                }
            }
            case EMAIL -> {
                if (!EmailAddress.isValid(raw)) {
                    throw new Rejected("form.error.email");
                }
                yield raw;
            }
            case PHONE -> {
                String digits = raw.replaceAll("[\\s()-]", "");
                if (!PHONE.matcher(digits).matches()) {
                    throw new Rejected("form.error.phone");
                }
                yield digits;
            }
            case MULTI_CHOICE, ADDRESS, FILE -> throw new IllegalStateException("handled elsewhere");
        };
    }

    private static BigDecimal number(FormField field, String raw) {
        String plain = raw.replaceAll("[\\s\u00a0]", "").replace(',', '.').replace('\u2212', '-');
        if (!NUMBER.matcher(plain).matches()) {
            throw new Rejected("form.error.not-a-number");
        }
        BigDecimal number = new BigDecimal(plain);
        if ((field.min() != null && number.compareTo(BigDecimal.valueOf(field.min())) < 0)
                || (field.max() != null && number.compareTo(BigDecimal.valueOf(field.max())) > 0)) {
            throw new Rejected("form.error.number-range", plain(field.min()), plain(field.max()));
        }
        return number;
    }

    private LocalDate date(FormField field, String raw) {
        LocalDate date;
        try {
            date = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new Rejected("form.error.not-a-date");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate earliest =
                field.min() == null ? null : today.plusDays(field.min().longValue());
        LocalDate latest =
                field.max() == null ? null : today.plusDays(field.max().longValue());
        if ((earliest != null && date.isBefore(earliest)) || (latest != null && date.isAfter(latest))) {
            throw new Rejected("form.error.date-range", String.valueOf(earliest), String.valueOf(latest));
        }
        return date;
    }

    private static void address(
            FormField field, Map<String, List<String>> values, Map<String, Object> answers, List<FieldError> errors) {
        String street = first(values, field.key() + ".street");
        String postalCode = first(values, field.key() + ".postalCode");
        String city = first(values, field.key() + ".city");
        if (street.isEmpty() && postalCode.isEmpty() && city.isEmpty() && !field.required()) {
            return;
        }
        int before = errors.size();
        if (street.isEmpty()) {
            errors.add(FieldError.of(field.key() + ".street", "form.error.street"));
        } else if (street.length() > 200) {
            errors.add(FieldError.of(field.key() + ".street", "form.error.too-long", 200));
        }
        if (!POSTAL_CODE.matcher(postalCode).matches()) {
            errors.add(FieldError.of(field.key() + ".postalCode", "form.error.postal-code"));
        }
        if (city.isEmpty()) {
            errors.add(FieldError.of(field.key() + ".city", "form.error.city"));
        } else if (city.length() > 100) {
            errors.add(FieldError.of(field.key() + ".city", "form.error.too-long", 100));
        }
        if (errors.size() == before) {
            String digits = postalCode.replace(" ", "");
            answers.put(
                    field.key(),
                    Map.of(
                            "street",
                            street,
                            "postalCode",
                            digits.substring(0, 3) + " " + digits.substring(3),
                            "city",
                            city));
        }
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() || list.get(0) == null
                ? ""
                : list.get(0).strip();
    }

    private static String plain(Double value) {
        return value == null
                ? ""
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static final class Rejected extends RuntimeException {
        final String messageKey;
        final List<Object> args;

        Rejected(String messageKey, Object... args) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
            this.args = List.of(args);
        }
    }
}
