package se.samla.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.samla.shared.InvalidIdentifierException.Reason;

class PersonIdentifierTest {

    /** A fixed "today" so that century and future-date rules give the same answer every year. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), SwedishTime.ZONE);

    @ParameterizedTest
    @CsvSource({
        "19121212-1212, 191212121212",
        "191212121212, 191212121212",
        "121212+1212, 191212121212",
        "198705212382, 198705212382",
        "870521-2382, 198705212382",
        "8705212382, 198705212382",
        "' 19900602-2397 ', 199006022397",
        "20000105-2380, 200001052380"
    })
    void readsEveryWrittenForm(String written, String digits) {
        PersonalIdentityNumber number = PersonalIdentityNumber.parse(written, TODAY);
        assertThat(number.digits()).isEqualTo(digits);
        assertThat(number.formatted()).isEqualTo(digits.substring(0, 8) + "-" + digits.substring(8));
    }

    @Test
    void tenDigitFormWithHyphenMeansUnderAHundredYears() {
        // 121212-1212 without '+' is someone born 2012, not 1912
        assertThat(PersonalIdentityNumber.parse("121212-1212", TODAY).birthDate())
                .isEqualTo(LocalDate.of(2012, 12, 12));
    }

    @Test
    void tenDigitFormNeverLandsInTheFuture() {
        // born in December; "today" is 26 November 2026, so 27 December '26 must be 1926
        String tenDigits = withCheckDigit("261227238");
        assertThat(PersonalIdentityNumber.parse(tenDigits, TODAY).birthDate().getYear())
                .isEqualTo(1926);
    }

    @Test
    void readsACoordinationNumberAsOne() {
        String digits = "19870581" + withCheckDigit("870581238").substring(6);
        PersonIdentifier id = PersonIdentifier.parse(digits, TODAY);
        assertThat(id).isInstanceOf(CoordinationNumber.class);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1987, 5, 21));
        assertThat(CoordinationNumber.parse(digits, TODAY).digits()).isEqualTo(digits);
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "'   ', EMPTY",
        "abc, WRONG_FORMAT",
        "1912121212, WRONG_CHECK_DIGIT",
        "19121212-121, WRONG_FORMAT",
        "19121212--1212, WRONG_FORMAT",
        "191212121212+, WRONG_FORMAT",
        "19121212+1212, WRONG_FORMAT",
        "19121212-1213, WRONG_CHECK_DIGIT",
        "19870230-2380, IMPOSSIBLE_DATE",
        "19871321-2380, IMPOSSIBLE_DATE",
        "19870100-2380, IMPOSSIBLE_DATE",
        "20300101-2380, FUTURE_DATE"
    })
    void rejectsWithAReason(String written, Reason reason) {
        assertThatThrownBy(() -> PersonIdentifier.parse(written, TODAY))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.messageKey()).isEqualTo("identifier.invalid." + reason.name());
                });
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PersonIdentifier.parse(null, TODAY))
                .isInstanceOfSatisfying(
                        InvalidIdentifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    }

    @Test
    void knowsLeapDays() {
        assertThat(PersonalIdentityNumber.parse(
                                "20000229" + withCheckDigit("000229238").substring(6), TODAY)
                        .birthDate())
                .isEqualTo(LocalDate.of(2000, 2, 29));
        assertThatThrownBy(() -> PersonalIdentityNumber.parse(
                        "19000229" + withCheckDigit("000229238").substring(6), TODAY))
                .isInstanceOfSatisfying(
                        InvalidIdentifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IMPOSSIBLE_DATE));
    }

    @Test
    void personalNumberRefusesACoordinationNumberAndBackwards() {
        String coordination = "19870581" + withCheckDigit("870581238").substring(6);
        assertThatThrownBy(() -> PersonalIdentityNumber.parse(coordination, TODAY))
                .isInstanceOfSatisfying(
                        InvalidIdentifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COORDINATION_NUMBER_NOT_ALLOWED));
        assertThatThrownBy(() -> CoordinationNumber.parse("19121212-1212", TODAY))
                .isInstanceOfSatisfying(
                        InvalidIdentifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_COORDINATION_NUMBER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19121212-1212", "198705212382"})
    void neverShowsTheWholeNumberByAccident(String written) {
        PersonalIdentityNumber number = PersonalIdentityNumber.parse(written, TODAY);
        assertThat(number.toString()).isEqualTo(number.digits().substring(0, 8) + "-XXXX");
    }

    @Test
    void recordsCannotBeMadeFromUncheckedText() {
        assertThatThrownBy(() -> new PersonalIdentityNumber("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoordinationNumber("191212121212")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The ten-digit form (YYMMDDNNN + check digit) of nine digits. */
    private static String withCheckDigit(String nineDigits) {
        return nineDigits + Luhn.checkDigit(nineDigits);
    }
}
