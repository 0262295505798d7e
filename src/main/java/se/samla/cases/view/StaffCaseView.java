package se.samla.cases.view;

import java.util.List;
import java.util.UUID;
import se.samla.web.FieldView;

/** A case as the case officer works it. */
public record StaffCaseView(
        UUID id,
        String reference,
        String title,
        String status,
        boolean closed,
        int version,
        String unit,
        String confidentiality,
        String provision,
        String applicant,
        String applicantNumber,
        String submitted,
        String plannedDecision,
        String latestDecision,
        boolean overdue,
        String assignee,
        boolean assignedToMe,
        List<CaseView.Answer> answers,
        List<FieldView.File> files,
        List<CaseView.Step> history,
        List<Message> messages,
        List<Completion> completions,
        List<Note> notes,
        Decision decision,
        List<WorkbenchView.Option> transitions,
        boolean canRequestCompletion,
        List<WorkbenchView.Option> results,
        List<WorkbenchView.Option> colleagues,
        String error,
        String defaultDueDate,
        boolean report,
        boolean registered,
        List<Signature> signatures,
        String submittedBy,
        List<WorkbenchView.Option> transferTargets,
        Transfer transfer,
        List<Fee> fees) {

    /**
     * A fee of the case: before the decision what the taxa gives (or why it cannot), after it what was charged.
     *
     * @param code     the fee's code, which names its fields in the decision form
     * @param amount   the amount in words ("14 000,00 kr"), or null when the answers cannot give it
     * @param when     when it is charged, e.g. "Vid beslut: Bygglov beviljat, Avslag"
     * @param problem  why the taxa gives no amount, or null
     * @param adjusted for a charged fee the officer changed: the taxa's amount and the reason, else null
     * @param endable  a monthly fee that still runs, which the officer may end
     */
    public record Fee(
            String code,
            String name,
            String amount,
            String when,
            String problem,
            String adjusted,
            boolean charged,
            boolean endable) {}

    /** A handover of the case to or from another municipality: what happened, why, and the secrecy provision. */
    public record Transfer(String summary, String reason, String secrecyProvision) {}

    /**
     * A signature of the application, or a guardian's request to sign it, as checked when shown.
     *
     * @param holds   for a signature: whether it still verifies over the summary kept with it
     * @param problem why it does not hold, when it does not
     * @param checksum the SHA-256 of the summary signed
     */
    public record Signature(
            String signer,
            String role,
            String status,
            String at,
            boolean signed,
            boolean holds,
            String problem,
            String issuer,
            String checksum) {}

    public record Message(boolean toResident, String author, String body, String at, boolean read) {}

    public record Completion(UUID id, List<String> items, String due, String asked, String answered, String answer) {}

    public record Note(String author, String body, String at) {}

    /**
     * @param received how and when the applicant received it, in words ("Levererat till digital brevlåda 2026-12-01
     *     14:03"), or null
     * @param appealUntil the last day to appeal, or null while the receipt is not known
     */
    public record Decision(
            String outcome,
            String reasons,
            String legalReference,
            String decidedBy,
            String at,
            String received,
            String appealUntil) {}
}
