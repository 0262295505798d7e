package se.samla.messaging;

import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.ws.server.endpoint.annotation.Endpoint;
import org.springframework.ws.server.endpoint.annotation.PayloadRoot;
import org.springframework.ws.server.endpoint.annotation.RequestPayload;
import org.springframework.ws.server.endpoint.annotation.ResponsePayload;
import org.w3c.dom.Element;
import se.gov.minameddelanden.schema.message.Attachment;
import se.gov.minameddelanden.schema.message.v3.SecureMessage;
import se.gov.minameddelanden.schema.recipient.AccountStatus;
import se.gov.minameddelanden.schema.recipient.AccountTypes;
import se.gov.minameddelanden.schema.recipient.ReachabilityStatus;
import se.gov.minameddelanden.schema.recipient.ServiceSupplier;
import se.gov.minameddelanden.schema.recipient.v3.IsReachable;
import se.gov.minameddelanden.schema.recipient.v3.IsReachableResponse;
import se.gov.minameddelanden.schema.service.DeliveryResult;
import se.gov.minameddelanden.schema.service.DeliveryStatus;
import se.gov.minameddelanden.schema.service.v3.DeliverSecure;
import se.gov.minameddelanden.schema.service.v3.DeliverSecureResponse;

/**
 * The operator side of Mina meddelanden, for the demo run: answers isReachable from its own accounts, and takes a
 * deliverSecure only when it is valid against the schemas, both signatures hold, the signing certificate is the one
 * it trusts for the sender, and every attachment matches its checksum. A message id it has already taken from a
 * sender is answered as delivered again, without a second copy.
 */
@Endpoint
@ConditionalOnProperty(name = "samla.demo-operator.enabled", havingValue = "true", matchIfMissing = true)
class DemoMailboxOperator {

    static final String OPERATOR_NAME = "Demobrevlådan";
    static final String OPERATOR_ID = "165560000003";

    private final MinaMeddelandenXml xml;
    private final DemoMailboxes mailboxes;
    private final OrganisationCertificates certificates;
    private final Clock clock;

    DemoMailboxOperator(
            MinaMeddelandenXml xml, DemoMailboxes mailboxes, OrganisationCertificates certificates, Clock clock) {
        this.xml = xml;
        this.mailboxes = mailboxes;
        this.certificates = certificates;
        this.clock = clock;
    }

    @PayloadRoot(namespace = MinaMeddelandenXml.RECIPIENT_V3, localPart = "isReachable")
    @ResponsePayload
    Element isReachable(@RequestPayload Element request) {
        mailboxes.misbehaviour().beforeAnswering();
        IsReachable question = checked(request, IsReachable.class);
        IsReachableResponse answer = new IsReachableResponse();
        for (String recipient : question.getRecipientId()) {
            var account = mailboxes.account(recipient);
            AccountStatus status = new AccountStatus();
            status.setRecipientId(recipient);
            status.setPending(false);
            status.setType(account.map(a -> a.open() ? AccountTypes.SECURE : AccountTypes.NOT)
                    .orElse(AccountTypes.NOT));
            if (account.isPresent() && account.get().open()) {
                ServiceSupplier supplier = new ServiceSupplier();
                supplier.setId(OPERATOR_ID);
                supplier.setName(OPERATOR_NAME);
                String address = mailboxes.misbehaviour().mode() == DemoOperatorMisbehaviour.Mode.UNUSABLE_ADDRESS
                        ? "ftp://operator.invalid/deliver"
                        : mailboxes.serviceAddress();
                supplier.setServiceAdress(address);
                supplier.setInternalServiceAdress(address);
                status.setServiceSupplier(supplier);
            }
            ReachabilityStatus reachability = new ReachabilityStatus();
            reachability.setAccountStatus(status);
            reachability.setSenderAccepted(account.map(a -> !a.refusedSenders().contains(question.getSenderOrgNr()))
                    .orElse(false));
            answer.getReturn().add(reachability);
        }
        return xml.write(answer).getDocumentElement();
    }

    @PayloadRoot(namespace = MinaMeddelandenXml.SERVICE_V3, localPart = "deliverSecure")
    @ResponsePayload
    Element deliverSecure(@RequestPayload Element request) {
        var misbehaviour = mailboxes.misbehaviour();
        misbehaviour.beforeAnswering();
        DeliverSecure delivery = checked(request, DeliverSecure.class);
        Element sealed = MinaMeddelandenClient.firstElement(request);
        Element signed = MinaMeddelandenClient.firstElement(sealed);
        java.security.cert.X509Certificate sealer;
        java.security.cert.X509Certificate sender;
        try {
            sender = XmlSignatures.verify(signed, clock.instant());
            sealer = XmlSignatures.verify(sealed, clock.instant());
        } catch (XmlSignatures.InvalidSignature e) {
            throw new DemoOperatorFault(DemoOperatorFault.BAD_SIGNATURE, "Signature not accepted: " + e.getMessage());
        }
        var header =
                delivery.getDeliverSecure().getSignedDelivery().getDelivery().getHeader();
        String senderId = header.getSender().getId();
        var trusted = certificates.demoCertificate(senderId);
        if (trusted.isEmpty() || !trusted.get().equals(sender) || !trusted.get().equals(sealer)) {
            throw new DemoOperatorFault(
                    DemoOperatorFault.UNTRUSTED_CERTIFICATE,
                    "The signing certificate is not the one registered for sender " + senderId);
        }
        String recipient = header.getRecipient();
        var account = mailboxes.account(recipient);
        boolean takes = account.isPresent()
                && account.get().open()
                && !account.get().refusedSenders().contains(senderId);
        DeliveryResult result = new DeliveryResult();
        String transaction = UUID.randomUUID().toString();
        if (takes) {
            for (SecureMessage message : delivery.getDeliverSecure()
                    .getSignedDelivery()
                    .getDelivery()
                    .getMessage()) {
                for (Attachment attachment : message.getAttachment()) {
                    if (!MinaMeddelandenClient.md5(attachment.getBody()).equalsIgnoreCase(attachment.getChecksum())) {
                        throw new DemoOperatorFault(
                                DemoOperatorFault.BAD_CHECKSUM,
                                "Attachment " + attachment.getFilename() + " does not match its checksum");
                    }
                }
                SecureMessage first = message;
                // the letter is the first attachment; a message without one is its own text
                Attachment document = first.getAttachment().isEmpty()
                        ? null
                        : first.getAttachment().get(0);
                transaction = mailboxes.store(new DemoMailboxes.Arrival(
                        senderId,
                        header.getSender().getName(),
                        recipient,
                        first.getHeader().getId(),
                        first.getHeader().getSubject(),
                        document == null ? first.getBody().getContentType() : document.getContentType(),
                        document == null ? first.getBody().getBody() : document.getBody(),
                        transaction));
            }
        }
        misbehaviour.afterStoring();
        DeliveryStatus status = new DeliveryStatus();
        status.setRecipientId(recipient);
        status.setDelivered(takes);
        result.setTransId(transaction);
        result.getStatus().add(status);
        DeliverSecureResponse answer = new DeliverSecureResponse();
        answer.setReturn(result);
        return xml.write(answer).getDocumentElement();
    }

    private <T> T checked(Element request, Class<T> type) {
        try {
            xml.validate(request);
            return xml.read(request, type);
        } catch (MinaMeddelandenXml.InvalidMessage e) {
            throw new DemoOperatorFault(DemoOperatorFault.INVALID_MESSAGE, "The message " + e.getMessage());
        }
    }
}
