package se.samla.web;

import java.util.Optional;
import se.samla.identity.SignedInUser;

/** A desk a module other than cases keeps for some of the staff (the invoicing unit's payments), linked from /personal. */
public interface StaffDesks {

    /** The link to the desk, when this staff member may use it. */
    Optional<Desk> deskFor(SignedInUser.Staff staff);

    /** @param labelKey the message key of the link's text */
    record Desk(String labelKey, String path) {}
}
