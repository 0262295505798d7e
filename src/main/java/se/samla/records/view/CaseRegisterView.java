package se.samla.records.view;

import java.util.List;

/** A case's register as staff see it: every document in its protected and public forms, and its markings. */
public record CaseRegisterView(
        String caseId,
        String reference,
        String title,
        String publicTitle,
        String caseSecrecy,
        boolean registrar,
        List<Entry> entries,
        List<String> errors,
        String notice) {

    public record Entry(
            int number,
            String date,
            String direction,
            String kind,
            String counterpart,
            String publicCounterpart,
            String description,
            String publicDescription,
            String secrecy,
            String markedAt) {}
}
