package se.samla.cases.view;

import java.util.List;

/** Mina sidor: the resident's ongoing and closed cases and unfinished applications. */
public record MyPagesView(String name, String identityNumber, List<Row> ongoing, List<Row> closed, List<Draft> drafts) {

    public record Row(String id, String reference, String title, String status, String submitted, String expected) {}

    public record Draft(String code, String title, String updated, String expires) {}
}
