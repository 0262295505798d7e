package se.samla.messaging.view;

import java.util.List;

/**
 * A letter as it is printed: the municipality's letterhead, the reference and date, the text, who signs it and, for a
 * decision, how to appeal. The envelope's address is on a sheet of its own in the print batch.
 *
 * @param addressLines lines above the reference for a letter that carries its own address; empty for Samla's
 * @param appeal the appeal instructions' paragraphs, or empty where the letter is not a decision
 */
public record LetterView(
        String municipality,
        List<String> letterhead,
        List<String> addressLines,
        String reference,
        String date,
        String caseTypeName,
        String unit,
        String title,
        List<Part> parts,
        String signedBy,
        List<String> appeal,
        String footer,
        Labels labels) {

    public LetterView {
        letterhead = List.copyOf(letterhead);
        addressLines = List.copyOf(addressLines);
        parts = List.copyOf(parts);
        appeal = List.copyOf(appeal);
    }

    /** The letter's own words, from the message bundle in the letter's language. */
    public record Labels(
            String date, String reference, String caseType, String appealHeading, String page, String of) {}

    /** A heading (or null) and its paragraphs. */
    public record Part(String heading, List<String> paragraphs) {
        public Part {
            paragraphs = List.copyOf(paragraphs);
        }
    }
}
