package se.samla.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one check every form in Samla uses for an e-mail address. */
class EmailAddressTest {

    @Test
    void addressesAsPeopleWriteThemPass() {
        assertThat(EmailAddress.isValid("tolvan@example.org")).isTrue();
        assertThat(EmailAddress.isValid("anna.o'brien+felanmalan@kommun.vanersborg.se"))
                .isTrue();
        assertThat(EmailAddress.isValid("åsa@åre.se")).isTrue();
    }

    @Test
    void whatIsNoAddressOrUnsafeInALinkIsRefused() {
        assertThat(EmailAddress.isValid(null)).isFalse();
        assertThat(EmailAddress.isValid("")).isFalse();
        assertThat(EmailAddress.isValid("inte en adress")).isFalse();
        assertThat(EmailAddress.isValid("namn@kommun")).isFalse();
        assertThat(EmailAddress.isValid("a@b@kommun.se")).isFalse();
        assertThat(EmailAddress.isValid("namn@kommun.s")).isFalse();
        assertThat(EmailAddress.isValid("<script>@kommun.se")).isFalse();
        assertThat(EmailAddress.isValid("\"quoted\"@kommun.se")).isFalse();
        assertThat(EmailAddress.isValid("x{y}@kommun.se")).isFalse();
        assertThat(EmailAddress.isValid("a".repeat(65) + "@kommun.se")).isFalse();
        assertThat(EmailAddress.isValid("a@" + "b".repeat(250) + ".se")).isFalse();
    }
}
