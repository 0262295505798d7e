package se.samla.cases.view;

import java.util.List;
import java.util.Map;

/**
 * Everything Samla holds about a resident: who they are, their cases with all that is in them, their drafts,
 * and what staff did with their cases (by unit, never by name).
 */
public record MyDataView(
        String exported,
        String name,
        String personalIdentityNumber,
        List<CaseView> cases,
        List<Draft> drafts,
        List<Access> accessLog) {

    public record Draft(String eService, String saved, String expires, Map<String, List<String>> values) {}

    /** One look at or action on one of the resident's cases by staff or by the system. */
    public record Access(String at, String reference, String action, String unit) {}
}
