package se.samla.web;

import jakarta.servlet.http.HttpServletRequest;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;

/**
 * What the header says of whom a resident acts for. Read when the page is drawn, after its controller has checked
 * the right again, so a right that lapsed in this request is shown as lapsed.
 */
public final class ActingFor {

    private final HttpServletRequest request;
    private final SignedInUser.Resident resident;
    private final Representation representation;

    ActingFor(HttpServletRequest request, SignedInUser.Resident resident, Representation representation) {
        this.request = request;
        this.resident = resident;
        this.representation = representation;
    }

    /** The name of whom the resident acts for. */
    public String name() {
        return representation.chosen(request, resident).name();
    }

    /** Whether the resident acts for someone else. */
    public boolean forSomeoneElse() {
        return !representation.chosen(request, resident).isSelf();
    }

    /** The name of whom the resident could no longer act for, if that was found in this request; else null. */
    public String lapsed() {
        return Representation.lapsed(request).map(p -> p.name()).orElse(null);
    }
}
