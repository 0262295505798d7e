package se.samla.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.samla.shared.InvalidIdentifierException.Reason;

class OrganisationNumberTest {

    @ParameterizedTest
    @CsvSource({
        "212000-1439, 2120001439",
        "2120001439, 2120001439",
        "162120001439, 2120001439",
        "' 212000-1546 ', 2120001546"
    })
    void readsEveryWrittenForm(String written, String digits) {
        OrganisationNumber number = OrganisationNumber.parse(written);
        assertThat(number.digits()).isEqualTo(digits);
        assertThat(number.formatted()).isEqualTo(digits.substring(0, 6) + "-" + digits.substring(6));
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "212000-143, WRONG_FORMAT",
        "21200O-1439, WRONG_FORMAT",
        "172120001439, WRONG_FORMAT",
        "212000-1438, WRONG_CHECK_DIGIT",
        "191212-1212, NOT_AN_ORGANISATION_NUMBER"
    })
    void rejectsWithAReason(String written, Reason reason) {
        assertThatThrownBy(() -> OrganisationNumber.parse(written))
                .isInstanceOfSatisfying(
                        InvalidIdentifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
