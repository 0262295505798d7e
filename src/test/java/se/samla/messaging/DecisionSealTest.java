package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision letter signed with PAdES: DSS finds the signature intact and made by the municipality's certificate, the
 * letter is still PDF/A-2a, one byte changed after signing breaks it, and another certificate is not the signer.
 */
class DecisionSealTest {

    final LetterRenderer renderer = new LetterRenderer(TemplateEngine.createPrecompiled(ContentType.Html));
    final DecisionSeal seal = new DecisionSeal();

    @Test
    void aSignedDecisionIsIntactStillPdfAAndAnyChangeBreaksIt() throws Exception {
        var municipality = OperatorConnectionsTest.certificate("Vänersborgs kommun", null);
        byte[] pdf = renderer.render(LetterRendererTest.decision(List.of("Tolvan Tolvansson")));

        byte[] signed = seal.seal(pdf, municipality, "Beslut av Bodil Bygglovsson", "Vänersborg", Instant.now());

        var verdict = seal.check(signed, municipality.certificate());
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.signedBy()).contains("Vänersborgs kommun");
        assertThat(verdict.report()).contains("SimpleReport");
        assertThat(PdfA.violations2a(signed)).isEmpty();
        assertThat(seal.check(pdf, municipality.certificate()).indication()).isEqualTo("NO_SIGNATURE");

        // one byte of the signed content changed: the signature no longer holds
        byte[] changed = signed.clone();
        int at = new String(changed, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("/Title");
        changed[at + 1] = (byte) 'X';
        assertThat(seal.check(changed, municipality.certificate()).intact()).isFalse();
    }
}
