package se.samla.cases;

import java.time.Instant;
import java.util.UUID;

/** A file sent with a case: what it is, never its content. */
public record Attachment(
        UUID id,
        UUID caseId,
        String fieldKey,
        String filename,
        String contentType,
        long sizeBytes,
        String sha256,
        Instant uploadedAt) {}
