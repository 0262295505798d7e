package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.FieldType;
import se.samla.catalog.FormField;
import se.samla.catalog.FormField.Condition;
import se.samla.catalog.FormField.Option;
import se.samla.shared.Confidentiality;
import se.samla.shared.LocalizedText;
import se.samla.shared.SwedishTime;

/** Every kind of question, with right and wrong answers. */
class FormValidatorTest {

    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), SwedishTime.ZONE);
    static final LocalizedText L = new LocalizedText("x", "x");
    final FormValidator validator = new FormValidator(TODAY);

    static FormField field(String key, FieldType type, boolean required) {
        return new FormField(key, type, L, null, required, null, null, null, List.of(), null, null, null, List.of());
    }

    static CaseTypeDefinition form(FormField... fields) {
        return new CaseTypeDefinition(
                "t",
                L,
                L,
                "c",
                "U",
                CaseTypeDefinition.Starter.ANYONE,
                null,
                new CaseTypeDefinition.Confidentiality(Confidentiality.PUBLIC, null),
                1,
                1,
                List.of(fields),
                List.of(),
                List.of(),
                List.of(),
                null,
                true,
                new CaseTypeDefinition.Classification(1, 1, 1),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    FormValidator.Result check(FormField field, String... values) {
        return validator.validate(form(field), Map.of(field.key(), List.of(values)), Map.of());
    }

    String error(FormField field, String... values) {
        var result = check(field, values);
        assertThat(result.errors()).hasSize(1);
        assertThat(result.answers()).doesNotContainKey(field.key());
        return result.errors().get(0).messageKey();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "TEXT|''|form.error.required",
                "TEXT|'   '|form.error.required",
                "NUMBER|tolv|form.error.not-a-number",
                "NUMBER|12a|form.error.not-a-number",
                "NUMBER|1e999999999|form.error.not-a-number",
                "DATE|2026-13-01|form.error.not-a-date",
                "DATE|26/11/2026|form.error.not-a-date",
                "YES_NO|kanske|form.error.choose-one",
                "PERSONAL_NUMBER|19121212-1213|identifier.invalid.WRONG_CHECK_DIGIT",
                "PERSONAL_NUMBER|20991212-1212|identifier.invalid.FUTURE_DATE",
                "PERSONAL_NUMBER|hej|identifier.invalid.WRONG_FORMAT",
                "ORGANISATION_NUMBER|212000-1438|identifier.invalid.WRONG_CHECK_DIGIT",
                "ORGANISATION_NUMBER|191212-1212|identifier.invalid.NOT_AN_ORGANISATION_NUMBER",
                "EMAIL|inte-en-adress|form.error.email",
                "EMAIL|a@b|form.error.email",
                "EMAIL|två @exempel.se|form.error.email",
                "PHONE|123|form.error.phone",
                "PHONE|0521-abc|form.error.phone"
            })
    void wrongValuesAreRefusedWithAReason(FieldType type, String value, String messageKey) {
        assertThat(error(field("q", type, true), value)).isEqualTo(messageKey);
    }

    @Test
    void rightValuesBecomeTypedAnswers() {
        assertThat(check(field("q", FieldType.NUMBER, true), "1 234,50").answers())
                .containsEntry("q", new BigDecimal("1234.50"));
        assertThat(check(field("q", FieldType.DATE, true), "2026-12-24").answers())
                .containsEntry("q", LocalDate.of(2026, 12, 24));
        assertThat(check(field("q", FieldType.PERSONAL_NUMBER, true), "121212+1212")
                        .answers())
                .containsEntry("q", "191212121212");
        assertThat(check(field("q", FieldType.ORGANISATION_NUMBER, true), "2120001439")
                        .answers())
                .containsEntry("q", "212000-1439");
        assertThat(check(field("q", FieldType.PHONE, true), "0521-72 10 00").answers())
                .containsEntry("q", "0521721000");
        assertThat(check(field("q", FieldType.TEXT, true), "  två   ord ").answers())
                .containsEntry("q", "två ord");
        assertThat(check(field("q", FieldType.YES_NO, true), "ja").answers()).containsEntry("q", "ja");
    }

    @Test
    void limitsAreKept() {
        var number = new FormField(
                "q", FieldType.NUMBER, L, null, true, 0.0, 100.0, null, List.of(), null, null, null, List.of());
        assertThat(error(number, "-1")).isEqualTo("form.error.number-range");
        assertThat(error(number, "100.5")).isEqualTo("form.error.number-range");
        assertThat(check(number, "100").valid()).isTrue();
        var text = new FormField(
                "q", FieldType.TEXT, L, null, true, null, null, 5, List.of(), null, null, null, List.of());
        assertThat(error(text, "sexton")).isEqualTo("form.error.too-long");
        assertThat(check(text, "fem!!").valid()).isTrue();
        var date = new FormField(
                "q", FieldType.DATE, L, null, true, 0.0, 30.0, null, List.of(), null, null, null, List.of());
        assertThat(error(date, "2026-11-25")).isEqualTo("form.error.date-range");
        assertThat(error(date, "2026-12-27")).isEqualTo("form.error.date-range");
        assertThat(check(date, "2026-12-26").valid()).isTrue();
    }

    @Test
    void choicesMustBeAmongTheOptions() {
        var options = List.of(new Option("a", L), new Option("b", L));
        var choice = new FormField(
                "q", FieldType.CHOICE, L, null, true, null, null, null, options, null, null, null, List.of());
        assertThat(error(choice, "c")).isEqualTo("form.error.unknown-choice");
        assertThat(error(choice, "")).isEqualTo("form.error.choose-one");
        var multi = new FormField(
                "q", FieldType.MULTI_CHOICE, L, null, true, null, null, null, options, null, null, null, List.of());
        assertThat(error(multi, "a", "x")).isEqualTo("form.error.unknown-choice");
        assertThat(check(multi).errors())
                .extracting(FieldError::messageKey)
                .containsExactly("form.error.choose-at-least-one");
        assertThat(check(multi, "a", "b").answers()).containsEntry("q", List.of("a", "b"));
    }

    @Test
    void anAddressNeedsStreetPostalCodeAndCity() {
        var address = field("adr", FieldType.ADDRESS, true);
        var values = new HashMap<String, List<String>>();
        values.put("adr.street", List.of("Sundsgatan 29"));
        values.put("adr.postalCode", List.of("4628"));
        values.put("adr.city", List.of(""));
        var result = validator.validate(form(address), values, Map.of());
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("adr.postalCode", "adr.city");
        values.put("adr.postalCode", List.of("46285"));
        values.put("adr.city", List.of("Vänersborg"));
        assertThat(validator.validate(form(address), values, Map.of()).answers())
                .containsEntry("adr", Map.of("street", "Sundsgatan 29", "postalCode", "462 85", "city", "Vänersborg"));
    }

    @Test
    void filesAreCountedAgainstTheirLimits() {
        var files = new FormField(
                "doc",
                FieldType.FILE,
                L,
                null,
                true,
                null,
                null,
                null,
                List.of(),
                null,
                2,
                null,
                List.of("application/pdf"));
        assertThat(validator.validate(form(files), Map.of(), Map.of()).errors())
                .extracting(FieldError::messageKey)
                .containsExactly("form.error.file-required");
        assertThat(validator.validate(form(files), Map.of(), Map.of("doc", 3)).errors())
                .extracting(FieldError::messageKey)
                .containsExactly("form.error.too-many-files");
        assertThat(validator.validate(form(files), Map.of(), Map.of("doc", 2)).valid())
                .isTrue();
    }

    @Test
    void questionsNotAskedAreNeitherRequiredNorKept() {
        var yesNo = field("wants", FieldType.YES_NO, true);
        var email = new FormField(
                "email",
                FieldType.EMAIL,
                L,
                null,
                true,
                null,
                null,
                null,
                List.of(),
                new Condition("wants", "ja"),
                null,
                null,
                List.of());
        var no = validator.validate(
                form(yesNo, email), Map.of("wants", List.of("nej"), "email", List.of("x@y.se")), Map.of());
        assertThat(no.valid()).isTrue();
        assertThat(no.answers()).containsOnlyKeys("wants");
        var yes = validator.validate(form(yesNo, email), Map.of("wants", List.of("ja")), Map.of());
        assertThat(yes.errors()).extracting(FieldError::field).containsExactly("email");
    }
}
