package se.samla.messaging.view;

import java.util.List;
import se.samla.web.FieldView;

/**
 * The secure mailbox ("Skriv till oss") as pages show it: lists of threads, a thread with its messages, and the form
 * to write.
 */
public final class MailboxView {

    private MailboxView() {}

    /**
     * One thread in a list.
     *
     * @param who for staff, the resident's name; for the resident, null
     * @param waiting whether it waits for the reader (an answer unread, a message unanswered)
     */
    public record Row(
            String id,
            String reference,
            String subject,
            String unit,
            String who,
            String status,
            String updated,
            boolean waiting) {}

    /** The resident's threads, and whether any unit takes messages at all. */
    public record Mine(List<Row> threads, boolean anyUnit) {

        public Mine {
            threads = List.copyOf(threads);
        }
    }

    /** A unit's inbox, or several units'. */
    public record Inbox(List<Row> threads, List<String> units, boolean all) {

        public Inbox {
            threads = List.copyOf(threads);
            units = List.copyOf(units);
        }
    }

    /** A problem to list above a form, linking to its field. */
    public record Problem(String anchor, String message) {}

    /** The form to start a thread. */
    public record Write(
            String submissionId,
            FieldView unit,
            FieldView subject,
            FieldView body,
            FieldView files,
            List<Problem> problems,
            String notice) {

        public Write {
            problems = List.copyOf(problems);
        }
    }

    /** A file sent in the thread. */
    public record File(String id, String name, String size) {}

    /** One message; {@code read} for the reader's own messages says whether the other side has read it. */
    public record Message(boolean fromResident, String author, String at, String body, List<File> files, String read) {

        public Message {
            files = List.copyOf(files);
        }
    }

    /** A case type a thread can become. */
    public record Option(String code, String name) {}

    /**
     * One thread as its reader sees it.
     *
     * @param base the path the thread's own actions hang off
     * @param caseLink where the case made of it is, for this reader, or null
     * @param reply the form to write in the thread, or null when it takes no more
     * @param resident for staff, who wrote ("Tolvan Tolvansson, 19121212-XXXX"); null for the resident
     * @param caseTypes for staff who may make cases of it, what it can become
     * @param openCases for staff who may make cases of it, the resident's open cases of the unit it can join
     * @param caseTypeError why the case type chosen was not taken, or null; so {@code caseError} for the case
     */
    public record Thread(
            String base,
            String reference,
            String subject,
            String unit,
            String status,
            String confidentiality,
            String resident,
            String caseReference,
            String caseLink,
            List<Message> messages,
            String messageId,
            String submissionId,
            int version,
            FieldView reply,
            FieldView files,
            List<Problem> problems,
            String notice,
            boolean mayClose,
            List<Option> caseTypes,
            boolean mayMakeCase,
            List<Option> openCases,
            String caseTypeError,
            String caseError) {

        public Thread {
            messages = List.copyOf(messages);
            problems = List.copyOf(problems);
            caseTypes = List.copyOf(caseTypes);
            openCases = List.copyOf(openCases);
        }
    }
}
