package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import se.samla.messaging.view.LetterView;

class LetterRendererTest {

    final LetterRenderer renderer = new LetterRenderer(TemplateEngine.createPrecompiled(ContentType.Html));

    static LetterView decision(List<String> address) {
        return new LetterView(
                "Vänersborgs kommun",
                List.of("Postadress: 462 85 Vänersborg", "Telefon: 0521-72 10 00", "kommun@vanersborg.se"),
                address,
                "BYGG 2026/000123",
                "2026-12-01",
                "Ansökan om bygglov",
                "Bygglov, Samhällsbyggnadsförvaltningen",
                "Beslut",
                List.of(
                        new LetterView.Part("Beslut", List.of("Bygglov beviljas.")),
                        new LetterView.Part(
                                "Skäl för beslutet",
                                List.of("Åtgärden följer detaljplanen.", "Grannar har hörts & inte invänt <ok>.")),
                        new LetterView.Part("Lagrum", List.of("9 kap. 30 § plan- och bygglagen (2010:900)"))),
                "Bodil Bygglovsson",
                List.of("Du kan överklaga beslutet inom tre veckor från den dag du fick del av det."),
                "Vänersborgs kommun · Sundsgatan 29 · 462 85 Vänersborg",
                new LetterView.Labels("Datum", "Diarienummer", "Ärende", "Så överklagar du beslutet", "sida", "av"));
    }

    @Test
    void aDecisionLetterIsPdfA2aWithItsTextReadable() throws Exception {
        byte[] pdf = renderer.render(decision(List.of("Tolvan Tolvansson", "Storgatan 1", "462 30 Vänersborg")));

        assertThat(PdfA.violations2a(pdf)).isEmpty();
        try (var document = Loader.loadPDF(pdf)) {
            String text = text(document);
            assertThat(text)
                    .contains("Vänersborgs kommun")
                    .contains("Diarienummer: BYGG 2026/000123")
                    .contains("Tolvan Tolvansson")
                    .contains("Grannar har hörts & inte invänt <ok>.")
                    .contains("Så överklagar du beslutet")
                    .contains("sida 1 av 1");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Beslut – BYGG 2026/000123");
        }
    }

    @Test
    void wordsWithLigatureLettersKeepEveryLetterInTheText() throws Exception {
        var base = decision(List.of());
        var letter = new LetterView(
                base.municipality(),
                base.letterhead(),
                base.addressLines(),
                base.reference(),
                base.date(),
                base.caseTypeName(),
                base.unit(),
                base.title(),
                List.of(new LetterView.Part("Skäl", List.of("Officiell statistik från effektiva fiskeflottan."))),
                base.signedBy(),
                base.appeal(),
                base.footer(),
                base.labels());
        try (var document = Loader.loadPDF(renderer.render(letter))) {
            assertThat(text(document)).contains("Officiell statistik från effektiva fiskeflottan.");
        }
    }

    @Test
    void aLongLetterRunsOnToMorePagesAndStaysConformant() throws Exception {
        var base = decision(List.of());
        var longText = java.util.stream.IntStream.range(0, 80)
                .mapToObj(i -> "Stycke " + i + ": en mening som upprepas för att fylla sidan med text.")
                .toList();
        var letter = new LetterView(
                base.municipality(),
                base.letterhead(),
                base.addressLines(),
                base.reference(),
                base.date(),
                base.caseTypeName(),
                base.unit(),
                base.title(),
                List.of(new LetterView.Part("Skäl för beslutet", longText)),
                base.signedBy(),
                base.appeal(),
                base.footer(),
                base.labels());

        byte[] pdf = renderer.render(letter);

        assertThat(PdfA.violations2a(pdf)).isEmpty();
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            assertThat(text(document)).contains("sida 2 av " + document.getNumberOfPages());
        }
    }

    /** The text as a reader sees it on the page, top to bottom, with the page footers where they are printed. */
    static String text(org.apache.pdfbox.pdmodel.PDDocument document) throws java.io.IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        return stripper.getText(document);
    }
}
