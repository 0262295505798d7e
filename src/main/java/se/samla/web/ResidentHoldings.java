package se.samla.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A part of Mina sidor that a module other than cases keeps (the post, the bookings), listed for each other
 * municipality of the region where the resident has something. It is read inside that municipality's own
 * transaction, with the person's id there; the caller audits the reading, once per municipality.
 */
public interface ResidentHoldings {

    /** The message key of the heading these are listed under. */
    String headingKey();

    /** What the person has here, newest or soonest first, at most {@code limit}; empty when nothing. */
    List<Holding> of(UUID personId, Locale locale, int limit);

    /**
     * @param when the date or time to show beside it
     * @param path where it is opened, relative to the municipality's pages
     * @param unread whether the resident has not yet opened it
     */
    record Holding(String title, String when, String path, boolean unread) {}
}
