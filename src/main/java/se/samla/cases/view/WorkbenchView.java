package se.samla.cases.view;

import java.util.List;

/** A queue in the workbench, with its filters and one page of cases. */
public record WorkbenchView(
        String queue,
        List<Tab> tabs,
        List<Option> caseTypes,
        List<Option> statuses,
        String caseType,
        String status,
        String from,
        String to,
        String query,
        List<Row> rows,
        long total,
        boolean moreThanTotal,
        int page,
        int pages,
        List<String> otherMunicipalities) {

    /** Whether the queue covers other municipalities too (a federation's staff): rows then name theirs. */
    public boolean acrossMunicipalities() {
        return !otherMunicipalities.isEmpty();
    }

    public record Tab(String code, String label, boolean current) {}

    public record Option(String value, String label, boolean selected) {}

    public record Row(
            String id,
            String reference,
            String title,
            String applicant,
            String status,
            String submitted,
            String due,
            boolean overdue,
            String assignee,
            String confidentiality,
            String municipality,
            String otherMunicipalityUrl) {}
}
