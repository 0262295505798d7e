package se.samla.messaging;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.messaging.view.PostDeskView;
import se.samla.shared.SwedishTime;
import se.samla.web.PdfResponses;

/** The registry's post desk at /personal/post: print batches, and the letters that wait on staff. */
@Controller
class PostDeskController {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);

    private final PostDesk desk;
    private final MessageSource messages;
    private final Clock clock;

    PostDeskController(PostDesk desk, MessageSource messages, Clock clock) {
        this.desk = desk;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/post")
    String desk(@RequestParam(required = false) String klart, Model model) {
        model.addAttribute("desk", view(klart == null ? null : "post.desk.done." + klart, null));
        return "messaging/post-desk";
    }

    @PostMapping("/personal/post/utskrift")
    String newBatch() {
        var batch = desk.newBatch(CurrentUser.requireStaff());
        return "redirect:/personal/post?klart=" + (batch.isPresent() ? "batch" : "empty");
    }

    @GetMapping("/personal/post/utskrift/{id}")
    ResponseEntity<byte[]> batch(@PathVariable UUID id) {
        byte[] pdf = desk.batchPdf(CurrentUser.requireStaff(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return PdfResponses.attachment(pdf, "utskrift-" + id + ".pdf");
    }

    @PostMapping("/personal/post/utskrift/{id}/skickad")
    String sent(
            @PathVariable UUID id,
            @RequestParam(name = "sentOn", required = false) String sentOn,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            desk.markSent(CurrentUser.requireStaff(), id, day(sentOn));
            return "redirect:/personal/post?klart=sent";
        } catch (PostDesk.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("desk", view(null, refused.reason));
            return "messaging/post-desk";
        }
    }

    @GetMapping("/personal/post/utskick/{id}/brev")
    ResponseEntity<byte[]> unaddressed(@PathVariable UUID id) {
        byte[] pdf = desk.unaddressedLetter(CurrentUser.requireStaff(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return PdfResponses.attachment(pdf, "brev-" + id + ".pdf");
    }

    @PostMapping("/personal/post/utskick/{id}/skickat")
    String sentAnotherWay(
            @PathVariable UUID id,
            @RequestParam(name = "sentOn", required = false) String sentOn,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            desk.sentWithoutAddress(CurrentUser.requireStaff(), id, day(sentOn));
            return "redirect:/personal/post?klart=forwarded";
        } catch (PostDesk.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("desk", view(null, refused.reason));
            return "messaging/post-desk";
        }
    }

    @PostMapping("/personal/post/utskick/{id}/papper")
    String onPaper(@PathVariable UUID id, Model model, jakarta.servlet.http.HttpServletResponse response) {
        try {
            desk.sendOnPaper(CurrentUser.requireStaff(), id);
            return "redirect:/personal/post?klart=paper";
        } catch (PostDesk.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("desk", view(null, refused.reason));
            return "messaging/post-desk";
        }
    }

    private static LocalDate day(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private PostDeskView view(String noticeKey, String errorKey) {
        Locale locale = LocaleContextHolder.getLocale();
        var overview = desk.overview(CurrentUser.requireStaff());
        return new PostDeskView(
                overview.queued(),
                overview.batches().stream()
                        .map(b -> new PostDeskView.Batch(
                                b.id().toString(),
                                b.letters(),
                                MINUTE.format(b.createdAt()),
                                b.sentOn() == null ? null : b.sentOn().toString()))
                        .toList(),
                overview.failed().stream().map(w -> waiting(w, locale)).toList(),
                overview.withoutAddress().stream().map(w -> waiting(w, locale)).toList(),
                noticeKey == null ? null : messages.getMessage(noticeKey, null, noticeKey, locale),
                errorKey == null ? null : messages.getMessage(errorKey, null, locale),
                LocalDate.now(clock.withZone(SwedishTime.ZONE)).toString());
    }

    private PostDeskView.Waiting waiting(PostDesk.Waiting w, Locale locale) {
        String reason = w.error() != null
                ? messages.getMessage("post.desk.failed-after", new Object[] {w.attempts(), w.error()}, locale)
                : messages.getMessage("post.desk.reason." + w.reason(), null, w.reason(), locale);
        return new PostDeskView.Waiting(
                w.dispatchId().toString(), w.reference(), w.subject(), reason, MINUTE.format(w.since()));
    }
}
