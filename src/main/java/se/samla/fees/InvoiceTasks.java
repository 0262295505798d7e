package se.samla.fees;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.identity.Principal;
import se.samla.web.ResidentTasks;

/** Invoices to pay, in "Att göra": the resident's own, and those of an organisation they sign for. */
@Component
class InvoiceTasks implements ResidentTasks {

    private final InvoiceQueries invoices;
    private final MessageSource messages;

    InvoiceTasks(InvoiceQueries invoices, MessageSource messages) {
        this.invoices = invoices;
        this.messages = messages;
    }

    @Override
    public List<Task> of(Whom whom, Locale locale) {
        Principal principal = whom.principal();
        List<InvoiceQueries.Invoice> open;
        if (whom.self()) {
            open = invoices.toPay(whom.personId(), null);
        } else if (principal.isOrganisation()) {
            open = invoices.toPay(null, principal.identifier());
        } else {
            // a child's fees are invoiced to the guardian who applied, so they are among the resident's own
            return List.of();
        }
        return open.stream()
                .map(invoice -> new Task(
                        Kind.INVOICE,
                        messages.getMessage(
                                "todo.invoice.title", new Object[] {Long.toString(invoice.number())}, locale),
                        messages.getMessage(
                                "todo.invoice.detail",
                                new Object[] {Kronor.format(invoice.left()), invoice.bankgiro(), invoice.ocr()},
                                locale),
                        ResidentTasks.endOf(invoice.dueOn()),
                        false,
                        "/mina-sidor/fakturor"))
                .toList();
    }
}
