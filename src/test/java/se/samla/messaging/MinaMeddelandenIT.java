package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.ws.soap.client.SoapFaultClientException;
import org.springframework.ws.soap.saaj.SaajSoapMessageFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import se.samla.SamlaIntegrationTest;

/**
 * The Mina meddelanden contract itself: what Samla sends is valid against the service's schemas and carries two
 * signatures that verify; the demo operator refuses, with the contract's applicationFault, a message that was
 * changed after signing, one signed by a certificate it does not trust for the sender, and one that breaks the
 * schema; an expired certificate's signature is not accepted.
 */
class MinaMeddelandenIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212";

    @Autowired
    MinaMeddelandenClient client;

    @Autowired
    MinaMeddelandenXml xml;

    @Autowired
    OrganisationCertificates certificates;

    DigitalMailbox.Outgoing letter() {
        return new DigitalMailbox.Outgoing(
                UUID.randomUUID().toString(),
                TOLVAN,
                "Beslut i ärende SOC 2026/000001: Ekonomiskt bistånd",
                "SOC 2026/000001",
                "Ett beslut från Vänersborgs kommun.",
                "%PDF-1.7 demo".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "SOC-2026-000001.pdf",
                new DigitalMailbox.Support("Ring kommunen", "https://www.vanersborg.se/", null, "kommun@vanersborg.se"),
                null);
    }

    Document signedRequest() {
        return client.sealedRequest(vanersborg, letter(), certificates.of(vanersborg.id()));
    }

    String service() {
        return "http://127.0.0.1:" + port + MinaMeddelandenClient.DEMO_PATH + "/service";
    }

    /** Posts a request as it is, and returns the operator's applicationFault code, or 0 when it took it. */
    int send(Document request) throws Exception {
        var factory = new SaajSoapMessageFactory();
        factory.afterPropertiesSet();
        var template = new WebServiceTemplate(factory);
        try {
            template.sendSourceAndReceiveToResult(service(), new DOMSource(request), new DOMResult());
            return 0;
        } catch (SoapFaultClientException fault) {
            var entries = fault.getSoapFault().getFaultDetail().getDetailEntries();
            var result = new DOMResult();
            javax.xml.transform.TransformerFactory.newInstance()
                    .newTransformer()
                    .transform(entries.next().getSource(), result);
            Document detail = (Document) result.getNode();
            return xml.read(
                            detail.getDocumentElement(),
                            se.gov.minameddelanden.schema.common.v3.ExceptionInformation.class)
                    .getErrorCode();
        }
    }

    static Element byName(Document document, String localName) {
        return (Element) document.getElementsByTagNameNS("*", localName).item(0);
    }

    @Test
    void whatSamlaSendsIsValidAgainstTheContractAndBothSignaturesVerify() throws Exception {
        Document request = signedRequest();
        xml.validate(request.getDocumentElement());
        Element sealed = MinaMeddelandenClient.firstElement(request.getDocumentElement());
        Element signed = MinaMeddelandenClient.firstElement(sealed);
        assertThat(sealed.getLocalName()).isEqualTo("deliverSecure");
        assertThat(signed.getLocalName()).isEqualTo("SignedDelivery");
        var signer = certificates.of(vanersborg.id()).certificate();
        assertThat(XmlSignatures.verify(signed, Instant.now())).isEqualTo(signer);
        assertThat(XmlSignatures.verify(sealed, Instant.now())).isEqualTo(signer);
        assertThat(byName(request, "Id").getTextContent()).isNotBlank();
        assertThat(byName(request, "Checksum").getTextContent()).hasSize(32);
        assertThat(send(request)).isZero();
    }

    @Test
    void aMessageChangedAfterSigningIsRefused() throws Exception {
        Document request = signedRequest();
        byName(request, "Subject").setTextContent("Ett annat ämne");
        xml.validate(request.getDocumentElement());
        assertThat(send(request)).isEqualTo(DemoOperatorFault.BAD_SIGNATURE);
    }

    @Test
    void aMessageSignedWithACertificateNotRegisteredForTheSenderIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var name = new X500Name("CN=Someone else, SERIALNUMBER=162120001439, C=SE");
        var certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.TWO,
                                Date.from(Instant.now().minus(Duration.ofDays(1))),
                                Date.from(Instant.now().plus(Duration.ofDays(30))),
                                name,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Document request = client.sealedRequest(
                vanersborg, letter(), new OrganisationCertificates.Signer(certificate, pair.getPrivate()));
        assertThat(send(request)).isEqualTo(DemoOperatorFault.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aMessageThatBreaksTheSchemaIsRefused() throws Exception {
        Document request = signedRequest();
        Element subject = byName(request, "Subject");
        subject.getParentNode().removeChild(subject);
        assertThatThrownBy(() -> xml.validate(request.getDocumentElement()))
                .isInstanceOf(MinaMeddelandenXml.InvalidMessage.class)
                .hasMessageContaining("Subject");
        assertThat(send(request)).isEqualTo(DemoOperatorFault.INVALID_MESSAGE);
    }

    @Test
    void aSignatureIsNotAcceptedOnceItsCertificateHasExpired() {
        Document request = signedRequest();
        Element signed =
                MinaMeddelandenClient.firstElement(MinaMeddelandenClient.firstElement(request.getDocumentElement()));
        assertThatThrownBy(() -> XmlSignatures.verify(signed, Instant.now().plus(Duration.ofDays(3660 + 30))))
                .isInstanceOf(XmlSignatures.InvalidSignature.class)
                .hasMessageContaining("not valid now");
    }

    @Test
    void reachabilityAnswersForAHolderAndForSomeoneWithoutAMailbox() throws Exception {
        var tolvan = client.reachability(vanersborg, TOLVAN);
        assertThat(tolvan.reachable()).isTrue();
        assertThat(tolvan.operator()).isEqualTo(DemoMailboxOperator.OPERATOR_NAME);
        var anna = client.reachability(vanersborg, "198705212382");
        assertThat(anna.mailbox()).isFalse();
        assertThat(anna.reachable()).isFalse();
    }

    @Test
    void aMailboxClosedBetweenTheQuestionAndTheDeliveryTakesNothing() throws Exception {
        String holder = "200001012380";
        var mailboxes = context.getBean(DemoMailboxes.class);
        mailboxes.setOpen(holder, true);
        var where = client.reachability(vanersborg, holder);
        assertThat(where.reachable()).isTrue();
        mailboxes.setOpen(holder, false);
        var outgoing = letter();
        var receipt = client.deliver(
                vanersborg,
                where,
                new DigitalMailbox.Outgoing(
                        outgoing.messageId(),
                        holder,
                        outgoing.subject(),
                        outgoing.reference(),
                        outgoing.text(),
                        outgoing.pdf(),
                        outgoing.filename(),
                        outgoing.support(),
                        null));
        assertThat(receipt.delivered()).isFalse();
        assertThat(mailboxes.deliveries(holder)).isEmpty();
    }

    @Test
    void aSignatureMadeWithOtherCanonicalisationIsNotAccepted() throws Exception {
        org.apache.xml.security.Init.init();
        Document request = xml.write(new se.gov.minameddelanden.schema.recipient.v3.IsReachable());
        Element root = request.getDocumentElement();
        root.setAttributeNS(null, "Id", "other");
        root.setIdAttributeNS(null, "Id", true);
        var signer = certificates.of(vanersborg.id());
        var signature = new org.apache.xml.security.signature.XMLSignature(
                request,
                "",
                org.apache.xml.security.signature.XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
        root.appendChild(signature.getElement());
        var transforms = new org.apache.xml.security.transforms.Transforms(request);
        transforms.addTransform(org.apache.xml.security.transforms.Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        signature.addDocument(
                "#other", transforms, org.apache.xml.security.algorithms.MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
        signature.addKeyInfo(signer.certificate());
        signature.sign(signer.key());

        assertThatThrownBy(() -> XmlSignatures.verify(root, Instant.now()))
                .isInstanceOf(XmlSignatures.InvalidSignature.class)
                .hasMessageContaining("other algorithms");
    }

    @Test
    void anOperatorsTextNeverCarriesAPersonalIdentityNumberToALogOrAList() {
        assertThat(PostDispatcher.withoutIdentityNumbers("Recipient 191212121212 unknown (call 1234567890123)"))
                .isEqualTo("Recipient (personnummer) unknown (call 1234567890123)");
    }
}
