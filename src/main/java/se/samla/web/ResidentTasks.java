package se.samla.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;

/**
 * What waits for a resident in a module ("Att göra"): a signature to give, a completion to send, an invoice to pay,
 * post to read, a freed time to take, a meeting coming up, an application about to expire. Called in the tenant's
 * transaction; the caller audits the reading once for the whole list.
 */
public interface ResidentTasks {

    /** What waits for whom, in the reader's language; empty when nothing does. */
    List<Task> of(Whom whom, Locale locale);

    /**
     * Whom the tasks are for.
     *
     * @param resident  the logged-in resident asking
     * @param principal the resident themselves ({@link Principal.Kind#SELF}) or someone they act for
     */
    record Whom(SignedInUser.Resident resident, Principal principal) {

        public boolean self() {
            return principal.isSelf();
        }

        /** The resident's own person id, for what is kept by it (post, bookings, drafts). */
        public UUID personId() {
            return resident.personId();
        }
    }

    /**
     * One thing to do.
     *
     * @param detail   a line under the title (who sent it, the amount and reference), already in the reader's language
     * @param due      by when, or null when it has no deadline
     * @param withTime whether the deadline's time of day matters (an offer that lapses, a meeting)
     * @param path     where it is done, within the tenant
     */
    record Task(Kind kind, String title, String detail, Instant due, boolean withTime, String path) {}

    /** The last second of a day in Sweden, as the deadline of something due that day. */
    static Instant endOf(java.time.LocalDate day) {
        return day.plusDays(1)
                .atStartOfDay(se.samla.shared.SwedishTime.ZONE)
                .toInstant()
                .minusSeconds(1);
    }

    /** The kinds, in the order a list without deadlines shows them. */
    enum Kind {
        SIGNATURE,
        COMPLETION,
        INVOICE,
        BOOKING_OFFER,
        MEETING,
        POST,
        DRAFT
    }
}
