package se.samla.fees;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** Invoices as their receivers and the municipality's staff read them; every reading of a person's is audited. */
@Service
class InvoiceQueries {

    /** An invoice with where it stands today. */
    record Invoice(
            UUID id,
            long number,
            String caseReference,
            String receiverName,
            LocalDate issuedOn,
            LocalDate dueOn,
            BigDecimal total,
            BigDecimal reminderFee,
            BigDecimal paid,
            BigDecimal credited,
            String ocr,
            String bankgiro,
            InvoiceStatus status,
            List<String> lines) {

        /** What is left to pay: the total and any reminder fee, less credits and payments. */
        BigDecimal left() {
            return total.add(reminderFee).subtract(credited).subtract(paid).max(BigDecimal.ZERO);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    InvoiceQueries(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The invoices of whom the resident acts for, newest first: an organisation's when acting for it (whichever of its
     * signatories sent the case), else the resident's own, not an organisation's they sent a case for (a child's fees
     * are invoiced to the guardian who applied).
     * The reading is audited.
     */
    @Transactional
    List<Invoice> of(SignedInUser.Resident resident, Principal principal) {
        boolean organisation = principal.isOrganisation();
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                organisation
                        ? Map.of("page", "invoices", "onBehalfOf", "ORGANISATION:" + principal.identifier())
                        : Map.of("page", "invoices")));
        return jdbc.sql("""
                SELECT * FROM fees.invoice
                WHERE tenant_id = :tenant AND kind = 'INVOICE'
                  AND (CASE WHEN CAST(:org AS text) IS NULL
                            THEN receiver_person_id = :p AND receiver_organisation IS NULL
                            ELSE receiver_organisation = :org END)
                ORDER BY issued_on DESC, number DESC
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", resident.personId())
                .param("org", organisation ? principal.identifier() : null)
                .query((rs, n) -> invoice(rs))
                .list();
    }

    /**
     * The invoices still to pay of a person (not those to an organisation they sent for) or, given its number, of an
     * organisation; soonest due first. The caller audits the reading.
     */
    List<Invoice> toPay(UUID personId, String organisationNumber) {
        return jdbc.sql("""
                SELECT * FROM fees.invoice
                WHERE tenant_id = :tenant AND kind = 'INVOICE' AND paid + credited < total + reminder_fee AND credited < total + reminder_fee
                  AND (CASE WHEN CAST(:org AS text) IS NULL
                            THEN receiver_person_id = :p AND receiver_organisation IS NULL
                            ELSE receiver_organisation = :org END)
                ORDER BY due_on, number
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .param("org", organisationNumber)
                .query((rs, n) -> invoice(rs))
                .list();
    }

    private Invoice invoice(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID id = rs.getObject("id", UUID.class);
        LocalDate dueOn = rs.getObject("due_on", LocalDate.class);
        BigDecimal total = rs.getBigDecimal("total");
        BigDecimal reminderFee = rs.getBigDecimal("reminder_fee");
        BigDecimal paid = rs.getBigDecimal("paid");
        BigDecimal credited = rs.getBigDecimal("credited");
        return new Invoice(
                id,
                rs.getLong("number"),
                rs.getString("case_reference"),
                rs.getString("receiver_name"),
                rs.getObject("issued_on", LocalDate.class),
                dueOn,
                total,
                reminderFee,
                paid,
                credited,
                rs.getString("ocr"),
                rs.getString("bankgiro"),
                InvoiceStatus.of(
                        total.add(reminderFee), paid, credited, dueOn, LocalDate.now(clock.withZone(SwedishTime.ZONE))),
                lines(id));
    }

    private List<String> lines(UUID invoice) {
        return jdbc.sql(
                        "SELECT description, net FROM fees.invoice_line WHERE tenant_id = :tenant AND invoice_id = :i ORDER BY seq")
                .param("tenant", CurrentTenant.require().value())
                .param("i", invoice)
                .query((rs, n) -> rs.getString(1) + ": " + Kronor.format(rs.getBigDecimal(2)))
                .list();
    }
}
