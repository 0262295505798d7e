package se.samla.records.view;

import java.util.List;

/** The public register page: the search and one page of documents. */
public record RegisterView(
        String query, String from, String to, List<Row> rows, int page, boolean hasNext, String error) {

    /** One document; counterpart is null where it may not be shown, secrecy the OSL provision if marked. */
    public record Row(
            String id,
            String date,
            String reference,
            String direction,
            String caseTitle,
            String description,
            String counterpart,
            String secrecy) {}
}
