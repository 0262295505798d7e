package se.samla.reports;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Open311 answers in the two formats the specification names, from one tree of maps (ordered
 * elements) and lists. In XML a list is the repeated element of its singular name inside the list's
 * element, as the specification's examples show (services/service, attributes/attribute, values/value).
 */
enum Open311Format {

    XML(MediaType.parseMediaType("text/xml;charset=UTF-8")),
    JSON(MediaType.parseMediaType("application/json;charset=UTF-8"));

    private static final Map<String, String> ITEM = Map.ofEntries(Map.entry("services", "service"),
            Map.entry("attributes", "attribute"), Map.entry("values", "value"), Map.entry("service_requests", "request"),
            Map.entry("service_request_updates", "request_update"), Map.entry("errors", "error"),
            Map.entry("endpoints", "endpoint"), Map.entry("formats", "format"));

    final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** The format a path's extension asks for; XML, the required one, when it names none. */
    static Open311Format of(String extension) {
        return "json".equals(extension) ? JSON : XML;
    }

    /**
     * @param root   the XML root element (services, service_requests, errors...)
     * @param answer a list (a JSON array) or a map (a JSON object)
     */
    String write(String root, Object answer, JsonMapper jsonMapper) {
        if (this == JSON) {
            return jsonMapper.writeValueAsString(answer);
        }
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, answer);
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write Open311 XML", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                element(xml, (String) e.getKey(), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEM.getOrDefault(name, "item");
            for (Object v : list) {
                element(xml, item, v);
            }
        } else {
            xml.writeCharacters(value.toString());
        }
        xml.writeEndElement();
    }
}
