package se.samla.identity.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.springframework.context.ApplicationContext;
import se.samla.identity.UserSignature;

/** Signatures as the demo e-ID makes them, for tests that need a signed application without a browser. */
public final class TestSignatures {

    private final DemoSigningAuthority authority;
    private final Clock clock;

    private TestSignatures(DemoSigningAuthority authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    /** Signatures by the demo provider's own e-ID issuer, the one Samla trusts outside production. */
    public static TestSignatures from(ApplicationContext context) {
        return new TestSignatures(context.getBean(DemoSigningAuthority.class), context.getBean(Clock.class));
    }

    /** Signatures by an issuer that nobody trusts, made for the test in {@code directory}. */
    public static TestSignatures untrusted(Path directory, Clock clock) {
        return new TestSignatures(new DemoSigningAuthority(directory.resolve("untrusted-ca.p12"), clock), clock);
    }

    /** The person's signature over {@code tbsData}, as the provider returns it and Samla keeps it. */
    public UserSignature sign(String personalIdentityNumber, String givenName, String familyName, byte[] tbsData) {
        var person = new DemoIdentity(
                "test-" + personalIdentityNumber,
                DemoIdentity.Kind.RESIDENT,
                givenName,
                familyName,
                personalIdentityNumber,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        String jws = authority.sign(person, tbsData, "Test", "test");
        return new UserSignature(
                personalIdentityNumber,
                person.name(),
                clock.instant(),
                Base64.getEncoder().encodeToString(tbsData),
                jws,
                "CN=" + person.name(),
                authority.certificate().getSubjectX500Principal().getName());
    }
}
