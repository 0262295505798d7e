package se.samla.cases.view;

import java.util.List;
import java.util.UUID;

/**
 * A form as the resident sees it, filled with what they typed and marked with what is wrong.
 *
 * @param version  the case type version the form was made from; posted back to notice a changed form
 * @param notice   a message above the form (draft saved, form changed), or null
 */
public record FormView(String code, int version, String title, UUID submissionId, List<Field> fields,
        List<Problem> problems, boolean canSaveDraft, String notice, String draftExpires) {

    /** One question. Values are what was typed; for an address the three parts. */
    public record Field(String key, String type, String label, String help, boolean required, String condition,
            List<Choice> choices, String value, String street, String postalCode, String city, String error,
            String streetError, String postalCodeError, String cityError, List<File> files, String accept,
            Integer maxFiles, Long maxMegabytes, Integer maxLength, String min, String max) {

        public String id() {
            return "f-" + key;
        }

        public String describedBy() {
            StringBuilder ids = new StringBuilder();
            if (help != null) {
                ids.append(id()).append("-hint ");
            }
            if (condition != null) {
                ids.append(id()).append("-condition ");
            }
            if (error != null) {
                ids.append(id()).append("-error");
            }
            return ids.toString().strip();
        }
    }

    public record Choice(String value, String label, boolean selected) {
    }

    public record File(UUID id, String name, String size) {
    }

    /** A line of the error summary, linking to its input. */
    public record Problem(String anchor, String message) {
    }
}
