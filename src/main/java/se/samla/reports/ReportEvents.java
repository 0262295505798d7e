package se.samla.reports;

import java.util.List;
import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/** What happens to a problem report that its followers are told about. */
public final class ReportEvents {

    private ReportEvents() {}

    /**
     * A public update of a report, to be sent to each recipient.
     *
     * @param kind     received, status, text or merged
     * @param publicId the report's public number, which its public page is found by
     * @param args     what the text of the kind needs, after the public number
     */
    public record PublicUpdate(
            TenantId tenantId,
            UUID caseId,
            UUID updateId,
            String publicId,
            String kind,
            List<String> recipients,
            List<String> args)
            implements TenantEvent {

        public PublicUpdate {
            recipients = List.copyOf(recipients);
            args = List.copyOf(args);
        }
    }
}
