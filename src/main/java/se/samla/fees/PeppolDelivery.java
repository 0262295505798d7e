package se.samla.fees;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/**
 * Sends an invoice or credit note to an organisation that receives e-invoices as a Peppol BIS Billing 3.0 document,
 * through the access point, after the invoice's transaction commits and through the event publication registry (so a
 * crash between the two sends it later, and the access point takes each invoice once).
 */
@Component
class PeppolDelivery {

    private final JdbcClient jdbc;
    private final Optional<AccessPoint> accessPoint;
    private final TenantInvoicing invoicing;
    private final Tenants tenants;
    private final AuditLog audit;

    PeppolDelivery(
            JdbcClient jdbc,
            Optional<AccessPoint> accessPoint,
            TenantInvoicing invoicing,
            Tenants tenants,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.accessPoint = accessPoint;
        this.invoicing = invoicing;
        this.tenants = tenants;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(FeesEvents.InvoiceIssued issued) {
        if (!"PEPPOL".equals(issued.delivery()) || "REMINDER".equals(issued.kind())) {
            return;
        }
        UUID documentId = issued.sourceId();
        var document = document(documentId);
        String participant = "0007:" + document.buyer().organisationNumber();
        accessPoint
                .orElseThrow(() -> new IllegalStateException("No Peppol access point for invoice " + documentId))
                .send(participant, documentId, PeppolDocument.write(document));
        audit.record(new AuditRecord(
                Actor.system(Invoices.SYSTEM),
                "INVOICE_SENT_BY_PEPPOL",
                "invoice",
                documentId.toString(),
                Map.of("receiver", participant)));
    }

    /** The invoice or credit note as its e-invoice says it. */
    PeppolDocument.Document document(UUID id) {
        var settings = invoicing.of(CurrentTenant.require()).orElseThrow();
        var tenant = tenants.current();
        var seller = new PeppolDocument.Party(
                tenant.name(),
                tenant.organisationNumber().formatted().replace("-", ""),
                settings.address().street(),
                settings.address().postalCode().replace(" ", ""),
                settings.address().city(),
                settings.vatNumber());
        var lines = jdbc.sql(
                        "SELECT description, net, vat_rate FROM fees.invoice_line WHERE tenant_id = :tenant AND invoice_id = :i ORDER BY seq")
                .param("tenant", CurrentTenant.require().value())
                .param("i", id)
                .query((rs, n) -> new PeppolDocument.Line(
                        rs.getString(1), rs.getBigDecimal(2).abs(), rs.getInt(3)))
                .list();
        return jdbc.sql("""
                SELECT i.number, c.number AS credits, i.issued_on, i.due_on, i.case_reference, i.receiver_name,
                    i.receiver_organisation, i.bankgiro, i.ocr
                FROM fees.invoice i LEFT JOIN fees.invoice c ON c.tenant_id = i.tenant_id AND c.id = i.credits WHERE i.tenant_id = :tenant AND i.id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query((rs, n) -> new PeppolDocument.Document(
                        Long.toString(rs.getLong("number")),
                        rs.getObject("credits") == null ? null : Long.toString(rs.getLong("credits")),
                        rs.getObject("issued_on", LocalDate.class),
                        rs.getObject("due_on", LocalDate.class),
                        rs.getString("case_reference"),
                        seller,
                        new PeppolDocument.Party(
                                rs.getString("receiver_name"),
                                rs.getString("receiver_organisation").replace("-", ""),
                                null,
                                null,
                                null,
                                null),
                        rs.getString("bankgiro").replace("-", ""),
                        rs.getString("ocr"),
                        settings.paymentDays() + " dagar netto",
                        lines))
                .single();
    }
}
