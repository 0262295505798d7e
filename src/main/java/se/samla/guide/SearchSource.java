package se.samla.guide;

import java.util.List;
import java.util.Optional;

/**
 * A part of the one search that a module answers from its own data as it is now: the public register, the
 * resident's own cases, open problem reports near an address. Called in a read-only transaction of the query's
 * tenant, with the person searching as the current user; a source that finds nothing, or that the query does not
 * concern, answers empty.
 */
public interface SearchSource {

    Optional<Found> search(SearchQuery query);

    /**
     * Whether what it finds is the person's own (their cases): never kept for another search, and read afresh, with
     * its audit, every time. What anyone may see (the register, reports) may be kept for a few seconds.
     */
    default boolean personal() {
        return false;
    }

    /**
     * What a source found: a few hits, and where the rest may be seen.
     *
     * @param morePath the page with all the hits, within the tenant; null when the hits are all
     */
    record Found(Group group, List<Hit> hits, String morePath) {

        public Found {
            hits = List.copyOf(hits);
        }
    }

    /**
     * One hit.
     *
     * @param detail a line under the title (a reference, a status, a distance), already in the reader's language
     * @param path   where it opens, within the tenant
     */
    record Hit(String title, String detail, String path) {}

    /** The live groups, in the order shown after the indexed ones. */
    enum Group {
        MY_CASES,
        NEARBY_REPORTS,
        REGISTER
    }
}
