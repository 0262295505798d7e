package se.samla.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What happens to fees and invoices, told to other modules (the post sends each invoice as a letter). */
public final class FeesEvents {

    private FeesEvents() {}

    /** A case was charged fees that are due now; its invoice is made after the charge commits. */
    public record Charged(TenantId tenantId, UUID caseId) implements TenantEvent {}

    /**
     * An invoice or credit note was issued and goes to its receiver as a letter by their chosen way of getting post.
     *
     * @param kind      INVOICE or CREDIT_NOTE or REMINDER
     * @param delivery  LETTER (by the resident's chosen way of getting post) or PEPPOL (an e-invoice to an
     *                  organisation that receives them)
     * @param sourceId  what the letter carries: the invoice's id, or for a reminder the reminder's
     * @param parts     the letter's sections, in Swedish: heading and text
     */
    public record InvoiceIssued(
            TenantId tenantId,
            UUID invoiceId,
            String kind,
            String delivery,
            UUID sourceId,
            UUID caseId,
            String caseReference,
            String unit,
            UUID personId,
            String recipientName,
            String identityNumber,
            String title,
            List<Part> parts,
            BigDecimal total,
            LocalDate dueOn)
            implements TenantEvent {

        public InvoiceIssued {
            parts = List.copyOf(parts);
        }

        public record Part(String heading, String text) {}
    }
}
