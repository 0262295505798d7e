package se.samla.records.view;

import java.util.List;

/** What the pages of requests for documents show. */
public final class RequestViews {

    private RequestViews() {}

    /** The public form: which document, and what was typed. */
    public record Form(
            String entryId,
            String reference,
            String description,
            String name,
            String email,
            String message,
            List<String> errors) {}

    /** What the requester sees when following the request. */
    public record Status(
            String token,
            String reference,
            String description,
            String requested,
            String status,
            boolean open,
            String releasedText,
            boolean file,
            String provision,
            String reasons,
            String decided,
            boolean isNew) {}

    /** One request in the registrar's queue. */
    public record Item(
            String id,
            String reference,
            String description,
            String requested,
            long ageDays,
            String status,
            boolean open) {}

    /** A request as the registrar assesses it. */
    public record Assessment(
            String id,
            String reference,
            String caseId,
            String description,
            String publicDescription,
            String documentSecrecy,
            String requested,
            long ageDays,
            String requester,
            String message,
            String status,
            boolean open,
            String documentText,
            String fileName,
            boolean isFile,
            int version,
            String provision,
            String reasons,
            String releasedText,
            List<String> errors) {}
}
