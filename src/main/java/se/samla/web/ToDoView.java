package se.samla.web;

import java.util.List;

/** "Att göra" as the page shows it: for the resident and each they act for, what waits, soonest first. */
public final class ToDoView {

    private ToDoView() {}

    /**
     * What waits for one person or organisation.
     *
     * @param actFor the choice that makes the resident act for them ("CHILD:…"), when the resident acts for someone
     *               else now; null when the resident acts for them already, and the things link to where they are done
     */
    public record Group(String heading, String actFor, String name, List<Item> items) {}

    /** @param due "by …" in the reader's language, or null */
    public record Item(String kind, String title, String detail, String due, String href) {}
}
