package se.samla.cases.view;

import java.util.List;
import java.util.UUID;
import se.samla.web.FieldView;

/**
 * A case as its applicant sees it on Mina sidor.
 *
 * @param retention for a closed case, what happens to its information: kept, or disposed of from a date
 * @param forecast  for an open case, when its decision can be expected from the queue now, where that is not the
 *                  service norm's date; else null
 */
public record CaseView(
        UUID id,
        String reference,
        String title,
        String status,
        boolean closed,
        String submitted,
        String expectedDecision,
        List<Step> timeline,
        List<Answer> answers,
        List<FieldView.File> files,
        boolean confidential,
        List<StaffCaseView.Message> messages,
        List<StaffCaseView.Completion> completions,
        StaffCaseView.Decision decision,
        UUID submissionId,
        String retention,
        List<StaffCaseView.Signature> signatures,
        String submittedBy,
        List<Step> meetings,
        String forecast) {

    public record Step(String when, String text) {}

    public record Answer(String question, String answer) {}
}
