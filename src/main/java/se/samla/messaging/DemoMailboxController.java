package se.samla.messaging;

import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
import se.samla.messaging.view.DemoMailboxView;
import se.samla.shared.SwedishTime;
import se.samla.web.PdfResponses;

/**
 * The demo mailbox operator's own pages, as a resident would see their mailbox at Kivra: the holder's mailbox with
 * what arrived (for the holder only), opening and closing a mailbox, and the operator's failure modes for trying what
 * Samla does then.
 */
@Controller
@ConditionalOnProperty(name = "samla.demo-operator.enabled", havingValue = "true", matchIfMissing = true)
class DemoMailboxController {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);

    private final DemoMailboxes mailboxes;

    DemoMailboxController(DemoMailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @GetMapping("/demo-brevlada")
    String operator(Model model) {
        model.addAttribute(
                "operator",
                new DemoMailboxView(
                        DemoMailboxOperator.OPERATOR_NAME,
                        mailboxes.accounts().stream()
                                .map(a -> new DemoMailboxView.Holder(a.recipientId(), shown(a.recipientId()), a.open()))
                                .toList(),
                        null,
                        java.util.List.of(),
                        mailboxes.misbehaviour().mode().name()));
        return "messaging/demo-operator";
    }

    @GetMapping("/demo-brevlada/{recipient}")
    String mailbox(@PathVariable String recipient, Model model) {
        mailboxes.requireHolder(CurrentUser.get(), recipient);
        var account = mailboxes.account(recipient).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute(
                "operator",
                new DemoMailboxView(
                        DemoMailboxOperator.OPERATOR_NAME,
                        java.util.List.of(),
                        new DemoMailboxView.Holder(account.recipientId(), shown(account.recipientId()), account.open()),
                        mailboxes.deliveries(recipient).stream()
                                .map(d -> new DemoMailboxView.Item(
                                        d.id().toString(),
                                        d.senderName(),
                                        d.subject(),
                                        MINUTE.format(d.deliveredAt()),
                                        d.readAt() == null))
                                .toList(),
                        mailboxes.misbehaviour().mode().name()));
        return "messaging/demo-mailbox";
    }

    @GetMapping("/demo-brevlada/{recipient}/{id}")
    ResponseEntity<byte[]> read(@PathVariable String recipient, @PathVariable UUID id) {
        mailboxes.requireHolder(CurrentUser.get(), recipient);
        byte[] body =
                mailboxes.open(recipient, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return PdfResponses.inline(body, "brev.pdf");
    }

    @PostMapping("/demo-brevlada/konto")
    String account(@RequestParam String recipient, @RequestParam boolean open) {
        if (!recipient.matches("(19|20)\\d{10}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        mailboxes.setOpen(recipient, open);
        return "redirect:/demo-brevlada";
    }

    @PostMapping("/demo-brevlada/lage")
    String mode(@RequestParam String mode) {
        try {
            mailboxes.misbehaviour().set(DemoOperatorMisbehaviour.Mode.valueOf(mode));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return "redirect:/demo-brevlada";
    }

    /** A personal identity number as people write it: eight digits, a hyphen, four. */
    private static String shown(String number) {
        return number.substring(0, 8) + "-" + number.substring(8);
    }
}
