package se.samla.messaging;

import java.time.Instant;
import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What happens to the municipality's post, told to other modules (the register notes each letter's dispatch). */
public final class PostEvents {

    private PostEvents() {}

    /**
     * A letter left the municipality: delivered into a digital mailbox, its e-mail notice sent, or posted on paper.
     *
     * @param kind DECISION, COMPLETION_REQUEST or MESSAGE: the case document the letter carries
     * @param sourceId that document's id (for a decision, the case's)
     */
    public record LetterDispatched(
            TenantId tenantId, UUID letterId, UUID caseId, String kind, UUID sourceId, PostChannel channel, Instant at)
            implements TenantEvent {}
}
