package se.samla.messaging.view;

import java.util.List;
import se.samla.web.FieldView;

/**
 * Mina sidor → Så vill jag få post: the choice of channel, with what each means, and the e-mail address for a
 * notice; problems link to their field.
 *
 * @param mailbox what Mina meddelanden says of the resident's digital mailbox, in words
 * @param saved whether the page follows a saved change
 */
public record PostChoiceView(
        FieldView channel, FieldView email, String mailbox, List<Problem> problems, boolean saved) {

    public PostChoiceView {
        problems = List.copyOf(problems);
    }

    public record Problem(String anchor, String message) {}
}
