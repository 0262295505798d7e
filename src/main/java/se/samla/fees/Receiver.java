package se.samla.fees;

import java.util.UUID;

/**
 * Who pays: a person, or an organisation (then {@code personId} is whoever acted for it, who gets its post when the
 * organisation takes no e-invoice).
 */
public record Receiver(UUID personId, String identityNumber, String name, String organisationNumber) {

    public boolean isOrganisation() {
        return organisationNumber != null;
    }
}
