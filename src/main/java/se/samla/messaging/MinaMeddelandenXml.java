package se.samla.messaging;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Mina meddelanden v3 contract as Samla reads and writes it: the JAXB classes the build generates from its
 * schemas, and the schemas themselves, against which every message is checked before it is sent and when it
 * arrives at the demo operator.
 */
@Component
class MinaMeddelandenXml {

    static final String RECIPIENT_V3 = "http://minameddelanden.gov.se/schema/Recipient/v3";
    static final String SERVICE_V3 = "http://minameddelanden.gov.se/schema/Service/v3";
    static final String MESSAGE_V3 = "http://minameddelanden.gov.se/schema/Message/v3";
    static final String COMMON_V3 = "http://minameddelanden.gov.se/schema/Common/v3";

    /** A message that breaks the contract's schemas, with the first break found. */
    static final class InvalidMessage extends Exception {
        InvalidMessage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JAXBContext context;
    private final Schema schema;
    private final DocumentBuilderFactory documents;

    MinaMeddelandenXml() {
        try {
            this.context = JAXBContext.newInstance(
                    se.gov.minameddelanden.schema.recipient.v3.ObjectFactory.class,
                    se.gov.minameddelanden.schema.service.v3.ObjectFactory.class,
                    se.gov.minameddelanden.schema.common.v3.ObjectFactory.class);
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // the schemas import each other by relative paths, resolved from their own class path addresses
            this.schema = factory.newSchema(new StreamSource[] {
                source("/mina-meddelanden/schema/v3/Recipient.xsd"),
                source("/mina-meddelanden/schema/v3/Service.xsd"),
                source("/mina-meddelanden/schema/v3/Common.xsd")
            });
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException("Cannot load the Mina meddelanden contract: " + e.getMessage(), e);
        }
        this.documents = DocumentBuilderFactory.newInstance();
        this.documents.setNamespaceAware(true);
        try {
            this.documents.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            this.documents.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamSource source(String path) {
        URL url = MinaMeddelandenXml.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("Missing " + path + " on the class path");
        }
        try {
            return new StreamSource(url.openStream(), url.toExternalForm());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + url, e);
        }
    }

    /** A JAXB object (a root element or a JAXBElement) as a document of its own. */
    Document write(Object message) {
        try {
            Document document = documents.newDocumentBuilder().newDocument();
            context.createMarshaller().marshal(message, new DOMResult(document));
            return document;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("Cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** A JAXB object written into a result, e.g. a SOAP fault's detail. */
    void write(Object message, javax.xml.transform.Result into) {
        try {
            context.createMarshaller().marshal(message, into);
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** Reads an element of the contract as its JAXB class. */
    <T> T read(Node node, Class<T> type) throws InvalidMessage {
        try {
            Object read = context.createUnmarshaller().unmarshal(node);
            Object value = read instanceof JAXBElement<?> element ? element.getValue() : read;
            if (!type.isInstance(value)) {
                throw new InvalidMessage(
                        "expected " + type.getSimpleName() + ", got "
                                + value.getClass().getSimpleName(),
                        null);
            }
            return type.cast(value);
        } catch (JAXBException e) {
            throw new InvalidMessage("cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks an element of the contract (a request or an answer) against the schemas. */
    void validate(Element element) throws InvalidMessage {
        try {
            schema.newValidator().validate(new DOMSource(element));
        } catch (SAXParseException e) {
            throw new InvalidMessage("breaks the schema: " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new InvalidMessage("cannot be checked: " + e.getMessage(), e);
        }
    }

    Document newDocument() {
        try {
            return documents.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
