package se.samla.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.demo.TestSignatures;

/** A kept e-ID signature holds only as made: by that person, over that data, from a trusted issuer, untouched. */
class ESignaturesIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212";
    static final byte[] DATA = "sammanfattningens kontrollsumma".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    ESignatures signatures() {
        return context.getBean(ESignatures.class);
    }

    @Test
    void aSignatureByTheDemoEidHolds() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);

        assertThat(signatures().verify(signature).holds()).isTrue();
    }

    @Test
    void aSignatureOverOtherDataDoesNotHold() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);
        var claimedOverOther = new UserSignature(
                signature.personalIdentityNumber(),
                signature.name(),
                signature.signedAt(),
                Base64.getEncoder().encodeToString("något annat".getBytes(StandardCharsets.UTF_8)),
                signature.signature(),
                signature.certificateSubject(),
                signature.certificateIssuer());

        var checked = signatures().verify(claimedOverOther);

        assertThat(checked.holds()).isFalse();
        assertThat(checked.reason()).contains("not what was asked");
    }

    @Test
    void aSignatureClaimedForSomeoneElseDoesNotHold() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);
        var claimedForAnna = new UserSignature(
                "198705212382",
                "Anna Testsson",
                signature.signedAt(),
                signature.tbsData(),
                signature.signature(),
                signature.certificateSubject(),
                signature.certificateIssuer());

        var checked = signatures().verify(claimedForAnna);

        assertThat(checked.holds()).isFalse();
        assertThat(checked.reason()).contains("someone else");
    }

    @Test
    void aSignatureWhoseContentWasChangedDoesNotHold() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);
        String[] parts = signature.signature().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("Tolvan Tolvansson", "Tolvan Tolvansso");
        String changed = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        var checked = signatures().verify(withSignature(signature, changed));

        assertThat(checked.holds()).isFalse();
        assertThat(checked.reason()).contains("does not verify");
    }

    @Test
    void aSignatureFromAnIssuerNobodyTrustsDoesNotHold() {
        var forged = TestSignatures.untrusted(directory, context.getBean(Clock.class))
                .sign(TOLVAN, "Tolvan", "Tolvansson", DATA);

        var checked = signatures().verify(forged);

        assertThat(checked.holds()).isFalse();
        assertThat(checked.reason()).contains("trusted e-ID issuer");
    }

    @Test
    void somethingThatIsNoSignatureDoesNotHold() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);

        assertThat(signatures()
                        .verify(withSignature(signature, "inte.en.signatur"))
                        .holds())
                .isFalse();
        assertThat(signatures().verify(withSignature(signature, "")).holds()).isFalse();
    }

    ESignatures.Pending pending(byte[] data) {
        return new ESignatures.Pending(
                "state",
                "nonce",
                "verifier",
                data,
                TOLVAN,
                "vanersborg-resident",
                "http://x/signering/svar",
                "/",
                null,
                java.time.Instant.now());
    }

    java.util.Map<String, Object> idToken(String number, UserSignature signature, boolean withAuthTime) {
        var claims = new java.util.HashMap<String, Object>();
        claims.put("https://id.oidc.se/claim/personalIdentityNumber", number);
        if (signature != null) {
            claims.put(
                    ESignatures.USER_SIGNATURE_CLAIM,
                    Base64.getEncoder().encodeToString(signature.signature().getBytes(StandardCharsets.US_ASCII)));
        }
        if (withAuthTime) {
            claims.put("auth_time", java.time.Instant.now());
        }
        return claims;
    }

    @Test
    void anIdTokenFromTheProviderIsBelievedOnlyForTheLoggedInPersonWithASignatureAndItsTime() {
        var signature = TestSignatures.from(context).sign(TOLVAN, "Tolvan", "Tolvansson", DATA);

        assertThat(signatures().check(pending(DATA), idToken(TOLVAN, signature, true)))
                .isInstanceOf(ESignatures.Signed.class);
        assertThat(signatures().check(pending(DATA), idToken("198705212382", signature, true)))
                .isEqualTo(new ESignatures.NotSigned(ESignatures.Reason.SOMEONE_ELSE, null));
        assertThat(signatures().check(pending(DATA), idToken(TOLVAN, signature, false)))
                .isEqualTo(new ESignatures.NotSigned(ESignatures.Reason.INVALID, null));
        assertThat(signatures().check(pending(DATA), idToken(TOLVAN, null, true)))
                .isEqualTo(new ESignatures.NotSigned(ESignatures.Reason.INVALID, null));
        var other = "annan data".getBytes(StandardCharsets.UTF_8);
        assertThat(signatures().check(pending(other), idToken(TOLVAN, signature, true)))
                .isEqualTo(new ESignatures.NotSigned(ESignatures.Reason.INVALID, null));
    }

    private static UserSignature withSignature(UserSignature signature, String text) {
        return new UserSignature(
                signature.personalIdentityNumber(),
                signature.name(),
                signature.signedAt(),
                signature.tbsData(),
                text,
                signature.certificateSubject(),
                signature.certificateIssuer());
    }
}
