package se.samla.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What statistics may know of a case: its kind, unit, channel and the moments of its life, and nothing of the person
 * or the content. Kept by other modules' projections after the case itself is disposed of.
 *
 * @param plannedDecisionOn the day the service norm promises a decision by
 * @param latestDecisionOn  the last day the law allows
 * @param decidedAt         when the decision was made, or null
 * @param closedAt          when the case was closed, or null while open
 * @param completionRequests how many times the applicant was asked to complete it
 * @param version           the case's version when read: a projection keeps the newest it has seen
 */
public record CaseFacts(
        UUID caseId,
        String caseType,
        String unit,
        String channel,
        Instant submittedAt,
        LocalDate plannedDecisionOn,
        LocalDate latestDecisionOn,
        Instant decidedAt,
        Instant closedAt,
        String result,
        int completionRequests,
        int version) {}
