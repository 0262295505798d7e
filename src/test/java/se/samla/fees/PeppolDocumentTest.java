package se.samla.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Samla's e-invoices pass both rule sets of Peppol BIS Billing 3.0, and the rules do catch a broken one. */
class PeppolDocumentTest {

    static final PeppolDocument.Party VANERSBORG = new PeppolDocument.Party(
            "Vänersborgs kommun", "2120001439", "Sundsgatan 29", "46285", "Vänersborg", "SE212000143901");
    static final PeppolDocument.Party KAFE =
            new PeppolDocument.Party("Tolvans Kafé AB", "5568012347", null, null, null, null);

    static PeppolDocument.Document invoice(List<PeppolDocument.Line> lines) {
        return new PeppolDocument.Document(
                "1042",
                null,
                LocalDate.of(2026, 12, 2),
                LocalDate.of(2027, 1, 4),
                "MHF-LIVS 2026-17",
                VANERSBORG,
                KAFE,
                "50501055",
                OcrReference.forNumber("1042", true).digits(),
                "30 dagar netto",
                lines);
    }

    @Test
    void theRulesPassPeppolsOwnExample() throws Exception {
        assertThat(PeppolRules.fatal(Files.readString(PeppolRules.FILES.resolve("base-example.xml"))))
                .isEmpty();
    }

    @Test
    void anAuthoritysFeeOutsideTheScopeOfVatPasses() {
        String xml = PeppolDocument.write(invoice(List.of(new PeppolDocument.Line(
                "Avgift för registrering av livsmedelsanläggning", new BigDecimal("1380.00"), 0))));

        assertThat(PeppolRules.fatal(xml)).isEmpty();
        assertThat(xml)
                .contains("<cbc:ID>O</cbc:ID>", "VATEX-EU-O", "<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>")
                .contains(
                        "<cbc:ID>SE:BANKGIRO</cbc:ID>",
                        "<cbc:PayableAmount currencyID=\"SEK\">1380.00</cbc:PayableAmount>")
                .doesNotContain("SE212000143901");
    }

    @Test
    void feesWithVatAndAnExemptFeeInOneInvoicePass() {
        String xml = PeppolDocument.write(invoice(List.of(
                new PeppolDocument.Line("Hyra av lokal", new BigDecimal("800.00"), 25),
                new PeppolDocument.Line("Tillsynsavgift", new BigDecimal("1380.00"), 0))));

        assertThat(PeppolRules.fatal(xml)).isEmpty();
        assertThat(xml)
                .contains("<cbc:TaxAmount currencyID=\"SEK\">200.00</cbc:TaxAmount>")
                .contains("<cbc:PayableAmount currencyID=\"SEK\">2380.00</cbc:PayableAmount>")
                .contains("SE212000143901");
    }

    @Test
    void aCreditNotePasses() {
        var invoice = invoice(List.of(new PeppolDocument.Line("Avgift", new BigDecimal("1380.00"), 0)));
        var credit = new PeppolDocument.Document(
                "1043",
                "1042",
                invoice.issuedOn(),
                invoice.dueOn(),
                invoice.buyerReference(),
                invoice.seller(),
                invoice.buyer(),
                invoice.bankgiro(),
                invoice.ocr(),
                invoice.paymentTerms(),
                invoice.lines());

        String xml = PeppolDocument.write(credit);

        assertThat(PeppolRules.fatal(xml)).isEmpty();
        assertThat(xml).contains("<CreditNote", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    }

    @Test
    void theRulesCatchAWrongOrganisationNumber() {
        var wrong = new PeppolDocument.Party("Fel AB", "5568012348", null, null, null, null);
        var document = invoice(List.of(new PeppolDocument.Line("Avgift", new BigDecimal("100.00"), 0)));
        String xml = PeppolDocument.write(new PeppolDocument.Document(
                document.number(),
                null,
                document.issuedOn(),
                document.dueOn(),
                document.buyerReference(),
                new PeppolDocument.Party(
                        "Vänersborgs kommun", "2120001438", "Sundsgatan 29", "46285", "Vänersborg", null),
                wrong,
                document.bankgiro(),
                document.ocr(),
                document.paymentTerms(),
                document.lines()));

        assertThat(PeppolRules.fatal(xml)).anyMatch(f -> f.startsWith("SE-R-013"));
    }

    @Test
    void theCopiedRulesAreTheStandardsOwn() throws Exception {
        Path standard = Path.of("../shared/standards/peppol-bis-3");
        assumeTrue(Files.isDirectory(standard), "the standards folder is not next to this clone");
        for (String file : List.of("EN16931-UBL-validation.xslt", "PEPPOL-EN16931-UBL.sch", "base-example.xml")) {
            assertThat(Files.readAllBytes(PeppolRules.FILES.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(standard.resolve(file)));
        }
    }
}
