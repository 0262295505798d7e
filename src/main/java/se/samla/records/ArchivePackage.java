package se.samla.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.samla.shared.SwedishTime;

/**
 * An FGS Paketstruktur 2.0 package (E-ARK CSIP 2.1 + SIP 2.1) of one closed case: a root METS.xml with its
 * agents, file groups and structural map; the case described in FGS Ärendehantering (E-ARK ERMS) under
 * metadata/descriptive; the schemas used; and one representation with its own METS.xml and the case's
 * documents as data files. Every file carries its size, creation time and SHA-256.
 */
final class ArchivePackage {

    static final String METS = "http://www.loc.gov/METS/";
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    static final String ERMS = "https://DILCIS.eu/XML/ERMS";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
    static final String SOFTWARE = "Samla";
    static final String SOFTWARE_VERSION = "0.1.0";
    static final List<String> SCHEMAS =
            List.of("ERMS_v3.xsd", "mets-1.12.1.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd");

    /** A document of the case as a file of the representation. */
    record DataFile(String name, String mimeType, byte[] content) {}

    /** One registered document, as ERMS describes it. */
    record Document(
            UUID id,
            int number,
            String title,
            String direction,
            String counterpart,
            Instant registered,
            String provision,
            String dataFile) {}

    /** The case as ERMS describes it. */
    record CaseFile(
            UUID id,
            String reference,
            String title,
            String caseType,
            String status,
            Instant created,
            Instant closed,
            String provision,
            String counterpart,
            String counterpartNumber,
            String unitName,
            String decision,
            Instant decidedAt,
            String decidedBy,
            String retentionReference,
            List<Document> documents) {}

    /** Who delivers: the municipality as organisation and archival creator. */
    record Producer(String name, String organisationNumber) {}

    private record Entry(String path, String mimeType, byte[] content, String id) {}

    private ArchivePackage() {}

    static String objectId(Producer producer, CaseFile c) {
        return "SE" + producer.organisationNumber().replace("-", "") + "-"
                + c.reference().replace(' ', '-').replace('/', '-');
    }

    /** Writes the package as a ZIP whose single top folder is the package's OBJID. */
    static void write(Producer producer, CaseFile c, List<DataFile> data, OutputStream out, Clock clock)
            throws IOException {
        String objid = objectId(producer, c);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Entry> dataEntries = new ArrayList<>();
        int n = 1;
        for (DataFile f : data) {
            dataEntries.add(
                    new Entry("representations/rep1/data/" + f.name(), f.mimeType(), f.content(), "file-data-" + n++));
        }
        byte[] erms = erms(producer, c, now);
        byte[] repMets = representationMets(objid, dataEntries, now);
        List<Entry> schemas = new ArrayList<>();
        for (String schema : SCHEMAS) {
            try (InputStream in = ArchivePackage.class.getResourceAsStream("/fgs/schemas/" + schema)) {
                schemas.add(new Entry(
                        "schemas/" + schema,
                        "application/xml",
                        in.readAllBytes(),
                        "file-schema-" + schema.replaceAll("[^A-Za-z0-9]", "-")));
            }
        }
        Entry ermsEntry = new Entry("metadata/descriptive/erms.xml", "application/xml", erms, "dmd-erms");
        Entry repEntry = new Entry("representations/rep1/METS.xml", "application/xml", repMets, "file-rep1-mets");
        byte[] rootMets = rootMets(producer, c, objid, ermsEntry, schemas, repEntry, now);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, objid + "/METS.xml", rootMets);
            put(zip, objid + "/" + ermsEntry.path(), erms);
            for (Entry s : schemas) {
                put(zip, objid + "/" + s.path(), s.content());
            }
            put(zip, objid + "/" + repEntry.path(), repMets);
            for (Entry d : dataEntries) {
                put(zip, objid + "/" + d.path(), d.content());
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] rootMets(
            Producer producer, CaseFile c, String objid, Entry erms, List<Entry> schemas, Entry rep, Instant now) {
        return xml(w -> {
            startMets(w, "schemas/", objid);
            w.writeAttribute("LABEL", c.reference() + " " + c.title());
            header(w, producer, now);
            w.writeStartElement("mets", "dmdSec", METS);
            w.writeAttribute("ID", "dmd-erms");
            w.writeAttribute("CREATED", date(now));
            w.writeAttribute("STATUS", "CURRENT");
            w.writeEmptyElement("mets", "mdRef", METS);
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK, "type", "simple");
            w.writeAttribute(XLINK, "href", erms.path());
            w.writeAttribute("MDTYPE", "OTHER");
            w.writeAttribute("OTHERMDTYPE", "ERMS");
            fileAttributes(w, erms, now);
            w.writeEndElement();
            w.writeStartElement("mets", "fileSec", METS);
            w.writeAttribute("ID", "filesec-root");
            w.writeStartElement("mets", "fileGrp", METS);
            w.writeAttribute("ID", "filegrp-schemas");
            w.writeAttribute("USE", "Schemas");
            for (Entry s : schemas) {
                file(w, s, now);
            }
            w.writeEndElement();
            w.writeStartElement("mets", "fileGrp", METS);
            w.writeAttribute("ID", "filegrp-rep1");
            w.writeAttribute("USE", "Representations/rep1");
            file(w, rep, now);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("mets", "structMap", METS);
            w.writeAttribute("ID", "structmap-root");
            w.writeAttribute("TYPE", "PHYSICAL");
            w.writeAttribute("LABEL", "CSIP");
            w.writeStartElement("mets", "div", METS);
            w.writeAttribute("ID", "div-root");
            w.writeAttribute("LABEL", objid);
            w.writeEmptyElement("mets", "div", METS);
            w.writeAttribute("ID", "div-metadata");
            w.writeAttribute("LABEL", "Metadata");
            w.writeAttribute("DMDID", "dmd-erms");
            w.writeStartElement("mets", "div", METS);
            w.writeAttribute("ID", "div-schemas");
            w.writeAttribute("LABEL", "Schemas");
            for (Entry s : schemas) {
                w.writeEmptyElement("mets", "fptr", METS);
                w.writeAttribute("FILEID", s.id());
            }
            w.writeEndElement();
            w.writeStartElement("mets", "div", METS);
            w.writeAttribute("ID", "div-rep1");
            w.writeAttribute("LABEL", "Representations/rep1");
            w.writeEmptyElement("mets", "mptr", METS);
            w.writeAttribute("LOCTYPE", "URL");
            w.writeAttribute(XLINK, "type", "simple");
            w.writeAttribute(XLINK, "href", rep.path());
            w.writeAttribute(XLINK, "title", rep.id());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static byte[] representationMets(String objid, List<Entry> data, Instant now) {
        return xml(w -> {
            startMets(w, "../../schemas/", objid + "-rep1");
            w.writeStartElement("mets", "metsHdr", METS);
            w.writeAttribute("CREATEDATE", date(now));
            w.writeAttribute("RECORDSTATUS", "NEW");
            w.writeAttribute(CSIP, "OAISPACKAGETYPE", "SIP");
            softwareAgent(w);
            w.writeEndElement();
            w.writeStartElement("mets", "fileSec", METS);
            w.writeAttribute("ID", "filesec-rep1");
            w.writeStartElement("mets", "fileGrp", METS);
            w.writeAttribute("ID", "filegrp-data");
            w.writeAttribute("USE", "Data");
            for (Entry d : data) {
                file(
                        w,
                        new Entry(
                                d.path().substring("representations/rep1/".length()),
                                d.mimeType(),
                                d.content(),
                                d.id()),
                        now);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("mets", "structMap", METS);
            w.writeAttribute("ID", "structmap-rep1");
            w.writeAttribute("TYPE", "PHYSICAL");
            w.writeAttribute("LABEL", "CSIP");
            w.writeStartElement("mets", "div", METS);
            w.writeAttribute("ID", "div-rep1-root");
            w.writeAttribute("LABEL", objid + "-rep1");
            w.writeStartElement("mets", "div", METS);
            w.writeAttribute("ID", "div-data");
            w.writeAttribute("LABEL", "Data");
            for (Entry d : data) {
                w.writeEmptyElement("mets", "fptr", METS);
                w.writeAttribute("FILEID", d.id());
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The mets element with the namespaces, schema locations and the attributes CSIP and SIP require. */
    private static void startMets(XMLStreamWriter w, String schemas, String objid) throws XMLStreamException {
        w.writeStartElement("mets", "mets", METS);
        w.writeNamespace("mets", METS);
        w.writeNamespace("xlink", XLINK);
        w.writeNamespace("csip", CSIP);
        w.writeNamespace("xsi", XSI);
        w.writeAttribute(
                XSI,
                "schemaLocation",
                METS + " " + schemas + "mets-1.12.1.xsd " + XLINK + " " + schemas + "xlink.xsd " + CSIP + " " + schemas
                        + "DILCISExtensionMETS.xsd");
        w.writeAttribute("OBJID", objid);
        w.writeAttribute("TYPE", "Mixed");
        // the CSIP extension schema's value for ERMS content
        w.writeAttribute(CSIP, "CONTENTINFORMATIONTYPE", "SMURFERMS");
        w.writeAttribute("PROFILE", SIP_PROFILE);
    }

    private static void header(XMLStreamWriter w, Producer producer, Instant now) throws XMLStreamException {
        w.writeStartElement("mets", "metsHdr", METS);
        w.writeAttribute("CREATEDATE", date(now));
        w.writeAttribute("RECORDSTATUS", "NEW");
        w.writeAttribute(CSIP, "OAISPACKAGETYPE", "SIP");
        softwareAgent(w);
        // the submitting organisation, and the archival creator (arkivbildare)
        for (String role : List.of("CREATOR", "ARCHIVIST")) {
            w.writeStartElement("mets", "agent", METS);
            w.writeAttribute("ROLE", role);
            w.writeAttribute("TYPE", "ORGANIZATION");
            element(w, METS, "name", producer.name());
            element(w, METS, "note", "ID:" + producer.organisationNumber());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void softwareAgent(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("mets", "agent", METS);
        w.writeAttribute("ROLE", "CREATOR");
        w.writeAttribute("TYPE", "OTHER");
        w.writeAttribute("OTHERTYPE", "SOFTWARE");
        element(w, METS, "name", SOFTWARE);
        w.writeStartElement("mets", "note", METS);
        w.writeAttribute(CSIP, "NOTETYPE", "SOFTWARE VERSION");
        w.writeCharacters(SOFTWARE_VERSION);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void file(XMLStreamWriter w, Entry e, Instant now) throws XMLStreamException {
        w.writeStartElement("mets", "file", METS);
        w.writeAttribute("ID", e.id());
        fileAttributes(w, e, now);
        w.writeEmptyElement("mets", "FLocat", METS);
        w.writeAttribute("LOCTYPE", "URL");
        w.writeAttribute(XLINK, "type", "simple");
        w.writeAttribute(XLINK, "href", e.path());
        w.writeEndElement();
    }

    private static void fileAttributes(XMLStreamWriter w, Entry e, Instant now) throws XMLStreamException {
        w.writeAttribute("MIMETYPE", e.mimeType());
        w.writeAttribute("SIZE", Long.toString(e.content().length));
        w.writeAttribute("CREATED", date(now));
        w.writeAttribute("CHECKSUM", sha256(e.content()));
        w.writeAttribute("CHECKSUMTYPE", "SHA-256");
    }

    private static byte[] erms(Producer producer, CaseFile c, Instant now) {
        return xml(w -> {
            w.setDefaultNamespace(ERMS);
            w.writeStartElement(ERMS, "erms");
            w.writeDefaultNamespace(ERMS);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", ERMS + " ../../schemas/ERMS_v3.xsd");
            w.writeStartElement(ERMS, "control");
            identified(w, "system", SOFTWARE);
            w.writeStartElement(ERMS, "maintenanceInformation");
            w.writeEmptyElement(ERMS, "maintenanceStatus");
            w.writeAttribute("value", "new");
            w.writeStartElement(ERMS, "maintenanceAgency");
            element(w, ERMS, "agencyName", producer.name());
            w.writeEndElement();
            w.writeStartElement(ERMS, "maintenanceHistory");
            w.writeStartElement(ERMS, "maintenanceEvent");
            w.writeEmptyElement(ERMS, "eventType");
            w.writeAttribute("value", "created");
            element(w, ERMS, "eventDateTime", date(now));
            agent(w, "creator", SOFTWARE, null, null, null);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement(ERMS, "aggregations");
            w.writeStartElement(ERMS, "aggregation");
            w.writeAttribute("aggregationType", "caseFile");
            w.writeAttribute("systemIdentifier", c.id().toString());
            element(w, ERMS, "objectId", c.reference());
            w.writeStartElement(ERMS, "extraId");
            w.writeAttribute("extraIdType", "caseType");
            w.writeCharacters(c.caseType());
            w.writeEndElement();
            element(w, ERMS, "title", c.title());
            w.writeEmptyElement(ERMS, "status");
            w.writeAttribute("value", "closed");
            restriction(w, c.provision());
            w.writeStartElement(ERMS, "agents");
            if (c.counterpart() != null) {
                agent(w, "counterpart", c.counterpart(), null, null, c.counterpartNumber());
            }
            agent(w, "responsible_person", c.unitName(), producer.name(), c.unitName(), null);
            if (c.decidedBy() != null) {
                agent(w, "authorising_person", c.decidedBy(), producer.name(), c.unitName(), null);
            }
            w.writeEndElement();
            w.writeStartElement(ERMS, "dates");
            date(w, "created", c.created());
            if (c.decidedAt() != null) {
                date(w, "decision", c.decidedAt());
            }
            if (c.closed() != null) {
                date(w, "closed", c.closed());
            }
            w.writeEndElement();
            w.writeStartElement(ERMS, "notes");
            if (c.decision() != null) {
                w.writeStartElement(ERMS, "note");
                w.writeAttribute("noteType", "decision");
                w.writeCharacters(c.decision());
                w.writeEndElement();
            }
            w.writeStartElement(ERMS, "note");
            w.writeAttribute("noteType", "retention");
            w.writeCharacters("Bevaras enligt "
                    + (c.retentionReference() == null ? "informationshanteringsplanen" : c.retentionReference()));
            w.writeEndElement();
            w.writeEndElement();
            for (Document d : c.documents()) {
                w.writeStartElement(ERMS, "record");
                w.writeAttribute("systemIdentifier", d.id().toString());
                w.writeAttribute("recordPhysicalOrDigital", "digital");
                element(w, ERMS, "objectId", c.reference() + "-" + d.number());
                element(w, ERMS, "title", d.title());
                element(w, ERMS, "runningNumber", Integer.toString(d.number()));
                restriction(w, d.provision());
                w.writeStartElement(ERMS, "direction");
                w.writeAttribute(
                        "directionDefinition",
                        switch (d.direction()) {
                            case "INCOMING" -> "incoming";
                            case "OUTGOING" -> "outgoing";
                            default -> "internal_memo_without_follow-up";
                        });
                w.writeEndElement();
                if (d.counterpart() != null) {
                    w.writeStartElement(ERMS, "agents");
                    agent(
                            w,
                            "INCOMING".equals(d.direction()) ? "sender" : "receiver",
                            d.counterpart(),
                            null,
                            null,
                            null);
                    w.writeEndElement();
                }
                if (d.dataFile() != null) {
                    element(
                            w,
                            ERMS,
                            "description",
                            "Fil i representationen: representations/rep1/data/" + d.dataFile());
                }
                w.writeStartElement(ERMS, "dates");
                date(w, "created", d.registered());
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void identified(XMLStreamWriter w, String type, String value) throws XMLStreamException {
        w.writeStartElement(ERMS, "identification");
        w.writeAttribute("identificationType", type);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void restriction(XMLStreamWriter w, String provision) throws XMLStreamException {
        if (provision == null) {
            return;
        }
        w.writeStartElement(ERMS, "restriction");
        w.writeAttribute("restrictionType", "confidential");
        element(w, ERMS, "explanatoryText", "Sekretess");
        element(w, ERMS, "regulation", provision);
        w.writeEndElement();
    }

    private static void agent(
            XMLStreamWriter w, String type, String name, String organisation, String unit, String idNumber)
            throws XMLStreamException {
        w.writeStartElement(ERMS, "agent");
        w.writeAttribute("agentType", type);
        element(w, ERMS, "name", name);
        if (organisation != null) {
            element(w, ERMS, "organisation", organisation);
        }
        if (unit != null) {
            element(w, ERMS, "unitName", unit);
        }
        if (idNumber != null) {
            w.writeStartElement(ERMS, "idNumber");
            w.writeAttribute("idNumberType", "personnummer");
            w.writeCharacters(idNumber);
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void date(XMLStreamWriter w, String type, Instant at) throws XMLStreamException {
        w.writeStartElement(ERMS, "date");
        w.writeAttribute("dateType", type);
        w.writeCharacters(date(at));
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String ns, String name, String text) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(text == null ? "" : text);
        w.writeEndElement();
    }

    static String date(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), SwedishTime.ZONE)
                        .toOffsetDateTime());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface XmlWork {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] xml(XmlWork work) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            work.write(w);
            w.writeEndDocument();
            w.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the package's XML", e);
        }
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
