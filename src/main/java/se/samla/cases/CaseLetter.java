package se.samla.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A document of a case drawn up for the applicant, as the post sends it: who it is for, what it says, in Swedish,
 * and who wrote it.
 *
 * @param kind DECISION, COMPLETION_REQUEST or MESSAGE
 * @param title the letter's heading, e.g. "Beslut"
 * @param signedBy the case officer's name, or null where the unit signs
 * @param dueOn when the applicant must answer (a completion request), or null
 * @param mustBeDelivered whether the law wants it delivered (a decision, a request with a due date)
 */
public record CaseLetter(
        UUID caseId,
        String reference,
        String caseTypeName,
        String unit,
        UUID personId,
        String recipientName,
        String identityNumber,
        String kind,
        UUID sourceId,
        String title,
        List<Part> parts,
        String signedBy,
        Instant drawnUpAt,
        LocalDate dueOn,
        boolean mustBeDelivered) {

    public CaseLetter {
        parts = List.copyOf(parts);
    }

    /** A section of the letter: a heading and its text, whose blank lines separate paragraphs. */
    public record Part(String heading, String text) {}
}
