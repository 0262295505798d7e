package se.samla.messaging;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Enveloped XML signatures as Mina meddelanden wants them (RSA-SHA256, exclusive canonicalisation, SHA-256
 * digests), with Apache Santuario. A signature covers one element, named by its {@code Id} attribute, and is that
 * element's last child; verifying checks that it covers exactly that element, so a signed part cannot be moved
 * under another parent and still pass.
 */
final class XmlSignatures {

    static {
        Init.init();
    }

    /** Why a signature was not accepted. */
    static final class InvalidSignature extends Exception {
        InvalidSignature(String message) {
            super(message);
        }

        InvalidSignature(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private XmlSignatures() {}

    /** Signs {@code element}, giving it the id {@code id}, and appends the signature as its last child. */
    static void sign(Element element, String id, OrganisationCertificates.Signer signer) {
        try {
            element.setAttributeNS(null, "Id", id);
            element.setIdAttributeNS(null, "Id", true);
            var signature = new XMLSignature(
                    element.getOwnerDocument(),
                    "",
                    XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            element.appendChild(signature.getElement());
            var transforms = new Transforms(element.getOwnerDocument());
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument(
                    "#" + id,
                    transforms,
                    org.apache.xml.security.algorithms.MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            signature.addKeyInfo(signer.certificate());
            signature.sign(signer.key());
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("Cannot sign " + element.getLocalName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the signature that is {@code element}'s last child: it must cover the element by its id and be made
     * by a certificate valid at {@code at}.
     *
     * @return the certificate that signed
     */
    static X509Certificate verify(Element element, Instant at) throws InvalidSignature {
        String id = element.getAttributeNS(null, "Id");
        if (id.isEmpty()) {
            throw new InvalidSignature(element.getLocalName() + " has no Id for its signature to refer to");
        }
        element.setIdAttributeNS(null, "Id", true);
        Element signatureElement = lastChildElement(element);
        if (signatureElement == null
                || !Constants.SignatureSpecNS.equals(signatureElement.getNamespaceURI())
                || !"Signature".equals(signatureElement.getLocalName())) {
            throw new InvalidSignature(element.getLocalName() + " is not signed");
        }
        try {
            var signature = new XMLSignature(signatureElement, "");
            if (!XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256.equals(
                    signature.getSignedInfo().getSignatureMethodURI())) {
                throw new InvalidSignature(
                        "signature method " + signature.getSignedInfo().getSignatureMethodURI() + " is not RSA-SHA256");
            }
            if (signature.getSignedInfo().getLength() != 1
                    || !("#" + id).equals(signature.getSignedInfo().item(0).getURI())) {
                throw new InvalidSignature("the signature of " + element.getLocalName() + " does not cover it");
            }
            // only what Mina meddelanden signs with: no other canonicalisation, digest or transform (an XPath or
            // XSLT transform could make the signed content something other than the element)
            var reference = signature.getSignedInfo().item(0);
            if (!Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS.equals(
                            signature.getSignedInfo().getCanonicalizationMethodURI())
                    || !org.apache.xml.security.algorithms.MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256.equals(
                            reference.getMessageDigestAlgorithm().getAlgorithmURI())
                    || !expectedTransforms(reference.getTransforms())) {
                throw new InvalidSignature("the signature of " + element.getLocalName()
                        + " uses other algorithms than RSA-SHA256, SHA-256 and exclusive canonicalisation");
            }
            KeyInfo keyInfo = signature.getKeyInfo();
            X509Certificate certificate = keyInfo == null ? null : keyInfo.getX509Certificate();
            if (certificate == null) {
                throw new InvalidSignature("the signature carries no certificate");
            }
            try {
                certificate.checkValidity(Date.from(at));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new InvalidSignature("the signing certificate is not valid now (" + e.getMessage() + ")", e);
            }
            if (!signature.checkSignatureValue(certificate)) {
                throw new InvalidSignature(
                        "the signature of " + element.getLocalName() + " does not match its content");
            }
            return certificate;
        } catch (XMLSecurityException e) {
            throw new InvalidSignature("the signature cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean expectedTransforms(Transforms transforms) throws XMLSecurityException {
        if (transforms == null || transforms.getLength() != 2) {
            return false;
        }
        return Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(
                        transforms.item(0).getURI())
                && Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS.equals(
                        transforms.item(1).getURI());
    }

    private static Element lastChildElement(Element parent) {
        for (Node n = parent.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
