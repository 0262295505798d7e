package se.samla.messaging;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.web.ResidentTasks;

/**
 * Unread post in "Att göra": the resident's letters not yet opened on Mina sidor; a decision that can be appealed
 * is due when the time to appeal ends.
 */
@Component
class PostTasks implements ResidentTasks {

    private final Letters letters;
    private final MessageSource messages;

    PostTasks(Letters letters, MessageSource messages) {
        this.letters = letters;
        this.messages = messages;
    }

    @Override
    public List<Task> of(Whom whom, Locale locale) {
        if (!whom.self()) {
            return List.of();
        }
        return letters.unreadOf(whom.personId()).stream()
                .map(letter -> new Task(
                        Kind.POST,
                        messages.getMessage("todo.post.title", new Object[] {letter.subject()}, locale),
                        letter.appealUntil() != null
                                ? messages.getMessage(
                                        "todo.post.appeal",
                                        new Object[] {letter.appealUntil().toString()},
                                        locale)
                                : messages.getMessage(
                                        "todo.post.detail",
                                        new Object[] {letter.reference() == null ? "" : letter.reference()},
                                        locale),
                        letter.appealUntil() == null ? null : ResidentTasks.endOf(letter.appealUntil()),
                        false,
                        "/mina-sidor/post/" + letter.id()))
                .toList();
    }
}
