package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A municipality whose organisation key lives in a PKCS #11 token (here SoftHSM2, the software HSM CI installs) signs
 * its decisions with it: Samla reads the key through a SunPKCS11 configuration, the signature is made inside the
 * token, and DSS finds the decision intact and made by that certificate. A token configuration that cannot be read
 * stops with a clear message.
 */
class Pkcs11DecisionSealTest {

    static final Path SOFTHSM = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    @TempDir
    Path directory;

    @Test
    void aDecisionIsSignedWithAKeyThatNeverLeavesItsToken() throws Exception {
        assertThat(SOFTHSM)
                .as("SoftHSM2 is installed (apt-get install softhsm2; .ci/run does it)")
                .exists();
        // the library reads its configuration where the build's test JVM says (SOFTHSM2_CONF, set in the pom)
        String where = System.getenv("SOFTHSM2_CONF");
        assertThat(where).as("SOFTHSM2_CONF is set for the test JVM").isNotBlank();
        Path conf = Path.of(where);
        Files.createDirectories(directory.resolve("tokens"));
        Files.writeString(
                conf, "directories.tokendir = " + directory.resolve("tokens") + "\nobjectstore.backend = file\n");
        String label = "samla-" + UUID.randomUUID().toString().substring(0, 8);
        var init = new ProcessBuilder(
                        "softhsm2-util",
                        "--init-token",
                        "--free",
                        "--label",
                        label,
                        "--pin",
                        "1234",
                        "--so-pin",
                        "5678")
                .redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        var slot = Pattern.compile("slot (\\d+)").matcher(output);
        assertThat(slot.find()).as(output).isTrue();
        Path configuration = directory.resolve("token.cfg");
        Files.writeString(
                configuration,
                "name = Samla" + label.replace("-", "") + "\nlibrary = " + SOFTHSM + "\nslot = " + slot.group(1)
                        + "\nattributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n"
                        + "  CKA_EXTRACTABLE = false\n}\n");

        // the key is made inside the token and cannot leave it; only its certificate is stored beside it
        var provider = java.security.Security.getProvider("SunPKCS11").configure(configuration.toString());
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, "1234".toCharArray());
        var generator = java.security.KeyPairGenerator.getInstance("RSA", provider);
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var subject = new org.bouncycastle.asn1.x500.X500Name("CN=Vänersborgs kommun, O=Test, C=SE");
        var certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                                subject,
                                java.math.BigInteger.valueOf(System.nanoTime()),
                                java.util.Date.from(Instant.now().minusSeconds(86_400)),
                                java.util.Date.from(Instant.now().plusSeconds(86_400 * 30)),
                                subject,
                                pair.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                .setProvider(provider)
                                .build(pair.getPrivate())));
        token.setKeyEntry("organisation", pair.getPrivate(), null, new java.security.cert.Certificate[] {certificate});
        var municipality = new OrganisationCertificates.Signer(certificate, pair.getPrivate());

        var signer = OrganisationCertificates.read(configuration, "1234".toCharArray(), null);
        assertThat(signer.certificate()).isEqualTo(municipality.certificate());
        assertThat(signer.key().getClass().getName())
                .as("a handle to the key in the token")
                .contains("P11");
        assertThat(signer.key().getEncoded())
                .as("the key cannot be read out of the token")
                .isNull();

        var renderer = new LetterRenderer(TemplateEngine.createPrecompiled(ContentType.Html));
        var seal = new DecisionSeal();
        byte[] pdf = renderer.render(LetterRendererTest.decision(List.of("Tolvan Tolvansson")));
        byte[] signed = seal.seal(pdf, signer, "Beslut av Bodil Bygglovsson", "Vänersborg", Instant.now());

        var verdict =
                seal.check(signed, DecisionSeal.fingerprint(municipality.certificate()), municipality.certificate());
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.signedBy()).contains("Vänersborgs kommun");

        assertThatThrownBy(
                        () -> OrganisationCertificates.read(directory.resolve("other.cfg"), "0000".toCharArray(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PKCS #11 token");
    }
}
