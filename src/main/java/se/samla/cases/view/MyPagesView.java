package se.samla.cases.view;

import java.util.List;

/** Mina sidor: what waits for the resident, their ongoing and closed cases and unfinished applications. */
public record MyPagesView(
        String name,
        String identityNumber,
        List<Row> ongoing,
        List<Row> closed,
        List<Draft> drafts,
        List<se.samla.web.ToDoView.Group> toDo,
        String municipality,
        List<Elsewhere> elsewhere) {

    /**
     * What the resident has at another municipality of the region: its cases, unfinished applications, post and
     * bookings, opened there.
     *
     * @param base where that municipality's pages are (its host, or its prefix on this one)
     */
    public record Elsewhere(
            String municipality,
            String base,
            List<Row> ongoing,
            List<Row> closed,
            List<Draft> drafts,
            List<Section> sections) {}

    /**
     * Another module's part of Mina sidor at that municipality, such as its post or bookings.
     *
     * @param more whether there may be more than listed, to be seen there
     */
    public record Section(String heading, boolean more, List<se.samla.web.ResidentHoldings.Holding> items) {}

    /** @param submittedBy "sent by X for Y" when someone acted for the applicant; else null */
    public record Row(
            String id,
            String reference,
            String title,
            String status,
            String submitted,
            String expected,
            String submittedBy) {}

    public record Draft(String code, String title, String updated, String expires) {}
}
