package se.samla.messaging;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.cases.CaseIntake;
import se.samla.cases.FieldError;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.messaging.view.MailboxView;

/**
 * Mina sidor → Skriv till oss: the resident's threads with the municipality's units, a new one, and each with its
 * answers. A resident reaches only their own threads and files: any other id answers 404, audited.
 */
@Controller
class WriteToUsController {

    private final SecureMailbox mailbox;
    private final MailboxViews views;

    WriteToUsController(SecureMailbox mailbox, MailboxViews views) {
        this.mailbox = mailbox;
        this.views = views;
    }

    @GetMapping("/mina-sidor/meddelanden")
    String threads(Model model) {
        var resident = resident();
        Locale locale = LocaleContextHolder.getLocale();
        var unread = mailbox.unreadAnswers(resident);
        var rows = mailbox.threads(resident).stream()
                .map(t -> mailbox.readable(resident, t)
                        ? views.row(t, false, unread.contains(t.id()), locale)
                        : views.hiddenRow(t, locale))
                .toList();
        model.addAttribute(
                "mine", new MailboxView.Mine(rows, !mailbox.recipients(resident).isEmpty()));
        return "messaging/my-threads";
    }

    @GetMapping("/mina-sidor/meddelanden/nytt")
    String blank(@RequestParam(required = false) String till, Model model) {
        var resident = resident();
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute(
                "write",
                views.write(mailbox.recipients(resident), UUID.randomUUID(), till, null, null, List.of(), locale));
        return "messaging/write";
    }

    /** One post with or without files, with or without JavaScript; sending it twice starts one thread. */
    @PostMapping("/mina-sidor/meddelanden/nytt")
    String write(
            @RequestParam UUID submissionId,
            @RequestParam(name = "f.unit", required = false) String unit,
            @RequestParam(name = "f.subject", required = false) String subject,
            @RequestParam(name = "f.body", required = false) String body,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var resident = resident();
        Locale locale = LocaleContextHolder.getLocale();
        UUID submission = submissionId;
        try {
            UUID thread = mailbox.write(
                    resident, submission, new SecureMailbox.Writing(unit, subject, body, MailboxFiles.of(request)));
            return "redirect:/mina-sidor/meddelanden/" + thread + "?skickat";
        } catch (MailboxProblems.Refused refused) {
            return writeAgain(
                    resident,
                    submission,
                    unit,
                    subject,
                    body,
                    refused.errors,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    response,
                    model);
        } catch (MailboxProblems.AssuranceTooLow low) {
            return writeAgain(
                    resident,
                    submission,
                    unit,
                    subject,
                    body,
                    List.of(new FieldError("unit", "mailbox.error.level", List.of(low.needed))),
                    HttpStatus.FORBIDDEN,
                    response,
                    model);
        }
    }

    @GetMapping("/mina-sidor/meddelanden/{id}")
    String thread(
            @PathVariable UUID id,
            @RequestParam(required = false) String skickat,
            HttpServletResponse response,
            Model model) {
        var resident = resident();
        String notice = skickat == null ? null : views.t("mailbox.sent", LocaleContextHolder.getLocale());
        return threadAgain(resident, id, null, List.of(), notice, HttpStatus.OK, response, model);
    }

    @PostMapping("/mina-sidor/meddelanden/{id}")
    String reply(
            @PathVariable UUID id,
            @RequestParam UUID messageId,
            @RequestParam(name = "f.body", required = false) String body,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var resident = resident();
        Locale locale = LocaleContextHolder.getLocale();
        try {
            mailbox.reply(resident, id, messageId, body, MailboxFiles.of(request));
            return "redirect:/mina-sidor/meddelanden/" + id + "?skickat";
        } catch (MailboxProblems.NotFound e) {
            throw notFound();
        } catch (MailboxProblems.Refused refused) {
            return threadAgain(
                    resident, id, body, refused.errors, null, HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        } catch (MailboxProblems.NotNow notNow) {
            return threadAgain(
                    resident,
                    id,
                    body,
                    List.of(),
                    views.t(notNow.messageKey, locale),
                    HttpStatus.CONFLICT,
                    response,
                    model);
        } catch (MailboxProblems.AssuranceTooLow low) {
            return threadAgain(
                    resident,
                    id,
                    body,
                    List.of(new FieldError("body", "mailbox.error.level-reply", List.of(low.needed))),
                    null,
                    HttpStatus.FORBIDDEN,
                    response,
                    model);
        }
    }

    @GetMapping("/mina-sidor/meddelanden/{id}/filer/{file}")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id, @PathVariable UUID file) throws IOException {
        CaseIntake.HeldFile held;
        try {
            held = mailbox.file(resident(), id, file).orElseThrow(WriteToUsController::notFound);
        } catch (MailboxProblems.AssuranceTooLow low) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the unit asks for assurance level " + low.needed);
        }
        return MailboxFiles.inline(held);
    }

    private String writeAgain(
            SignedInUser.Resident resident,
            UUID submission,
            String unit,
            String subject,
            String body,
            List<FieldError> errors,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        response.setStatus(status.value());
        model.addAttribute(
                "write", views.write(mailbox.recipients(resident), submission, unit, subject, body, errors, locale));
        return "messaging/write";
    }

    private String threadAgain(
            SignedInUser.Resident resident,
            UUID id,
            String body,
            List<FieldError> errors,
            String notice,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        var conversation = read(resident, id);
        response.setStatus(status.value());
        model.addAttribute(
                "thread",
                views.thread(
                        conversation,
                        null,
                        mailbox.takesMessages(conversation.thread()),
                        List.of(),
                        List.of(),
                        body,
                        errors,
                        notice(conversation, notice, locale),
                        locale));
        return "messaging/thread";
    }

    /** What the page says on top: what just happened, or that the unit takes no more messages here. */
    private String notice(MailboxThreads.Conversation conversation, String notice, Locale locale) {
        if (notice != null || conversation.thread().inCase() || mailbox.takesMessages(conversation.thread())) {
            return notice;
        }
        return views.t("mailbox.error.unit-closed", locale);
    }

    private MailboxThreads.Conversation read(SignedInUser.Resident resident, UUID id) {
        try {
            return mailbox.read(resident, id).orElseThrow(WriteToUsController::notFound);
        } catch (MailboxProblems.AssuranceTooLow low) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the unit asks for assurance level " + low.needed);
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
