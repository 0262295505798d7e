package se.samla.fees.view;

import java.util.List;

/** The invoicing unit's desk: what an import did, payments waiting for a person, files taken, overdue invoices. */
public record PaymentDeskView(
        String notice, String error, List<Waiting> waiting, List<FileTaken> files, List<Overdue> overdue) {

    public record Waiting(
            String id,
            String paidOn,
            String amount,
            String reference,
            String payer,
            String reason,
            String invoice,
            String source) {}

    public record FileTaken(String name, String at, int payments, String amount, long waiting) {}

    public record Overdue(
            String number, String caseReference, String receiver, String dueOn, String left, String reminded) {}
}
