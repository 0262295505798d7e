package se.samla.fees;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import se.samla.fees.view.PaymentDeskView;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/** The invoicing unit's payments: Bankgirot's files taken in, payments matched by hand, overdue invoices. */
@Controller
class PaymentDeskController {

    static final long MAX_FILE_BYTES = 40L * 1024 * 1024;

    private final PaymentDesk desk;
    private final PaymentImports imports;
    private final InvoiceCorrections corrections;
    private final AccountingExports exports;
    private final MessageSource messages;

    PaymentDeskController(
            PaymentDesk desk,
            PaymentImports imports,
            InvoiceCorrections corrections,
            AccountingExports exports,
            MessageSource messages) {
        this.exports = exports;
        this.corrections = corrections;
        this.desk = desk;
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/personal/betalningar")
    String desk(@RequestParam(name = "klart", required = false) String done, Model model) {
        var staff = staff();
        return page(
                staff, done == null ? null : text("payments.notice." + done.replaceAll("[^a-z-]", "")), null, model);
    }

    @PostMapping("/personal/betalningar/fil")
    String upload(
            @RequestParam(name = "fil", required = false) MultipartFile file, HttpServletResponse response, Model model)
            throws IOException {
        var staff = staff();
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text("payments.error.no-file"), model);
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            return page(staff, null, text("payments.error.too-large"), model);
        }
        try {
            var imported = imports.importFile(file.getOriginalFilename(), file.getBytes(), staff.auditId());
            String notice = imported.again()
                    ? text("payments.notice.again", imported.payments())
                    : text(
                            "payments.notice.imported",
                            imported.payments(),
                            Kronor.format(imported.amount()),
                            imported.matched(),
                            imported.manual());
            return page(staff, notice, null, model);
        } catch (PaymentImports.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    staff,
                    null,
                    e.line() > 0
                            ? text("payments.error.refused-at", e.line(), e.getMessage())
                            : text("payments.error.refused", e.getMessage()),
                    model);
        }
    }

    @PostMapping("/personal/betalningar/{id}/boka")
    String book(
            @PathVariable String id,
            @RequestParam(name = "faktura", required = false) String invoice,
            HttpServletResponse response,
            Model model) {
        var staff = staff();
        long number;
        try {
            number = Long.parseLong(invoice == null ? "" : invoice.strip());
        } catch (NumberFormatException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text("payments.error.invoice-number"), model);
        }
        return change(staff, response, model, () -> desk.book(staff, uuid(id), number), "booked");
    }

    @PostMapping("/personal/betalningar/{id}/avsluta")
    String close(
            @PathVariable String id,
            @RequestParam(name = "skal", required = false) String reason,
            HttpServletResponse response,
            Model model) {
        var staff = staff();
        return change(staff, response, model, () -> desk.close(staff, uuid(id), reason), "closed");
    }

    @PostMapping("/personal/betalningar/kreditera")
    String credit(
            @RequestParam(name = "faktura", required = false) String invoice,
            @RequestParam(name = "skal", required = false) String reason,
            HttpServletResponse response,
            Model model) {
        var staff = staff();
        Long number = number(invoice);
        if (number == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text("payments.error.invoice-number"), model);
        }
        return change(staff, response, model, () -> corrections.credit(staff, number, reason), "credited");
    }

    @PostMapping("/personal/betalningar/faktura/{number}/paminn")
    String remind(@PathVariable String number, HttpServletResponse response, Model model) {
        var staff = staff();
        Long invoice = number(number);
        if (invoice == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return change(staff, response, model, () -> corrections.remind(staff, invoice), "reminded");
    }

    /**
     * The accounting export of a day (2026-11-30) or a month (2026-11), as an SIE file to download; a period exported
     * before only when asked again.
     */
    @PostMapping("/personal/betalningar/bokforing")
    String export(
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "igen", defaultValue = "false") boolean again,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var staff = staff();
        java.time.LocalDate from;
        java.time.LocalDate to;
        try {
            String text = period == null ? "" : period.strip();
            if (text.matches("[0-9]{4}-[0-9]{2}")) {
                from = java.time.YearMonth.parse(text).atDay(1);
                to = java.time.YearMonth.parse(text).atEndOfMonth();
            } else {
                from = java.time.LocalDate.parse(text);
                to = from;
            }
        } catch (java.time.format.DateTimeParseException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text("export.error.period"), model);
        }
        AccountingExports.Export export;
        try {
            export = exports.export(staff, from, to, again);
        } catch (AccountingExports.Refused e) {
            response.setStatus(e.again() ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("exportAgain", e.again() ? period.strip() : null);
            return page(staff, null, text(e.getMessage(), e.arguments()), model);
        }
        response.setContentType("text/plain;charset=IBM437");
        response.setHeader(
                "Content-Disposition",
                org.springframework.http.ContentDisposition.attachment()
                        .filename(export.fileName())
                        .build()
                        .toString());
        response.getOutputStream().write(export.content());
        response.flushBuffer();
        return null;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String change(
            SignedInUser.Staff staff, HttpServletResponse response, Model model, Runnable change, String done) {
        try {
            change.run();
        } catch (PaymentDesk.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text(e.getMessage()), model);
        } catch (InvoiceCorrections.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(staff, null, text(e.getMessage(), e.arguments()), model);
        }
        return "redirect:/personal/betalningar?klart=" + done;
    }

    private String page(SignedInUser.Staff staff, String notice, String error, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute(
                "desk",
                new PaymentDeskView(
                        notice,
                        error,
                        desk.waiting(staff).stream()
                                .map(w -> new PaymentDeskView.Waiting(
                                        w.id().toString(),
                                        w.paidOn().toString(),
                                        Kronor.format(w.amount()),
                                        w.reference(),
                                        w.payerName(),
                                        messages.getMessage(
                                                "payments.reason." + w.reason().name(), null, locale),
                                        w.invoiceNumber() == null
                                                ? null
                                                : w.invoiceNumber().toString(),
                                        text("payments.source", w.file(), w.line())))
                                .toList(),
                        desk.files().stream()
                                .map(f -> new PaymentDeskView.FileTaken(
                                        f.name(),
                                        SwedishTime.MINUTE.format(f.at()),
                                        f.payments(),
                                        Kronor.format(f.amount()),
                                        f.waiting()))
                                .toList(),
                        desk.overdue(staff).stream()
                                .map(o -> new PaymentDeskView.Overdue(
                                        Long.toString(o.number()),
                                        o.caseReference(),
                                        o.receiver(),
                                        o.dueOn().toString(),
                                        Kronor.format(o.left()),
                                        o.remindedOn() == null
                                                ? null
                                                : o.remindedOn().toString()))
                                .toList()));
        return "fees/payment-desk";
    }

    /** A staff member of the invoicing unit; anyone else is told the page does not exist. */
    private SignedInUser.Staff staff() {
        var staff = CurrentUser.staff().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!desk.mayUse(staff)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return staff;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
