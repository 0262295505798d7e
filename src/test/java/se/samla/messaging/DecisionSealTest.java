package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision letter signed with PAdES: DSS finds the signature intact and made by the municipality's certificate, the
 * letter is still PDF/A-2a, one byte changed after signing breaks it, a letter signed by another certificate is not the
 * municipality's, and bytes added after the signature are not covered by it.
 */
class DecisionSealTest {

    final LetterRenderer renderer = new LetterRenderer(TemplateEngine.createPrecompiled(ContentType.Html));
    final DecisionSeal seal = new DecisionSeal();

    @Test
    void aSignedDecisionIsIntactStillPdfAAndAnyChangeBreaksIt() throws Exception {
        var municipality = OperatorConnectionsTest.certificate("Vänersborgs kommun", null);
        byte[] pdf = renderer.render(LetterRendererTest.decision(List.of("Tolvan Tolvansson")));

        byte[] signed = seal.seal(pdf, municipality, "Beslut av Bodil Bygglovsson", "Vänersborg", Instant.now());

        String municipalitys = DecisionSeal.fingerprint(municipality.certificate());
        var verdict = seal.check(signed, municipalitys, municipality.certificate());
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.signedBy()).contains("Vänersborgs kommun");
        assertThat(verdict.report()).contains("SimpleReport");
        assertThat(PdfA.violations2a(signed)).isEmpty();
        assertThat(seal.check(pdf, municipalitys, municipality.certificate()).indication())
                .isEqualTo("NO_SIGNATURE");

        // one byte of the signed content changed: the signature no longer holds
        byte[] changed = signed.clone();
        // a byte inside the first content stream, so the file still reads as a PDF with its signature
        int at = new String(changed, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("stream");
        assertThat(at).isPositive();
        changed[at + 20] ^= 0x01;
        var broken = seal.check(changed, municipalitys, municipality.certificate());
        assertThat(broken.indication()).as("still a signed PDF").isNotEqualTo("NO_SIGNATURE");
        assertThat(broken.intact()).isFalse();

        // the same letter signed by someone else is not the municipality's, however sound its signature
        var stranger = OperatorConnectionsTest.certificate("Någon annan", null);
        byte[] forged = seal.seal(pdf, stranger, "Beslut", "Vänersborg", Instant.now());
        assertThat(seal.check(forged, DecisionSeal.fingerprint(stranger.certificate()), stranger.certificate())
                        .intact())
                .as("sound as the stranger's")
                .isTrue();
        assertThat(seal.check(forged, municipalitys, municipality.certificate()).intact())
                .isFalse();

        // and nothing may be added after the signature
        byte[] appended = java.util.Arrays.copyOf(signed, signed.length + 20);
        System.arraycopy("\n%% added later\n".getBytes(), 0, appended, signed.length, 16);
        assertThat(seal.check(appended, municipalitys, municipality.certificate())
                        .intact())
                .isFalse();
    }

    @Test
    void aMunicipalityWithAnEllipticCurveKeySignsToo() throws Exception {
        var municipality = OperatorConnectionsTest.certificate("Trollhättans stad", null, true);
        byte[] pdf = renderer.render(LetterRendererTest.decision(List.of()));

        byte[] signed = seal.seal(pdf, municipality, "Beslut", "Trollhättan", Instant.now());

        var verdict =
                seal.check(signed, DecisionSeal.fingerprint(municipality.certificate()), municipality.certificate());
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.signedBy()).contains("Trollhättans stad");
    }
}
