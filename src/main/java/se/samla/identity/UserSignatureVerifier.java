package se.samla.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import se.samla.identity.demo.DemoSigningAuthority;

/**
 * Checks a user signature from an e-ID provider: a JWS whose x5c header carries the signer's certificate chain. It
 * holds when the chain leads to a trusted e-ID issuer (configured, or outside production the demo provider's), the
 * signature verifies with the signer's certificate, the certificate names the person, and what was signed is what
 * Samla asked to have signed. The OIDC Sweden extension leaves the format to the provider; this is the one Samla's
 * providers use, and a provider with another format gets a verifier of its own.
 */
@Component
class UserSignatureVerifier {

    /** Why a signature does not hold. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    record Checked(String name, Instant signedAt, String certificateSubject, String certificateIssuer) {}

    private final List<X509Certificate> configured;
    private final ObjectProvider<DemoSigningAuthority> demo;

    UserSignatureVerifier(
            @Value("${samla.signing.trust-anchors:}") String anchorFiles, ObjectProvider<DemoSigningAuthority> demo)
            throws IOException, GeneralSecurityException {
        this.demo = demo;
        List<X509Certificate> anchors = new ArrayList<>();
        var factory = CertificateFactory.getInstance("X.509");
        for (String name : anchorFiles.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try (var in = Files.newInputStream(Path.of(name.strip()))) {
                factory.generateCertificates(in).forEach(c -> anchors.add((X509Certificate) c));
            }
        }
        this.configured = List.copyOf(anchors);
    }

    Checked check(String signature, byte[] expectedTbs, String expectedPersonalIdentityNumber) throws Invalid {
        JWSObject jws;
        try {
            jws = JWSObject.parse(signature);
        } catch (ParseException e) {
            throw new Invalid("not a JWS");
        }
        var chainText = jws.getHeader().getX509CertChain();
        if (chainText == null || chainText.isEmpty()) {
            throw new Invalid("no certificate chain (x5c)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (var encoded : chainText) {
            X509Certificate certificate = X509CertUtils.parse(encoded.decode());
            if (certificate == null) {
                throw new Invalid("an unreadable certificate in x5c");
            }
            chain.add(certificate);
        }
        X509Certificate signer = chain.get(0);
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw new Invalid("the signed content is not JSON");
        }
        Instant signedAt = claims.get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        if (signedAt == null) {
            throw new Invalid("no signing time (iat)");
        }
        try {
            if (!jws.verify(
                    new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(), signer.getPublicKey()))) {
                throw new Invalid("the signature does not verify with the signer's certificate");
            }
        } catch (JOSEException e) {
            throw new Invalid("the signature cannot be checked: " + e.getMessage());
        }
        validateChain(chain, signedAt);
        if (!MessageDigest.isEqual(decoded(claims.get("tbs_data")), expectedTbs)) {
            throw new Invalid("what was signed is not what was asked to be signed");
        }
        String certificateNumber = attribute(signer.getSubjectX500Principal(), BCStyle.SERIALNUMBER);
        if (!expectedPersonalIdentityNumber.equals(claims.get("personalIdentityNumber"))
                || !expectedPersonalIdentityNumber.equals(certificateNumber)) {
            throw new Invalid("signed by someone else");
        }
        String name = attribute(signer.getSubjectX500Principal(), BCStyle.CN);
        return new Checked(
                name,
                signedAt,
                signer.getSubjectX500Principal().getName(),
                signer.getIssuerX500Principal().getName());
    }

    private void validateChain(List<X509Certificate> chain, Instant at) throws Invalid {
        Set<TrustAnchor> anchors = new HashSet<>();
        configured.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        DemoSigningAuthority authority = demo.getIfAvailable();
        if (authority != null) {
            anchors.add(new TrustAnchor(authority.certificate(), null));
        }
        if (anchors.isEmpty()) {
            throw new Invalid("no e-ID issuer is trusted (samla.signing.trust-anchors)");
        }
        // the anchor itself is not part of the path PKIX checks
        List<X509Certificate> path = chain.stream()
                .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c)))
                .toList();
        try {
            var parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new Invalid("the certificate chain does not lead to a trusted e-ID issuer: " + e.getMessage());
        }
    }

    /** What the signature says was signed, or nothing when it says it in no readable way. */
    private static byte[] decoded(Object tbs) {
        try {
            return tbs instanceof String text ? Base64.getDecoder().decode(text) : new byte[0];
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String attribute(X500Principal principal, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        var values = X500Name.getInstance(principal.getEncoded()).getRDNs(type);
        return values.length == 0 ? null : values[0].getFirst().getValue().toString();
    }
}
