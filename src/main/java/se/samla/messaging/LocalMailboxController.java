package se.samla.messaging;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** The demo run's mailbox page: what Samla would have e-mailed, when no mail server is configured. */
@Controller
@ConditionalOnProperty(name = "samla.demo-idp.enabled", havingValue = "true", matchIfMissing = true)
class LocalMailboxController {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);

    private final Notifier notifier;

    LocalMailboxController(Notifier notifier) {
        this.notifier = notifier;
    }

    @GetMapping("/demo-postlada")
    String mailbox(Model model) {
        if (!notifier.deliversLocally()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<MailboxLetter> letters = notifier.latestLetters(CurrentTenant.require(), 100).stream()
                .map(l -> new MailboxLetter(l.recipient(), l.subject(), l.body(), MINUTE.format(l.receivedAt())))
                .toList();
        model.addAttribute("letters", letters);
        return "messaging/mailbox";
    }
}
