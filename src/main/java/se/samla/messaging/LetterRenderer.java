package se.samla.messaging;

import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;
import se.samla.messaging.view.LetterView;

/**
 * Renders a letter to PDF/A-2a: tagged for screen readers (PDF/UA), its one font embedded, and the sRGB output
 * intent the archive standard asks for, so the e-archive can keep it as it is and any reader shows it the same.
 */
@Component
class LetterRenderer {

    static final String FONT_FAMILY = "Liberation Sans";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final TemplateEngine templates;
    private final byte[] font;
    private final byte[] colourProfile;
    private final ThreadLocal<TrueTypeFont> fonts = ThreadLocal.withInitial(this::parse);
    private final ThreadLocal<javax.xml.parsers.DocumentBuilder> parsers =
            ThreadLocal.withInitial(LetterRenderer::parser);

    LetterRenderer(TemplateEngine templates) {
        this.templates = templates;
        try (InputStream in = PdfRendererBuilder.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("The letter font " + FONT + " is not on the class path");
            }
            this.font = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.colourProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    byte[] render(LetterView letter) {
        StringOutput html = new StringOutput();
        templates.render("messaging/letter.jte", Map.of("letter", letter), html);
        return pdf(html.toString());
    }

    /** The address sheet before a letter in a print batch. */
    byte[] addressSheet(
            String sender, java.util.List<String> senderLines, se.samla.identity.PostalAddress to, String reference) {
        java.util.List<String> recipient = java.util.List.of(
                to.name(), to.street(), to.postalCode() + " " + to.city().toUpperCase(java.util.Locale.ROOT));
        StringOutput html = new StringOutput();
        templates.render(
                "messaging/address-sheet.jte",
                Map.of(
                        "sheet",
                        new se.samla.messaging.view.AddressSheetView(sender, senderLines, recipient, reference)),
                html);
        return pdf(html.toString());
    }

    /** Any page of Samla's post (a letter, an address sheet) as PDF/A-2a. */
    byte[] pdf(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_A);
            builder.usePdfUaAccessibility(true);
            builder.useColorProfile(colourProfile);
            builder.usePDDocument(document);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, fonts.get(), true)), FONT_FAMILY);
            builder.withW3cDocument(parsed(xhtml), null);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
            }
            document.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Our own templates' XHTML, parsed with a parser kept per thread rather than a new one per letter. */
    private org.w3c.dom.Document parsed(String xhtml) throws IOException {
        try {
            var parser = parsers.get();
            parser.reset();
            return parser.parse(new org.xml.sax.InputSource(new java.io.StringReader(xhtml)));
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException("A letter template made XHTML that does not parse: " + e.getMessage(), e);
        }
    }

    private static javax.xml.parsers.DocumentBuilder parser() {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // the templates declare <!DOCTYPE html> and nothing else: no external entities to load
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The letter font, parsed once per rendering thread (a parsed font is not safe to share), with glyph
     * substitution off: PDFBox would otherwise rewrite every text run through the font's ligature rules, which
     * took two fifths of a letter's time, and a ligature such as "ti" has no way back to its letters in the PDF's
     * text, so screen readers and search would lose them.
     */
    private TrueTypeFont parse() {
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
            ttf.setEnableGsub(false);
            return ttf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
