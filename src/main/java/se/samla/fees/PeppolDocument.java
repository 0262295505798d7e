package se.samla.fees;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An invoice or credit note as a Peppol BIS Billing 3.0 document (UBL 2.1, EN 16931). A municipality's own fee, an
 * exercise of public authority, is outside the scope of VAT: an invoice of such fees alone says so (category O, no
 * seller VAT number); fees with VAT are standard rated (S), and then a fee without VAT in the same invoice is exempt (E).
 */
final class PeppolDocument {

    static final String CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    /** A party: its name, organisation number (10 digits), address, and for the seller its VAT number. */
    record Party(
            String name, String organisationNumber, String street, String postalCode, String city, String vatNumber) {}

    record Line(String description, BigDecimal net, int vatRate) {}

    /**
     * @param credits for a credit note, the number of the invoice it credits; null for an invoice
     * @param buyerReference what the buyer knows the invoice by: the case's reference
     */
    record Document(
            String number,
            String credits,
            LocalDate issuedOn,
            LocalDate dueOn,
            String buyerReference,
            Party seller,
            Party buyer,
            String bankgiro,
            String ocr,
            String paymentTerms,
            List<Line> lines) {

        boolean creditNote() {
            return credits != null;
        }
    }

    private PeppolDocument() {}

    static String write(Document d) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            String root = d.creditNote() ? "CreditNote" : "Invoice";
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("", root, d.creditNote() ? CREDIT_NOTE : INVOICE);
            x.writeDefaultNamespace(d.creditNote() ? CREDIT_NOTE : INVOICE);
            x.writeNamespace("cac", CAC);
            x.writeNamespace("cbc", CBC);
            text(x, "CustomizationID", CUSTOMIZATION);
            text(x, "ProfileID", PROFILE);
            text(x, "ID", d.number());
            text(x, "IssueDate", d.issuedOn().toString());
            if (!d.creditNote()) {
                text(x, "DueDate", d.dueOn().toString());
            }
            text(x, d.creditNote() ? "CreditNoteTypeCode" : "InvoiceTypeCode", d.creditNote() ? "381" : "380");
            text(x, "DocumentCurrencyCode", "SEK");
            text(x, "BuyerReference", d.buyerReference() == null ? d.number() : d.buyerReference());
            if (d.creditNote()) {
                x.writeStartElement("cac", "BillingReference", CAC);
                x.writeStartElement("cac", "InvoiceDocumentReference", CAC);
                text(x, "ID", d.credits());
                x.writeEndElement();
                x.writeEndElement();
            }
            boolean outsideScope = d.lines().stream().allMatch(l -> l.vatRate() == 0);
            party(x, "AccountingSupplierParty", d.seller(), !outsideScope);
            party(x, "AccountingCustomerParty", d.buyer(), false);
            if (!d.creditNote()) {
                x.writeStartElement("cac", "PaymentMeans", CAC);
                text(x, "PaymentMeansCode", "30");
                text(x, "PaymentID", d.ocr());
                x.writeStartElement("cac", "PayeeFinancialAccount", CAC);
                text(x, "ID", d.bankgiro());
                x.writeStartElement("cac", "FinancialInstitutionBranch", CAC);
                text(x, "ID", "SE:BANKGIRO");
                x.writeEndElement();
                x.writeEndElement();
                x.writeEndElement();
                x.writeStartElement("cac", "PaymentTerms", CAC);
                text(x, "Note", d.paymentTerms());
                x.writeEndElement();
            }
            Map<String, BigDecimal[]> breakdown = new LinkedHashMap<>();
            BigDecimal net = BigDecimal.ZERO;
            for (Line line : d.lines()) {
                String category = category(line, outsideScope);
                var sums = breakdown.computeIfAbsent(
                        category + ":" + line.vatRate(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(line.net());
                net = net.add(line.net());
            }
            BigDecimal vat = BigDecimal.ZERO;
            for (var entry : breakdown.entrySet()) {
                int rate =
                        Integer.parseInt(entry.getKey().substring(entry.getKey().indexOf(':') + 1));
                entry.getValue()[1] = entry.getValue()[0]
                        .multiply(BigDecimal.valueOf(rate))
                        .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP);
                vat = vat.add(entry.getValue()[1]);
            }
            x.writeStartElement("cac", "TaxTotal", CAC);
            amount(x, "TaxAmount", vat);
            for (var entry : breakdown.entrySet()) {
                String category = entry.getKey().substring(0, entry.getKey().indexOf(':'));
                int rate =
                        Integer.parseInt(entry.getKey().substring(entry.getKey().indexOf(':') + 1));
                x.writeStartElement("cac", "TaxSubtotal", CAC);
                amount(x, "TaxableAmount", entry.getValue()[0]);
                amount(x, "TaxAmount", entry.getValue()[1]);
                taxCategory(x, "TaxCategory", category, rate, true);
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeStartElement("cac", "LegalMonetaryTotal", CAC);
            amount(x, "LineExtensionAmount", net);
            amount(x, "TaxExclusiveAmount", net);
            amount(x, "TaxInclusiveAmount", net.add(vat));
            amount(x, "PayableAmount", net.add(vat));
            x.writeEndElement();
            int id = 0;
            for (Line line : d.lines()) {
                x.writeStartElement("cac", d.creditNote() ? "CreditNoteLine" : "InvoiceLine", CAC);
                text(x, "ID", Integer.toString(++id));
                x.writeStartElement("cbc", d.creditNote() ? "CreditedQuantity" : "InvoicedQuantity", CBC);
                x.writeAttribute("unitCode", "C62");
                x.writeCharacters("1");
                x.writeEndElement();
                amount(x, "LineExtensionAmount", line.net());
                x.writeStartElement("cac", "Item", CAC);
                text(x, "Name", line.description());
                taxCategory(x, "ClassifiedTaxCategory", category(line, outsideScope), line.vatRate(), false);
                x.writeEndElement();
                x.writeStartElement("cac", "Price", CAC);
                amount(x, "PriceAmount", line.net());
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the Peppol document " + d.number(), e);
        }
    }

    private static String category(Line line, boolean outsideScope) {
        return outsideScope ? "O" : line.vatRate() == 0 ? "E" : "S";
    }

    private static void party(XMLStreamWriter x, String role, Party p, boolean withVat) throws XMLStreamException {
        x.writeStartElement("cac", role, CAC);
        x.writeStartElement("cac", "Party", CAC);
        x.writeStartElement("cbc", "EndpointID", CBC);
        x.writeAttribute("schemeID", "0007");
        x.writeCharacters(p.organisationNumber());
        x.writeEndElement();
        x.writeStartElement("cac", "PartyName", CAC);
        text(x, "Name", p.name());
        x.writeEndElement();
        x.writeStartElement("cac", "PostalAddress", CAC);
        if (p.street() != null) {
            text(x, "StreetName", p.street());
        }
        if (p.city() != null) {
            text(x, "CityName", p.city());
        }
        if (p.postalCode() != null) {
            text(x, "PostalZone", p.postalCode());
        }
        x.writeStartElement("cac", "Country", CAC);
        text(x, "IdentificationCode", "SE");
        x.writeEndElement();
        x.writeEndElement();
        if (withVat && p.vatNumber() != null) {
            x.writeStartElement("cac", "PartyTaxScheme", CAC);
            text(x, "CompanyID", p.vatNumber());
            x.writeStartElement("cac", "TaxScheme", CAC);
            text(x, "ID", "VAT");
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeStartElement("cac", "PartyLegalEntity", CAC);
        text(x, "RegistrationName", p.name());
        text(x, "CompanyID", p.organisationNumber());
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void taxCategory(XMLStreamWriter x, String element, String category, int rate, boolean breakdown)
            throws XMLStreamException {
        x.writeStartElement("cac", element, CAC);
        text(x, "ID", category);
        if (!category.equals("O")) {
            text(x, "Percent", Integer.toString(rate));
        }
        if (breakdown && category.equals("O")) {
            text(x, "TaxExemptionReasonCode", "VATEX-EU-O");
        }
        if (breakdown && category.equals("E")) {
            text(x, "TaxExemptionReason", "Myndighetsutövning, undantagen från mervärdesskatt");
        }
        x.writeStartElement("cac", "TaxScheme", CAC);
        text(x, "ID", "VAT");
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
        x.writeStartElement("cbc", element, CBC);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void amount(XMLStreamWriter x, String element, BigDecimal value) throws XMLStreamException {
        x.writeStartElement("cbc", element, CBC);
        x.writeAttribute("currencyID", "SEK");
        x.writeCharacters(value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        x.writeEndElement();
    }
}
