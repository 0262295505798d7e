package se.samla.cases.view;

import java.util.List;
import java.util.UUID;
import se.samla.web.FieldView;

/**
 * A form as the resident sees it, filled with what they typed and marked with what is wrong.
 *
 * @param version  the case type version the form was made from; posted back to notice a changed form
 * @param notice   a message above the form (draft saved, form changed), or null
 */
public record FormView(
        String code,
        int version,
        String title,
        UUID submissionId,
        List<FieldView> fields,
        List<Problem> problems,
        boolean canSaveDraft,
        String notice,
        String draftExpires,
        String signing,
        boolean coSigning) {

    /** Whether the applicant signs with e-ID before the application is sent (the case type's NONE, OPTIONAL, REQUIRED). */
    public boolean signs() {
        return !"NONE".equals(signing);
    }

    /** A line of the error summary, linking to its input. */
    public record Problem(String anchor, String message) {}
}
