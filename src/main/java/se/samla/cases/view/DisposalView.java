package se.samla.cases.view;

import java.util.List;

/** The archivist's disposal page: the dry run, the legal holds, and what happened. */
public record DisposalView(List<Due> due, List<Held> held, String notice, String error) {

    public record Due(String reference, String caseType, String disposalOn, String decision) {}

    public record Held(String caseId, String reference, String reason) {}
}
