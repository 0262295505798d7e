package se.samla.cases;

import java.util.UUID;
import se.samla.shared.TenantEvent;
import se.samla.shared.TenantId;

/**
 * A case was submitted and registered with its reference number.
 *
 * @param applicantPersonId the logged-in applicant, or null for an anonymous case
 * @param notificationEmail where the applicant asked for notifications, if anywhere
 */
public record CaseSubmitted(
        TenantId tenantId,
        UUID caseId,
        String reference,
        String caseType,
        String unit,
        UUID applicantPersonId,
        String notificationEmail)
        implements TenantEvent {}
