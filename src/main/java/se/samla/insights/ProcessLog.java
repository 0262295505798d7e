package se.samla.insights;

import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * A case type's event log for process-mining tools, in XES (IEEE 1849-2016): one trace per case submitted in the
 * period, one event per status it moved to, from insights' own projection. Nothing identifies a person or a case:
 * traces are numbered in the order the cases came in, and events carry the status, the moment and the unit, never
 * who moved the case, its reference or its content.
 */
@Service
class ProcessLog {

    static final String XES_NAMESPACE = "http://www.xes-standard.org/";
    private static final DateTimeFormatter XES_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** One case's course. */
    record Trace(String channel, String result, List<Step> steps) {}

    record Step(String status, Instant at, String unit) {}

    private final JdbcClient jdbc;
    private final Insights insights;
    private final Catalog catalog;

    ProcessLog(JdbcClient jdbc, Insights insights, Catalog catalog) {
        this.jdbc = jdbc;
        this.insights = insights;
        this.catalog = catalog;
    }

    /**
     * The traces of the case type's cases in the manager's units submitted in the months. Refused (403) for a manager
     * of no unit; a case type their clearance does not reach, or that is not this municipality's, has none.
     */
    @Transactional(readOnly = true)
    List<Trace> traces(SignedInUser.Staff staff, String caseType, YearMonth from, YearMonth to) {
        List<String> units = insights.managedUnits(staff);
        boolean reached = catalog.current(CurrentTenant.require(), caseType)
                .filter(t -> staff.clearance()
                        .reaches(t.definition().confidentiality().level()))
                .isPresent();
        if (!reached) {
            return List.of();
        }
        Map<UUID, Trace> traces = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT f.case_id, f.channel, f.result, f.unit, s.status, s.at
                        FROM insights.case_fact f LEFT JOIN insights.case_step s ON s.tenant_id = f.tenant_id AND s.case_id = f.case_id
                        WHERE f.tenant_id = :tenant AND f.case_type = :type AND f.unit IN (:units) AND f.submitted_at >= :start AND f.submitted_at < :end
                        ORDER BY f.submitted_at, f.case_id, s.seq
                        """)
                .param("tenant", CurrentTenant.require().value())
                .param("type", caseType)
                .param("units", units)
                .param(
                        "start",
                        Timestamp.from(
                                from.atDay(1).atStartOfDay(SwedishTime.ZONE).toInstant()))
                .param(
                        "end",
                        Timestamp.from(to.plusMonths(1)
                                .atDay(1)
                                .atStartOfDay(SwedishTime.ZONE)
                                .toInstant()))
                .query((rs, n) -> {
                    String channel = rs.getString(2);
                    String result = rs.getString(3);
                    Trace trace = traces.computeIfAbsent(
                            rs.getObject(1, UUID.class), id -> new Trace(channel, result, new ArrayList<>()));
                    if (rs.getString(5) != null) {
                        trace.steps()
                                .add(new Step(
                                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(4)));
                    }
                    return null;
                })
                .list();
        return List.copyOf(traces.values());
    }

    /** Writes the traces as an XES log, the statuses named as staff read them in Swedish. */
    void write(String caseType, YearMonth from, YearMonth to, List<Trace> traces, OutputStream out) {
        CaseTypeDefinition definition =
                catalog.current(CurrentTenant.require(), caseType).orElseThrow().definition();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("log");
            xml.writeDefaultNamespace(XES_NAMESPACE);
            xml.writeAttribute("xes.version", "1849-2016");
            xml.writeAttribute("xes.features", "");
            extension(xml, "Concept", "concept");
            extension(xml, "Time", "time");
            extension(xml, "Lifecycle", "lifecycle");
            extension(xml, "Organizational", "org");
            xml.writeStartElement("global");
            xml.writeAttribute("scope", "trace");
            attribute(xml, "string", "concept:name", "__INVALID__");
            xml.writeEndElement();
            xml.writeStartElement("global");
            xml.writeAttribute("scope", "event");
            attribute(xml, "string", "concept:name", "__INVALID__");
            attribute(xml, "date", "time:timestamp", "1970-01-01T00:00:00.000+00:00");
            xml.writeEndElement();
            xml.writeEmptyElement("classifier");
            xml.writeAttribute("name", "Aktivitet");
            xml.writeAttribute("keys", "concept:name");
            attribute(xml, "string", "concept:name", definition.name().sv() + " " + from + "–" + to);
            int number = 0;
            for (Trace trace : traces) {
                xml.writeStartElement("trace");
                attribute(xml, "string", "concept:name", Integer.toString(++number));
                attribute(xml, "string", "samla:channel", trace.channel());
                if (trace.result() != null) {
                    attribute(xml, "string", "samla:result", trace.result());
                }
                for (Step step : trace.steps()) {
                    xml.writeStartElement("event");
                    attribute(
                            xml,
                            "string",
                            "concept:name",
                            definition
                                    .status(step.status())
                                    .map(s -> s.staff().sv())
                                    .orElse(step.status()));
                    attribute(xml, "string", "lifecycle:transition", "complete");
                    attribute(
                            xml,
                            "date",
                            "time:timestamp",
                            XES_TIME.format(step.at().atZone(SwedishTime.ZONE)));
                    attribute(xml, "string", "org:group", step.unit());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the event log", e);
        }
    }

    private static void extension(XMLStreamWriter xml, String name, String prefix) throws XMLStreamException {
        xml.writeEmptyElement("extension");
        xml.writeAttribute("name", name);
        xml.writeAttribute("prefix", prefix);
        xml.writeAttribute("uri", XES_NAMESPACE + prefix + ".xesext");
    }

    private static void attribute(XMLStreamWriter xml, String type, String key, String value)
            throws XMLStreamException {
        xml.writeEmptyElement(type);
        xml.writeAttribute("key", key);
        xml.writeAttribute("value", value);
    }
}
