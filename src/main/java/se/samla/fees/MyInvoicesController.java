package se.samla.fees;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import se.samla.fees.view.MyInvoicesView;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;

/** "Fakturor" on Mina sidor: the resident's invoices, what is left to pay and how. */
@Controller
class MyInvoicesController {

    private final InvoiceQueries invoices;
    private final MessageSource messages;

    private final Representation representation;

    MyInvoicesController(InvoiceQueries invoices, MessageSource messages, Representation representation) {
        this.representation = representation;
        this.invoices = invoices;
        this.messages = messages;
    }

    @GetMapping("/mina-sidor/fakturor")
    String mine(Model model, HttpServletRequest request) {
        var resident = CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute(
                "mine",
                new MyInvoicesView(invoices.of(resident, representation.current(request, resident)).stream()
                        .map(i -> new MyInvoicesView.Item(
                                Long.toString(i.number()),
                                i.caseReference(),
                                i.issuedOn().toString(),
                                i.dueOn().toString(),
                                Kronor.format(i.total()),
                                i.paid().signum() == 0 ? null : Kronor.format(i.paid()),
                                i.left().signum() == 0 ? null : Kronor.format(i.left()),
                                messages.getMessage(
                                        "invoice.status." + i.status().name(), null, locale),
                                i.status().name(),
                                i.bankgiro(),
                                i.ocr(),
                                i.lines()))
                        .toList()));
        return "fees/my-invoices";
    }
}
