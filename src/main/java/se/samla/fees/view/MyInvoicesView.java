package se.samla.fees.view;

import java.util.List;

/** The resident's invoices on Mina sidor, newest first. */
public record MyInvoicesView(List<Item> invoices) {

    /**
     * @param status    where it stands, in words ("Betald", "Förfallen")
     * @param statusKey the status's name, for its style
     * @param left      what is left to pay, or null when nothing is
     */
    public record Item(
            String number,
            String caseReference,
            String issuedOn,
            String dueOn,
            String total,
            String paid,
            String left,
            String status,
            String statusKey,
            String bankgiro,
            String ocr,
            List<String> lines) {}
}
