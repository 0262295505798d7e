package se.samla.fees;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * The two rule sets an e-invoice must pass, as Peppol runs them: the CEN EN 16931 rules for UBL (XSLT 2.0) and the
 * Peppol BIS Billing 3.0 rules (ISO Schematron, compiled with SchXslt), both on Saxon-HE. Copies of the standards
 * folder's files are in src/test/resources/peppol-bis-3.
 */
final class PeppolRules {

    static final Path FILES = Path.of("src/test/resources/peppol-bis-3");
    private static final QName FLAG = new QName("flag");
    private static final QName ID = new QName("id");
    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    private static final Processor SAXON = new Processor(false);
    private static final XsltExecutable CEN = compile(
            new StreamSource(FILES.resolve("EN16931-UBL-validation.xslt").toFile()));
    private static final XsltExecutable PEPPOL = compilePeppol();

    private PeppolRules() {}

    /** The fatal failures of both rule sets, each as "id: text"; empty when the document passes. */
    static List<String> fatal(String document) {
        List<String> failures = new ArrayList<>();
        failures.addAll(failed(CEN, document));
        failures.addAll(failed(PEPPOL, document));
        return failures;
    }

    private static List<String> failed(XsltExecutable rules, String document) {
        try {
            var transformer = rules.load30();
            XdmDestination svrl = new XdmDestination();
            transformer.transform(new StreamSource(new StringReader(document)), svrl);
            List<String> failures = new ArrayList<>();
            collect(svrl.getXdmNode(), failures);
            return failures;
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(XdmNode node, List<String> failures) {
        for (XdmNode child : node.children()) {
            var name = child.getNodeName();
            if (name != null
                    && SVRL.equals(name.getNamespace())
                    && name.getLocalName().equals("failed-assert")
                    && "fatal".equals(child.getAttributeValue(FLAG))) {
                failures.add(child.getAttributeValue(ID) + ": "
                        + child.getStringValue().strip());
            }
            collect(child, failures);
        }
    }

    private static XsltExecutable compile(StreamSource source) {
        try {
            return SAXON.newXsltCompiler().compile(source);
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Peppol Schematron, compiled to XSLT by SchXslt's pipeline, then compiled. */
    private static XsltExecutable compilePeppol() {
        try {
            var pipeline = PeppolRules.class.getResource("/xslt/2.0/pipeline-for-svrl.xsl");
            var compiler = compile(new StreamSource(pipeline.openStream(), pipeline.toString()));
            XdmDestination xslt = new XdmDestination();
            compiler.load30()
                    .transform(
                            new StreamSource(
                                    FILES.resolve("PEPPOL-EN16931-UBL.sch").toFile()),
                            xslt);
            return SAXON.newXsltCompiler().compile(xslt.getXdmNode().asSource());
        } catch (SaxonApiException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
