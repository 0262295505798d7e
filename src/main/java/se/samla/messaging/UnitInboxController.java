package se.samla.messaging;

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
import se.samla.cases.FieldError;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.messaging.view.MailboxView;

/**
 * The unit inbox of the secure mailbox: the threads of the staff member's units that their clearance reaches, each
 * to answer, close, or make a case of. Any other thread answers 404, audited.
 */
@Controller
class UnitInboxController {

    /** What a redirect after an action may say was done. */
    private static final java.util.Set<String> DONE = java.util.Set.of("svar", "arende", "avslutad");

    private final UnitInbox inbox;
    private final MailboxViews views;

    UnitInboxController(UnitInbox inbox, MailboxViews views) {
        this.inbox = inbox;
        this.views = views;
    }

    @GetMapping("/personal/inkorg")
    String inbox(@RequestParam(required = false) String alla, Model model) {
        var staff = CurrentUser.requireStaff();
        Locale locale = LocaleContextHolder.getLocale();
        var rows = inbox.inbox(staff, alla != null).stream()
                .map(t -> views.row(t, true, t.open() && "UNIT".equals(t.waitingFor()), locale))
                .toList();
        List<String> units = inbox.unitsOf(staff).stream()
                .map(code -> views.unitName(code, locale))
                .toList();
        model.addAttribute("inbox", new MailboxView.Inbox(rows, units, alla != null));
        return "messaging/inbox";
    }

    @GetMapping("/personal/inkorg/{id}")
    String thread(@PathVariable UUID id, @RequestParam(required = false) String klart, Model model) {
        var staff = CurrentUser.requireStaff();
        String notice = klart != null && DONE.contains(klart)
                ? views.t("mailbox.done." + klart, LocaleContextHolder.getLocale())
                : null;
        model.addAttribute("thread", view(staff, id, null, List.of(), notice));
        return "messaging/inbox-thread";
    }

    @PostMapping("/personal/inkorg/{id}/svar")
    String answer(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam UUID messageId,
            @RequestParam(name = "f.body", required = false) String body,
            HttpServletResponse response,
            Model model) {
        return act(id, "svar", body, response, model, staff -> inbox.answer(staff, id, version, messageId, body));
    }

    @PostMapping("/personal/inkorg/{id}/arende")
    String openCase(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(required = false) String caseType,
            HttpServletResponse response,
            Model model) {
        return act(id, "arende", null, response, model, staff -> inbox.openCase(staff, id, version, caseType));
    }

    @PostMapping("/personal/inkorg/{id}/till-arende")
    String fileIntoCase(
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(required = false) UUID caseId,
            HttpServletResponse response,
            Model model) {
        return act(id, "arende", null, response, model, staff -> inbox.fileIntoCase(staff, id, version, caseId));
    }

    @PostMapping("/personal/inkorg/{id}/avsluta")
    String close(@PathVariable UUID id, @RequestParam int version, HttpServletResponse response, Model model) {
        return act(id, "avslutad", null, response, model, staff -> inbox.close(staff, id, version));
    }

    /**
     * One action on a thread, answered the same way for all: back to the thread saying what was done, or the thread
     * again with what was refused (422) or why not now (409); a thread not the staff member's is not found.
     */
    private String act(
            UUID id,
            String done,
            String body,
            HttpServletResponse response,
            Model model,
            java.util.function.Consumer<SignedInUser.Staff> action) {
        var staff = CurrentUser.requireStaff();
        try {
            action.accept(staff);
            return "redirect:/personal/inkorg/" + id + "?klart=" + done;
        } catch (MailboxProblems.Refused refused) {
            return again(staff, id, body, refused.errors, null, HttpStatus.UNPROCESSABLE_CONTENT, response, model);
        } catch (MailboxProblems.NotNow notNow) {
            return again(staff, id, body, List.of(), notNow.messageKey, HttpStatus.CONFLICT, response, model);
        } catch (MailboxProblems.NotFound e) {
            throw notFound();
        }
    }

    @GetMapping("/personal/inkorg/{id}/filer/{file}")
    ResponseEntity<InputStreamResource> file(@PathVariable UUID id, @PathVariable UUID file) throws IOException {
        var held = inbox.file(CurrentUser.requireStaff(), id, file).orElseThrow(UnitInboxController::notFound);
        return MailboxFiles.inline(held);
    }

    private String again(
            SignedInUser.Staff staff,
            UUID id,
            String body,
            List<FieldError> errors,
            String noticeKey,
            HttpStatus status,
            HttpServletResponse response,
            Model model) {
        String notice = noticeKey == null ? null : views.t(noticeKey, LocaleContextHolder.getLocale());
        var view = view(staff, id, body, errors, notice);
        response.setStatus(status.value());
        model.addAttribute("thread", view);
        return "messaging/inbox-thread";
    }

    private MailboxView.Thread view(
            SignedInUser.Staff staff, UUID id, String body, List<FieldError> errors, String notice) {
        var page = inbox.read(staff, id).orElseThrow(UnitInboxController::notFound);
        return views.thread(
                page.conversation(),
                staff,
                page.mayAct(),
                page.caseTypes(),
                page.openCases(),
                body,
                errors,
                notice,
                LocaleContextHolder.getLocale());
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
