package se.samla.messaging;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
import se.samla.identity.SignedInUser;
import se.samla.messaging.view.MyPostView;
import se.samla.messaging.view.PostChoiceView;
import se.samla.shared.SwedishTime;
import se.samla.web.FieldView;
import se.samla.web.PdfResponses;

/**
 * Mina sidor → Min post (the resident's letters, each a PDF) and Så vill jag få post (the choice of channel). A
 * resident reaches only their own letters: any other id answers 404, audited.
 */
@Controller
class MyPostController {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(SwedishTime.ZONE);

    private final Letters letters;
    private final PostChoices choices;
    private final MessageSource messages;

    MyPostController(Letters letters, PostChoices choices, MessageSource messages) {
        this.letters = letters;
        this.choices = choices;
        this.messages = messages;
    }

    @GetMapping("/mina-sidor/post")
    String post(Model model) {
        var resident = resident();
        Locale locale = LocaleContextHolder.getLocale();
        var choice = choices.of(resident.personId());
        List<MyPostView.Row> rows = new ArrayList<>();
        for (Letters.Letter letter : letters.of(resident)) {
            rows.add(new MyPostView.Row(
                    letter.id().toString(),
                    letter.subject(),
                    letter.reference(),
                    DAY.format(letter.createdAt()),
                    letter.openedAt() == null,
                    letter.receivedAt() == null
                            ? null
                            : t(
                                    "post.received." + letter.receivedVia()
                                            + (letter.receivedDeemed() ? ".deemed" : ""),
                                    locale,
                                    DAY.format(letter.receivedAt())),
                    letter.appealUntil() == null ? null : letter.appealUntil().toString(),
                    letter.signedBy() == null ? null : t("post.signed", locale, letter.signedBy())));
        }
        String channel =
                choice.map(c -> t("post.channel." + c.channel(), locale)).orElse(t("post.channel.default", locale));
        model.addAttribute("post", new MyPostView(channel, rows));
        return "messaging/my-post";
    }

    @GetMapping("/mina-sidor/post/{id}")
    ResponseEntity<byte[]> letter(@PathVariable UUID id) {
        var content = letters.open(resident(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!content.signatureHolds()) {
            // a decision changed since it was signed is not handed out as the municipality's
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the letter's signature no longer holds");
        }
        String name = content.letter().reference() == null
                ? "brev.pdf"
                : content.letter().reference().replaceAll("[^A-Za-z0-9-]+", "-") + ".pdf";
        return PdfResponses.inline(content.pdf(), name);
    }

    @GetMapping("/mina-sidor/post/installningar")
    String choice(@RequestParam(required = false) String sparat, Model model) {
        var resident = resident();
        var current = choices.read(resident);
        model.addAttribute(
                "choice",
                view(
                        resident,
                        current.map(c -> c.channel().name()).orElse(null),
                        current.map(PostChoices.Choice::email).orElse(null),
                        null,
                        null,
                        sparat != null));
        return "messaging/post-choice";
    }

    @PostMapping("/mina-sidor/post/installningar")
    String choose(
            @RequestParam(name = "f.channel", required = false) String channel,
            @RequestParam(name = "f.email", required = false) String email,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        var resident = resident();
        try {
            choices.choose(resident, channel, email);
            return "redirect:/mina-sidor/post/installningar?sparat";
        } catch (PostChoices.InvalidChoice invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("choice", view(resident, channel, email, invalid.field, invalid.reason, false));
            return "messaging/post-choice";
        }
    }

    private PostChoiceView view(
            SignedInUser.Resident resident,
            String channel,
            String email,
            String errorField,
            String errorKey,
            boolean saved) {
        Locale locale = LocaleContextHolder.getLocale();
        String error = errorKey == null ? null : t(errorKey, locale);
        List<FieldView.Choice> options = new ArrayList<>();
        for (PostChannel c : PostChannel.values()) {
            options.add(new FieldView.Choice(
                    c.name(),
                    t("post.channel." + c.name(), locale),
                    c.name().equals(channel),
                    t("post.channel." + c.name() + ".means", locale, choices.unreadDays())));
        }
        FieldView channelField = field(
                "channel",
                "CHOICE",
                t("post.choice.channel", locale),
                t("post.choice.channel.help", locale),
                true,
                options,
                null,
                "channel".equals(errorField) ? error : null);
        FieldView emailField = field(
                "email",
                "EMAIL",
                t("post.choice.email", locale),
                t("post.choice.email.help", locale),
                false,
                List.of(),
                email,
                "email".equals(errorField) ? error : null);
        String mailbox = choices.mailboxOf(resident)
                .map(r -> r.reachable()
                        ? t("post.mailbox.yes", locale, r.operator())
                        : r.mailbox() ? t("post.mailbox.refuses", locale) : t("post.mailbox.none", locale))
                .orElse(t("post.mailbox.unknown", locale));
        List<PostChoiceView.Problem> problems =
                errorField == null ? List.of() : List.of(new PostChoiceView.Problem(FieldView.id(errorField), error));
        return new PostChoiceView(channelField, emailField, mailbox, problems, saved);
    }

    private static FieldView field(
            String key,
            String type,
            String label,
            String help,
            boolean required,
            List<FieldView.Choice> choices,
            String value,
            String error) {
        return new FieldView(
                key, type, label, help, required, null, choices, value, null, null, null, error, null, null, null,
                List.of(), null, null, null, 254, null, null);
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static SignedInUser.Resident resident() {
        return CurrentUser.get()
                .filter(SignedInUser.Resident.class::isInstance)
                .map(SignedInUser.Resident.class::cast)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
