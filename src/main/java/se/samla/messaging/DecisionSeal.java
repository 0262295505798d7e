package se.samla.messaging;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The municipality's signature on a decision letter: a PAdES baseline B signature (EU DSS) with its organisation
 * certificate, added to the PDF/A as an incremental update, so any PDF reader or DSS validator shows who signed it and
 * whether anything changed since; and the check of such a signature, with DSS's report kept as the proof.
 */
@Component
class DecisionSeal {

    /**
     * What a check of a letter's signature found.
     *
     * @param intact whether the letter is as it was signed: the signature's cryptography holds, it was made with the
     *     expected certificate, and it covers the whole file (nothing added after it)
     * @param indication DSS's verdict on the signature as a whole: TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
     * @param report DSS's simple report, as XML
     */
    record Verdict(boolean intact, String indication, String subIndication, String signedBy, String report) {

        static Verdict unsigned() {
            return new Verdict(false, "NO_SIGNATURE", null, null, null);
        }
    }

    /**
     * Signs the PDF for the municipality.
     *
     * @param signedFor who took the decision, named in the signature's reason
     */
    byte[] seal(byte[] pdf, OrganisationCertificates.Signer signer, String signedFor, String location, Instant at) {
        var parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        var certificate = new CertificateToken(signer.certificate());
        parameters.setSigningCertificate(certificate);
        parameters.setCertificateChain(List.of(certificate));
        parameters.bLevel().setSigningDate(Date.from(at));
        parameters.setReason(signedFor);
        parameters.setLocation(location);
        var service = new PAdESService(new CommonCertificateVerifier());
        DSSDocument document = new InMemoryDocument(pdf);
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        try {
            boolean ec = "EC".equals(signer.key().getAlgorithm());
            Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(signer.key());
            signature.update(toBeSigned.getBytes());
            var value = new SignatureValue(
                    ec ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256, signature.sign());
            try (InputStream in =
                    service.signDocument(document, parameters, value).openStream()) {
                return in.readAllBytes();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the decision: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 fingerprint of a certificate, as the letter keeps which one signed it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return fingerprintOf(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the PDF's signature, offline: that it holds, that the certificate with this fingerprint made it, and that
     * it covers the whole file; DSS's verdict is against the municipality's certificate of today.
     */
    Verdict check(byte[] pdf, String signerFingerprint, X509Certificate trusted) {
        SignedDocumentValidator validator;
        try {
            validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        } catch (UnsupportedOperationException e) {
            // DSS takes a PDF for one only when it finds a signature in it
            return Verdict.unsigned();
        }
        var verifier = new CommonCertificateVerifier();
        var trust = new CommonTrustedCertificateSource();
        trust.addCertificate(new CertificateToken(trusted));
        verifier.addTrustedCertSources(trust);
        validator.setCertificateVerifier(verifier);
        // the certificates themselves, not only their digests, so that the signer's can be compared
        validator.setTokenExtractionStrategy(
                eu.europa.esig.dss.enumerations.TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
        Reports reports = validator.validateDocument();
        var simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        if (id == null) {
            return Verdict.unsigned();
        }
        var signature = reports.getDiagnosticData().getSignatureById(id);
        boolean intact = signature != null
                && signature.isSignatureIntact()
                && signature.isSignatureValid()
                && signature.getSigningCertificate() != null
                && signature.getSigningCertificate().getBinaries() != null
                && signerFingerprint.equals(
                        fingerprintOf(signature.getSigningCertificate().getBinaries()))
                && coversWholeFile(signature, pdf.length);
        return new Verdict(
                intact,
                String.valueOf(simple.getIndication(id)),
                simple.getSubIndication(id) == null
                        ? null
                        : simple.getSubIndication(id).name(),
                simple.getSignedBy(id),
                reports.getXmlSimpleReport());
    }

    private static boolean coversWholeFile(eu.europa.esig.dss.diagnostic.SignatureWrapper signature, int length) {
        var revision = signature.getPDFRevision();
        if (revision == null || !revision.isSignatureByteRangeValid()) {
            return false;
        }
        List<java.math.BigInteger> range = revision.getSignatureByteRange();
        return range.size() == 4 && range.get(2).add(range.get(3)).longValue() == length;
    }

    private static String fingerprintOf(byte[] certificate) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
