package se.samla.cases;

import java.time.LocalDate;
import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What happens to a case after submission, told to other modules (notifications, records, statistics). */
public final class CaseEvents {

    private CaseEvents() {}

    public record StatusChanged(TenantId tenantId, UUID caseId, String reference, String fromStatus, String toStatus)
            implements TenantEvent {}

    /**
     * @param notificationEmail where the applicant asked to be told, or null
     * @param asLetter whether the case officer sent it as a letter too (a PDF by the resident's way of getting post)
     */
    public record MessageSentToResident(
            TenantId tenantId,
            UUID caseId,
            UUID messageId,
            String reference,
            String notificationEmail,
            boolean asLetter)
            implements TenantEvent {}

    public record CompletionRequested(
            TenantId tenantId, UUID caseId, UUID requestId, String reference, LocalDate dueOn, String notificationEmail)
            implements TenantEvent {}

    public record CompletionAnswered(TenantId tenantId, UUID caseId, String reference) implements TenantEvent {}

    /** The resident wrote to the case (a message, or the answer to a completion request). */
    public record MessageFromResident(TenantId tenantId, UUID caseId, UUID messageId, String reference)
            implements TenantEvent {}

    /** The case's content was disposed of (gallrad); modules holding personal data about it remove theirs. */
    public record Disposed(TenantId tenantId, UUID caseId, String reference) implements TenantEvent {}

    /** A case officer wrote an internal note (a memo, tjänsteanteckning). */
    public record NoteAdded(TenantId tenantId, UUID caseId, UUID noteId, String reference) implements TenantEvent {}

    public record DecisionMade(
            TenantId tenantId, UUID caseId, String reference, String outcome, String notificationEmail)
            implements TenantEvent {}

    /**
     * A guardian is asked to sign an application for their child that the other guardian sent.
     *
     * @param signatureId the request to sign, found in the guardian's Mina sidor
     * @param guardianIdentityNumber whom to tell, by their chosen way of getting post
     */
    public record SignatureRequested(
            TenantId tenantId,
            UUID caseId,
            String reference,
            UUID signatureId,
            String guardianIdentityNumber,
            LocalDate dueOn)
            implements TenantEvent {}

    /** A guardian signed, declined, or let the time to sign pass; the case officer and the records see it. */
    public record CoSignatureAnswered(
            TenantId tenantId, UUID caseId, String reference, UUID signatureId, String outcome, boolean allSigned)
            implements TenantEvent {}

    /**
     * A case was handed over (överlämnat) to another municipality: told in the sender's transaction, so its register
     * records the outgoing handover with the case's closing.
     *
     * @param secrecyProvision for a secret case, the provision under which its secrecy follows to the receiver
     */
    public record TransferredOut(
            TenantId tenantId,
            UUID caseId,
            String reference,
            UUID transferId,
            TenantId to,
            String toName,
            String secrecyProvision)
            implements TenantEvent {}

    /**
     * The same handover as the receiving municipality gets it (the event is the receiver's: its listener works in the
     * receiver's transaction). It carries what the receiver takes up, and is gone from the outbox once taken.
     *
     * @param files the sender's files: their question, name, size and where their bytes are kept
     * @param history the case's course at the sender, as lines for the receiver's file note
     */
    public record HandedOver(
            TenantId tenantId,
            UUID transferId,
            TenantId from,
            String fromName,
            String fromSlug,
            UUID caseId,
            String reference,
            String caseType,
            se.samla.shared.Confidentiality confidentiality,
            String secrecyProvision,
            String reason,
            String applicantName,
            String applicantIdentityNumber,
            String actorName,
            String actorIdentityNumber,
            String actingAs,
            String applicantOrganisationNumber,
            java.util.Map<String, Object> answers,
            java.util.List<HandedOverFile> files,
            java.util.List<String> history,
            String transferredByName)
            implements TenantEvent {}

    public record HandedOverFile(String fieldKey, String filename, long sizeBytes, String blobKey) {}

    /** The receiving municipality took the case up under its own reference: told to the sender. */
    public record TransferReceived(
            TenantId tenantId, UUID caseId, UUID transferId, String receivedReference, String receiverName)
            implements TenantEvent {}

    /** A case handed over by another municipality was taken up here: told in the receiver's transaction. */
    public record TransferredIn(
            TenantId tenantId,
            UUID caseId,
            UUID transferId,
            String reference,
            String fromName,
            String fromReference,
            String secrecyProvision)
            implements TenantEvent {}
}
