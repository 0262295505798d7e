package se.samla.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.identity.TestLogins;

/**
 * An e-archive package of a closed case to keep: METS and ERMS valid against their schemas, the ERMS
 * Schematron rules hold, every checksum and size is right, and the CSIP requirements are met.
 */
class ArchiveExportIT extends SamlaIntegrationTest {

    private static final byte[] PDF =
            "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> NS = Map.of(
            "mets",
            ArchivePackage.METS,
            "xlink",
            ArchivePackage.XLINK,
            "csip",
            ArchivePackage.CSIP,
            "erms",
            ArchivePackage.ERMS);

    @Autowired
    CaseIntake intake;

    @Autowired
    Registrar registrar;

    TestLogins.Login archivist;
    RequestPostProcessor host = r -> {
        r.setServerName("vanersborg.localhost");
        return r;
    };

    @BeforeEach
    void setUp() {
        archivist = logins().staff(
                        vanersborg,
                        "rune",
                        "Rune Registrator",
                        List.of("registrator:KSF-KANSLI", "arkivarie:KSF-KANSLI"),
                        "konfidentiell");
    }

    /** A building permit, granted and closed, with a drawing, a message and a memo. */
    private UUID grantedPermit() throws Exception {
        UUID submission = UUID.randomUUID();
        var opened = transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(
                    intake, submission, "bygglov", "drawings", "Ritning fasad öster.pdf", PDF, "person:anna");
            return TestIntake.open(
                    intake,
                    "bygglov",
                    null,
                    new CaseIntake.Reporter(null, "Anna Testsson", "198705212382", "person:anna"),
                    submission,
                    Map.of(
                            "property",
                            List.of("Vänersborg Nordstaden 3:12"),
                            "address.street",
                            List.of("Sundsgatan 29"),
                            "address.postalCode",
                            List.of("462 85"),
                            "address.city",
                            List.of("Vänersborg"),
                            "measure",
                            List.of("tillbyggnad"),
                            "area",
                            List.of("24"),
                            "description",
                            List.of("Inglasad altan"),
                            "applicantIsOwner",
                            List.of("ja")),
                    CaseIntake.Channel.E_SERVICE);
        });
        var officer =
                logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        mvc.perform(post("/personal/arenden/" + opened.caseId() + "/meddelande")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("body", "Vi har tagit emot din ansökan."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/personal/arenden/" + opened.caseId() + "/anteckning")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("body", "Platsbesök gjort."))
                .andExpect(status().is3xxRedirection());
        int version = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :c")
                        .param("c", opened.caseId())
                        .query(Integer.class)
                        .single());
        mvc.perform(post("/personal/arenden/" + opened.caseId() + "/beslut")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version))
                        .param("outcome", "beviljat")
                        .param("reasons", "Åtgärden följer detaljplanen.")
                        .param("legalReference", "9 kap. 30 § PBL"))
                .andExpect(status().is3xxRedirection());
        // the drawing shows a neighbour's house: the registrar marks it secret
        transactions.run(
                vanersborg.id(), () -> registrar.markDocument(opened.caseId(), 2, "18 kap. 8 § OSL", "staff:rune"));
        return opened.caseId();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static Document parse(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Schema schema(String... files) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // the schemas import each other by file name; resolve those from the test resources
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String name = systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
            InputStream in = name == null ? null : ArchiveExportIT.class.getResourceAsStream("/e-ark/" + name);
            if (in == null) {
                return null;
            }
            var input = new org.w3c.dom.ls.LSInput() {
                public java.io.Reader getCharacterStream() {
                    return null;
                }

                public void setCharacterStream(java.io.Reader r) {}

                public InputStream getByteStream() {
                    return in;
                }

                public void setByteStream(InputStream s) {}

                public String getStringData() {
                    return null;
                }

                public void setStringData(String s) {}

                public String getSystemId() {
                    return systemId;
                }

                public void setSystemId(String s) {}

                public String getPublicId() {
                    return publicId;
                }

                public void setPublicId(String s) {}

                public String getBaseURI() {
                    return baseUri;
                }

                public void setBaseURI(String s) {}

                public String getEncoding() {
                    return null;
                }

                public void setEncoding(String s) {}

                public boolean getCertifiedText() {
                    return false;
                }

                public void setCertifiedText(boolean b) {}
            };
            return input;
        });
        Source[] sources = new Source[files.length];
        for (int i = 0; i < files.length; i++) {
            sources[i] = new StreamSource(
                    ArchiveExportIT.class.getResourceAsStream("/e-ark/" + files[i]), "file:/e-ark/" + files[i]);
        }
        return factory.newSchema(sources);
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            public String getNamespaceURI(String prefix) {
                return NS.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            public String getPrefix(String uri) {
                return null;
            }

            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xpath;
    }

    private static NodeList nodes(Object context, String expression) throws Exception {
        return (NodeList) xpath().evaluate(expression, context, XPathConstants.NODESET);
    }

    private static String value(Object context, String expression) throws Exception {
        return xpath().evaluate(expression, context);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Every mets:file and mdRef in the document: the file it points at exists, and its size and SHA-256 are right. */
    private static int checkFiles(Document mets, Map<String, byte[]> files, String folder) throws Exception {
        NodeList refs = nodes(mets, "//mets:file | //mets:mdRef");
        for (int i = 0; i < refs.getLength(); i++) {
            Element ref = (Element) refs.item(i);
            String href = ref.getLocalName().equals("file")
                    ? ((Element) ref.getElementsByTagNameNS(ArchivePackage.METS, "FLocat")
                                    .item(0))
                            .getAttributeNS(ArchivePackage.XLINK, "href")
                    : ref.getAttributeNS(ArchivePackage.XLINK, "href");
            byte[] content = files.get(folder + href);
            assertThat(content).as("the file %s exists", href).isNotNull();
            assertThat(ref.getAttribute("CHECKSUMTYPE")).isEqualTo("SHA-256");
            assertThat(ref.getAttribute("CHECKSUM")).as(href).isEqualToIgnoringCase(sha256(content));
            assertThat(Long.parseLong(ref.getAttribute("SIZE"))).as(href).isEqualTo(content.length);
            assertThat(ref.getAttribute("MIMETYPE")).isNotBlank();
            assertThat(ref.getAttribute("CREATED"))
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        }
        return refs.getLength();
    }

    @Test
    void aPackageIsValidCompleteAndCorrect() throws Exception {
        UUID caseId = grantedPermit();
        String reference = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :c")
                        .param("c", caseId)
                        .query(String.class)
                        .single());
        byte[] zip = mvc.perform(get("/personal/arkiv/" + caseId).with(host).with(archivist.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Map<String, byte[]> files = unzip(zip);
        String objid = "SE2120001439-" + reference.replace(' ', '-').replace('/', '-');
        String root = objid + "/";
        assertThat(files)
                .containsKeys(
                        root + "METS.xml",
                        root + "metadata/descriptive/erms.xml",
                        root + "representations/rep1/METS.xml",
                        root + "schemas/ERMS_v3.xsd",
                        root + "schemas/mets-1.12.1.xsd");
        assertThat(files.keySet()).allMatch(name -> name.startsWith(root));

        // schemas
        Schema mets = schema("mets-1.12.1.xsd", "DILCISExtensionMETS.xsd");
        mets.newValidator().validate(new StreamSource(new ByteArrayInputStream(files.get(root + "METS.xml"))));
        mets.newValidator()
                .validate(
                        new StreamSource(new ByteArrayInputStream(files.get(root + "representations/rep1/METS.xml"))));
        schema("ERMS_v3.xsd")
                .newValidator()
                .validate(
                        new StreamSource(new ByteArrayInputStream(files.get(root + "metadata/descriptive/erms.xml"))));

        // checksums, sizes and locations, in the root and in the representation
        Document rootMets = parse(files.get(root + "METS.xml"));
        Document repMets = parse(files.get(root + "representations/rep1/METS.xml"));
        assertThat(checkFiles(rootMets, files, root)).isEqualTo(ArchivePackage.SCHEMAS.size() + 2);
        assertThat(checkFiles(repMets, files, root + "representations/rep1/")).isEqualTo(5);

        // CSIP and SIP requirements of the root METS
        Element m = rootMets.getDocumentElement();
        assertThat(m.getAttribute("OBJID")).isEqualTo(objid);
        assertThat(m.getAttribute("TYPE")).isNotBlank();
        assertThat(m.getAttribute("PROFILE")).isEqualTo("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml");
        assertThat(m.getAttributeNS(ArchivePackage.CSIP, "CONTENTINFORMATIONTYPE"))
                .isNotBlank();
        assertThat(value(m, "mets:metsHdr/@CREATEDATE")).isNotBlank();
        assertThat(value(m, "mets:metsHdr/@csip:OAISPACKAGETYPE")).isEqualTo("SIP");
        assertThat(value(m, "mets:metsHdr/mets:agent[@ROLE='CREATOR'][@TYPE='OTHER'][@OTHERTYPE='SOFTWARE']/mets:name"))
                .isEqualTo("Samla");
        assertThat(value(
                        m,
                        "mets:metsHdr/mets:agent[@OTHERTYPE='SOFTWARE']/mets:note[@csip:NOTETYPE='SOFTWARE VERSION']"))
                .isNotBlank();
        assertThat(value(m, "mets:metsHdr/mets:agent[@ROLE='CREATOR'][@TYPE='ORGANIZATION']/mets:name"))
                .isEqualTo("Vänersborgs kommun");
        assertThat(value(m, "mets:metsHdr/mets:agent[@ROLE='ARCHIVIST'][@TYPE='ORGANIZATION']/mets:note"))
                .contains("212000-1439");
        assertThat(value(m, "mets:dmdSec/@STATUS")).isEqualTo("CURRENT");
        assertThat(value(m, "mets:dmdSec/mets:mdRef/@LOCTYPE")).isEqualTo("URL");
        assertThat(value(m, "mets:dmdSec/mets:mdRef/@xlink:type")).isEqualTo("simple");
        assertThat(nodes(m, "mets:fileSec/mets:fileGrp[@USE='Schemas']/mets:file")
                        .getLength())
                .isEqualTo(4);
        assertThat(nodes(m, "mets:fileSec/mets:fileGrp[@USE='Representations/rep1']/mets:file")
                        .getLength())
                .isEqualTo(1);
        assertThat(value(m, "mets:structMap/@TYPE")).isEqualTo("PHYSICAL");
        assertThat(value(m, "mets:structMap/@LABEL")).isEqualTo("CSIP");
        assertThat(value(m, "mets:structMap/mets:div/mets:div[@LABEL='Metadata']/@DMDID"))
                .isEqualTo("dmd-erms");
        assertThat(nodes(m, "mets:structMap/mets:div/mets:div[@LABEL='Schemas']/mets:fptr")
                        .getLength())
                .isEqualTo(4);
        assertThat(value(m, "mets:structMap/mets:div/mets:div[@LABEL='Representations/rep1']/mets:mptr/@xlink:href"))
                .isEqualTo("representations/rep1/METS.xml");
        // every file pointer points at a file of the same METS
        for (Document d : List.of(rootMets, repMets)) {
            NodeList pointers = nodes(d, "//mets:fptr");
            for (int i = 0; i < pointers.getLength(); i++) {
                String id = ((Element) pointers.item(i)).getAttribute("FILEID");
                assertThat(nodes(d, "//mets:file[@ID='" + id + "']").getLength())
                        .as(id)
                        .isEqualTo(1);
            }
        }

        // the case as ERMS describes it
        Document erms = parse(files.get(root + "metadata/descriptive/erms.xml"));
        Element aggregation = (Element)
                nodes(erms, "/erms:erms/erms:aggregations/erms:aggregation").item(0);
        assertThat(aggregation.getAttribute("aggregationType")).isEqualTo("caseFile");
        assertThat(value(aggregation, "erms:objectId")).isEqualTo(reference);
        assertThat(value(aggregation, "erms:status/@value")).isEqualTo("closed");
        assertThat(value(aggregation, "erms:agents/erms:agent[@agentType='counterpart']/erms:name"))
                .isEqualTo("Anna Testsson");
        assertThat(value(aggregation, "erms:agents/erms:agent[@agentType='authorising_person']/erms:name"))
                .isEqualTo("Bodil Bygglovsson");
        assertThat(value(aggregation, "erms:dates/erms:date[@dateType='decision']"))
                .isNotBlank();
        assertThat(value(aggregation, "erms:notes/erms:note[@noteType='decision']"))
                .contains("Bygglov beviljat")
                .contains("9 kap. 30 § PBL");
        NodeList records = nodes(aggregation, "erms:record");
        assertThat(records.getLength()).isEqualTo(5);
        assertThat(value(aggregation, "erms:record[erms:runningNumber='1']/erms:direction/@directionDefinition"))
                .isEqualTo("incoming");
        assertThat(value(aggregation, "erms:record[erms:runningNumber='3']/erms:direction/@directionDefinition"))
                .isEqualTo("outgoing");
        assertThat(value(aggregation, "erms:record[erms:runningNumber='4']/erms:direction/@directionDefinition"))
                .startsWith("internal");
        assertThat(value(aggregation, "erms:record[erms:runningNumber='2']/erms:restriction/erms:regulation"))
                .isEqualTo("18 kap. 8 § OSL");
        assertThat(nodes(aggregation, "erms:record[erms:runningNumber='1']/erms:restriction")
                        .getLength())
                .isZero();
        // the drawing itself is in the representation, byte for byte
        assertThat(files.get(root + "representations/rep1/data/002-ritning-fasad-oster.pdf"))
                .isEqualTo(PDF);
        assertThat(new String(files.get(root + "representations/rep1/data/001-ansokan.txt"), StandardCharsets.UTF_8))
                .contains("Vänersborg Nordstaden 3:12")
                .contains("Inglasad altan");

        // the ERMS Schematron rules (co-occurrence constraints), evaluated with XPath
        Document schematron = parse(
                ArchiveExportIT.class.getResourceAsStream("/e-ark/erms_v3.sch").readAllBytes());
        NodeList rules = schematron.getElementsByTagNameNS("http://purl.oclc.org/dsdl/schematron", "rule");
        assertThat(rules.getLength()).isPositive();
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            String context = "//" + rule.getAttribute("context");
            Element assertion = (Element) rule.getElementsByTagNameNS("http://purl.oclc.org/dsdl/schematron", "assert")
                    .item(0);
            NodeList matched = nodes(erms, context);
            for (int j = 0; j < matched.getLength(); j++) {
                assertThat((Boolean) xpath().evaluate(
                                        assertion.getAttribute("test"), matched.item(j), XPathConstants.BOOLEAN))
                        .as(assertion.getTextContent().strip())
                        .isTrue();
            }
        }
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'ARCHIVE_PACKAGE_MADE' AND object_id = :c")
                                .param("c", caseId.toString())
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
    }

    @Test
    void onlyClosedCasesToKeepAreDeliveredAndOnlyToArchivists() throws Exception {
        UUID caseId = grantedPermit();
        var open = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "synpunkt-klagomal",
                        null,
                        CaseIntake.Reporter.anonymous("anonymous"),
                        UUID.randomUUID(),
                        TestIntake.feedback("x"),
                        CaseIntake.Channel.E_SERVICE));
        mvc.perform(get("/personal/arkiv/" + open.caseId()).with(host).with(archivist.processor()))
                .andExpect(status().isNotFound());
        var officer =
                logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        mvc.perform(get("/personal/arkiv/" + caseId).with(host).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/personal/arkiv").with(host).with(archivist.processor()))
                .andExpect(status().isOk());
        byte[] batch = mvc.perform(get("/personal/arkiv/leverans").with(host).with(archivist.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(unzip(batch).keySet())
                .anyMatch(name -> name.endsWith("/METS.xml") && !name.contains("representations"));
    }
}
