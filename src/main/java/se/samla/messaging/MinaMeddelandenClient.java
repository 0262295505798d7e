package se.samla.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.ws.client.WebServiceIOException;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.ws.soap.SoapFaultDetailElement;
import org.springframework.ws.soap.client.SoapFaultClientException;
import org.springframework.ws.soap.saaj.SaajSoapMessageFactory;
import org.springframework.ws.transport.http.JdkHttpClientMessageSender;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.gov.minameddelanden.schema.common.v3.ExceptionInformation;
import se.gov.minameddelanden.schema.message.Attachment;
import se.gov.minameddelanden.schema.message.MessageBody;
import se.gov.minameddelanden.schema.message.Seal;
import se.gov.minameddelanden.schema.message.v2.SecureDeliveryHeader;
import se.gov.minameddelanden.schema.message.v3.MessageHeader;
import se.gov.minameddelanden.schema.message.v3.SealedDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureMessage;
import se.gov.minameddelanden.schema.message.v3.SignedDelivery;
import se.gov.minameddelanden.schema.message.v3.SupportInfo;
import se.gov.minameddelanden.schema.recipient.AccountTypes;
import se.gov.minameddelanden.schema.recipient.ReachabilityStatus;
import se.gov.minameddelanden.schema.recipient.v3.IsReachable;
import se.gov.minameddelanden.schema.recipient.v3.IsReachableResponse;
import se.gov.minameddelanden.schema.sender.Sender;
import se.gov.minameddelanden.schema.service.DeliveryStatus;
import se.gov.minameddelanden.schema.service.v3.DeliverSecure;
import se.gov.minameddelanden.schema.service.v3.DeliverSecureResponse;
import se.samla.tenancy.Tenant;

/**
 * Mina meddelanden v3 over SOAP 1.1 (Spring Web Services): isReachable to the recipient service the municipality's
 * post settings name, and deliverSecure of a SealedDelivery, signed twice with the organisation certificate (the
 * delivery by the sender, the seal as its own sealer, since Samla posts straight to the operator), to the service
 * address the answer gave. Every message is checked against the contract's schemas before it leaves, and every
 * answer when it arrives.
 */
@Component
class MinaMeddelandenClient implements DigitalMailbox {

    static final String DEMO_PATH = "/demo-brevlada/ws";
    /** The most recipients one isReachable may ask for. */
    static final int MAX_RECIPIENTS = 1000;

    private final MinaMeddelandenXml xml;
    private final OrganisationCertificates certificates;
    private final TenantPostSettings settings;
    private final Environment environment;
    private final Clock clock;
    private final WebServiceTemplate template;
    private final SaajSoapMessageFactory soapMessages;
    private final java.security.KeyStore trust;
    private final boolean production;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    /** Per municipality, since each shows its own organisation certificate in the TLS handshake. */
    private final java.util.Map<se.samla.shared.TenantId, WebServiceTemplate> mutualTls =
            new java.util.concurrent.ConcurrentHashMap<>();

    MinaMeddelandenClient(
            MinaMeddelandenXml xml,
            OrganisationCertificates certificates,
            TenantPostSettings settings,
            Environment environment,
            Clock clock,
            @Value("${samla.post.mailbox.connect-timeout:5s}") Duration connectTimeout,
            @Value("${samla.post.mailbox.request-timeout:30s}") Duration requestTimeout,
            @Value("${samla.post.mailbox.trust-store:}") String trustStore,
            @Value("${samla.post.mailbox.trust-store-password:}") String trustStorePassword)
            throws Exception {
        this.xml = xml;
        this.trust = OperatorConnections.trustStore(trustStore, trustStorePassword);
        this.production = environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"));
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.certificates = certificates;
        this.settings = settings;
        this.environment = environment;
        this.clock = clock;
        var messages = new SaajSoapMessageFactory();
        messages.afterPropertiesSet();
        this.soapMessages = messages;
        var sender = new JdkHttpClientMessageSender();
        sender.setConnectionTimeout(connectTimeout);
        sender.setRequestTimeout(requestTimeout);
        sender.afterPropertiesSet();
        this.template = new WebServiceTemplate(messages);
        this.template.setMessageSender(sender);
    }

    @Override
    public java.util.Map<String, Reachability> reachability(Tenant tenant, java.util.Collection<String> identityNumbers)
            throws Failure {
        var answers = new java.util.HashMap<String, Reachability>();
        var mailbox = settings.of(tenant.id()).digitalMailbox();
        if (!mailbox.enabled() || identityNumbers.isEmpty()) {
            return answers;
        }
        String address = mailbox.demo() ? demoAddress("/recipient") : mailbox.recipientService();
        var all = java.util.List.copyOf(new java.util.LinkedHashSet<>(identityNumbers));
        for (int from = 0; from < all.size(); from += MAX_RECIPIENTS) {
            IsReachable question = new IsReachable();
            question.setSenderOrgNr(OrganisationCertificates.senderId(tenant));
            question.getRecipientId().addAll(all.subList(from, Math.min(all.size(), from + MAX_RECIPIENTS)));
            Document request = xml.write(question);
            checkOutgoing(request);
            IsReachableResponse answer = call(tenant, address, request, IsReachableResponse.class);
            for (ReachabilityStatus status : answer.getReturn()) {
                var account = status.getAccountStatus();
                if (account == null) {
                    continue;
                }
                boolean secure = account.getType() == AccountTypes.SECURE && !account.isPending();
                var supplier = account.getServiceSupplier();
                answers.put(
                        account.getRecipientId(),
                        new Reachability(
                                secure,
                                status.isSenderAccepted(),
                                supplier == null ? null : supplier.getName(),
                                supplier == null ? null : supplier.getServiceAdress()));
            }
        }
        return answers;
    }

    @Override
    public Receipt deliver(Tenant tenant, Reachability where, Outgoing letter) throws Failure {
        var signer = certificates.of(tenant.id());
        try {
            signer.certificate().checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new Failure(
                    Failure.Kind.PERMANENT,
                    "The organisation certificate is not valid now (" + e.getMessage() + "); renew it in post.yml",
                    e);
        }
        Document request = sealedRequest(tenant, letter, signer);
        checkOutgoing(request);
        DeliverSecureResponse answer = call(tenant, where.serviceAddress(), request, DeliverSecureResponse.class);
        boolean delivered = answer.getReturn().getStatus().stream()
                .filter(s -> letter.identityNumber().equals(s.getRecipientId()))
                .anyMatch(DeliveryStatus::isDelivered);
        return new Receipt(where.operator(), answer.getReturn().getTransId(), delivered);
    }

    /**
     * The deliverSecure request for one letter: the delivery signed by the sender, then sealed and signed again
     * (Samla is its own sealer, since it posts straight to the operator).
     */
    Document sealedRequest(Tenant tenant, Outgoing letter, OrganisationCertificates.Signer signer) {
        Document request = xml.write(sealedDelivery(tenant, letter));
        Element sealed = firstElement(request.getDocumentElement());
        Element signed = firstElement(sealed);
        XmlSignatures.sign(signed, "signed-" + letter.messageId(), signer);
        XmlSignatures.sign(sealed, "sealed-" + letter.messageId(), signer);
        return request;
    }

    private DeliverSecure sealedDelivery(Tenant tenant, Outgoing letter) {
        Sender sender = new Sender();
        sender.setId(OrganisationCertificates.senderId(tenant));
        sender.setName(tenant.name());
        SecureDeliveryHeader deliveryHeader = new SecureDeliveryHeader();
        deliveryHeader.setSender(sender);
        deliveryHeader.setRecipient(letter.identityNumber());
        deliveryHeader.setReference(letter.reference());
        deliveryHeader.setCorrelationId(letter.messageId());

        SupportInfo support = new SupportInfo();
        support.setText(letter.support().text());
        support.setURL(letter.support().url());
        support.setPhoneNumber(letter.support().phone());
        support.setEmailAdress(letter.support().email());
        MessageHeader header = new MessageHeader();
        header.setId(letter.messageId());
        header.setSubject(letter.subject());
        header.setSupportinfo(support);
        header.setLanguage("sv");
        MessageBody body = new MessageBody();
        body.setContentType("text/plain");
        body.setBody(letter.text().getBytes(StandardCharsets.UTF_8));
        Attachment pdf = new Attachment();
        pdf.setContentType("application/pdf");
        pdf.setBody(letter.pdf());
        pdf.setChecksum(md5(letter.pdf()));
        pdf.setFilename(letter.filename());
        SecureMessage message = new SecureMessage();
        message.setHeader(header);
        message.setBody(body);
        message.getAttachment().add(pdf);
        if (letter.calendar() != null) {
            byte[] ics = letter.calendar().getBytes(StandardCharsets.UTF_8);
            Attachment calendar = new Attachment();
            calendar.setContentType("text/calendar");
            calendar.setBody(ics);
            calendar.setChecksum(md5(ics));
            calendar.setFilename(letter.filename().replaceAll("\\.pdf$", "") + ".ics");
            message.getAttachment().add(calendar);
        }

        SecureDelivery delivery = new SecureDelivery();
        delivery.setHeader(deliveryHeader);
        delivery.getMessage().add(message);
        SignedDelivery signed = new SignedDelivery();
        signed.setDelivery(delivery);
        Seal seal = new Seal();
        seal.setReceivedTime(date(LocalDate.now(clock)));
        seal.setSignaturesOK(true);
        SealedDelivery sealed = new SealedDelivery();
        sealed.setSignedDelivery(signed);
        sealed.setSeal(seal);
        DeliverSecure request = new DeliverSecure();
        request.setDeliverSecure(sealed);
        return request;
    }

    /** Mina meddelanden's attachment checksum: MD5, as hexadecimal. */
    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkOutgoing(Document request) throws Failure {
        try {
            xml.validate(request.getDocumentElement());
        } catch (MinaMeddelandenXml.InvalidMessage e) {
            throw new Failure(Failure.Kind.PERMANENT, "Samla's own message " + e.getMessage(), e);
        }
    }

    private <T> T call(Tenant tenant, String address, Document request, Class<T> answerType) throws Failure {
        java.net.URI uri;
        try {
            uri = OperatorConnections.checked(address, production);
        } catch (OperatorConnections.UnusableAddress e) {
            // sending again changes nothing: the letter goes on paper
            throw new Failure(Failure.Kind.PERMANENT, "Unusable service address: " + e.getMessage(), e);
        }
        DOMResult result = new DOMResult();
        try {
            template(tenant, uri).sendSourceAndReceiveToResult(uri.toString(), new DOMSource(request), result);
        } catch (SoapFaultClientException e) {
            throw fault(e);
        } catch (WebServiceIOException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "No answer from " + address + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Failure(Failure.Kind.TRANSIENT, "The call to " + address + " failed: " + e.getMessage(), e);
        }
        Node answer = result.getNode();
        Element element = answer instanceof Document d ? d.getDocumentElement() : (Element) answer;
        try {
            xml.validate(element);
            return xml.read(element, answerType);
        } catch (MinaMeddelandenXml.InvalidMessage e) {
            throw new Failure(Failure.Kind.TRANSIENT, "The answer from " + address + " " + e.getMessage(), e);
        }
    }

    /** Plain HTTP for the demo operator on this machine; mutual TLS with the municipality's certificate otherwise. */
    private WebServiceTemplate template(Tenant tenant, java.net.URI address) {
        if (!"https".equalsIgnoreCase(address.getScheme())) {
            return template;
        }
        return mutualTls.computeIfAbsent(tenant.id(), id -> {
            try {
                var sender = new JdkHttpClientMessageSender(OperatorConnections.client(
                        OperatorConnections.mutualTls(certificates.of(id), trust), connectTimeout));
                sender.setRequestTimeout(requestTimeout);
                var secure = new WebServiceTemplate(soapMessages);
                secure.setMessageSender(sender);
                return secure;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Cannot set up TLS for " + tenant.slug() + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * An operator's refusal. Its applicationFault says why; a fault about the message or its signature is
     * permanent (sending it again changes nothing), anything else is tried again.
     */
    private Failure fault(SoapFaultClientException e) {
        String reason = e.getFaultStringOrReason();
        Integer code = null;
        var detail = e.getSoapFault().getFaultDetail();
        if (detail != null) {
            for (Iterator<SoapFaultDetailElement> entries = detail.getDetailEntries(); entries.hasNext(); ) {
                try {
                    DOMResult dom = new DOMResult();
                    TransformerFactory.newInstance()
                            .newTransformer()
                            .transform(entries.next().getSource(), dom);
                    Node node = dom.getNode() instanceof Document d ? d.getDocumentElement() : dom.getNode();
                    ExceptionInformation info = xml.read(node, ExceptionInformation.class);
                    code = info.getErrorCode();
                    reason = info.getDescription() + " (" + code + ", call " + info.getCallId() + ")";
                } catch (TransformerException | MinaMeddelandenXml.InvalidMessage ignored) {
                    // a detail that is not an applicationFault leaves the fault's own reason
                }
            }
        }
        boolean permanent = code != null && code >= 2000 && code < 4000;
        return new Failure(
                permanent ? Failure.Kind.PERMANENT : Failure.Kind.TRANSIENT, "The operator refused: " + reason, e);
    }

    private String demoAddress(String service) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String context = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + context + DEMO_PATH + service;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new IllegalStateException(parent.getLocalName() + " has no child element");
    }

    private static javax.xml.datatype.XMLGregorianCalendar date(LocalDate day) {
        try {
            return DatatypeFactory.newInstance()
                    .newXMLGregorianCalendarDate(
                            day.getYear(), day.getMonthValue(), day.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
