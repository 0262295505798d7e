package se.samla.identity.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo provider's e-ID issuer: a certificate authority made on first start and kept in the data directory, which
 * gives each demo person a signing certificate (their name, their personal identity number as serial number) and
 * signs for them. A signature is a JWS over what was signed, the sign message's digest, who and when, with the chain
 * in x5c: the format {@code se.samla.identity.UserSignatureVerifier} checks.
 */
public final class DemoSigningAuthority {

    private static final char[] PASSWORD = "demo".toCharArray();

    private record Holder(X509Certificate certificate, PrivateKey key) {}

    private final Holder authority;
    private final Map<String, Holder> people = new ConcurrentHashMap<>();
    private final Clock clock;

    DemoSigningAuthority(Path file, Clock clock) {
        this.clock = clock;
        this.authority = Files.isRegularFile(file) ? read(file) : create(file);
    }

    /** The issuer's certificate: what a relying party trusts to check the demo's signatures. */
    public X509Certificate certificate() {
        return authority.certificate();
    }

    /** The person's signature over {@code tbsData}, having been shown {@code signMessage}. */
    String sign(DemoIdentity person, byte[] tbsData, String signMessage, String audience) {
        Holder signer = people.computeIfAbsent(person.personalIdentityNumber(), n -> issue(person));
        Instant now = clock.instant();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("iss", "Samla demo e-legitimation");
        content.put("aud", audience);
        content.put("iat", now.getEpochSecond());
        content.put("personalIdentityNumber", person.personalIdentityNumber());
        content.put("name", person.name());
        content.put("tbs_data", java.util.Base64.getEncoder().encodeToString(tbsData));
        content.put("sign_message_sha256", sha256(signMessage));
        try {
            var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .x509CertChain(List.of(
                            Base64.encode(signer.certificate().getEncoded()),
                            Base64.encode(authority.certificate().getEncoded())))
                    .build();
            var jws = new JWSObject(header, new Payload(content));
            jws.sign(new RSASSASigner(signer.key()));
            return jws.serialize();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("The demo e-ID cannot sign: " + e.getMessage(), e);
        }
    }

    private Holder issue(DemoIdentity person) {
        KeyPair pair = keyPair();
        var subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "SE")
                .addRDN(BCStyle.SERIALNUMBER, person.personalIdentityNumber())
                .addRDN(BCStyle.GIVENNAME, person.givenName())
                .addRDN(BCStyle.SURNAME, person.familyName())
                .addRDN(BCStyle.CN, person.name())
                .build();
        return new Holder(
                certificate(
                        X500Name.getInstance(authority
                                .certificate()
                                .getSubjectX500Principal()
                                .getEncoded()),
                        subject,
                        pair,
                        authority.key(),
                        false,
                        Duration.ofDays(730)),
                pair.getPrivate());
    }

    private Holder create(Path file) {
        KeyPair pair = keyPair();
        var name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "SE")
                .addRDN(BCStyle.O, "Samla demo")
                .addRDN(BCStyle.CN, "Samla demo e-legitimation CA (endast för demo)")
                .build();
        var holder = new Holder(
                certificate(name, name, pair, pair.getPrivate(), true, Duration.ofDays(3650)), pair.getPrivate());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "ca", holder.key(), PASSWORD, new java.security.cert.Certificate[] {holder.certificate()});
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, PASSWORD);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot keep the demo e-ID issuer in " + file, e);
        }
        return holder;
    }

    private static Holder read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return new Holder((X509Certificate) store.getCertificate("ca"), (PrivateKey) store.getKey("ca", PASSWORD));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the demo e-ID issuer in " + file, e);
        }
    }

    private X509Certificate certificate(
            X500Name issuer, X500Name subject, KeyPair pair, PrivateKey signer, boolean authority, Duration valid) {
        Instant now = clock.instant();
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(valid)),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(authority ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make a demo e-ID certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
