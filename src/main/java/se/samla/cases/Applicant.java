package se.samla.cases;

import java.util.UUID;

/**
 * Who submits: a logged-in resident, someone they act for, or nobody known (an anonymous case).
 *
 * @param onBehalf who sent it for the applicant, or null when the applicant sent it
 */
record Applicant(UUID personId, String name, String identityNumber, String auditId, CaseIntake.OnBehalf onBehalf) {

    Applicant(UUID personId, String name, String identityNumber, String auditId) {
        this(personId, name, identityNumber, auditId, null);
    }

    static Applicant anonymous() {
        return new Applicant(null, null, null, "anonymous");
    }

    boolean isAnonymous() {
        return personId == null && identityNumber == null && onBehalf == null;
    }

    /** Whose drafts the submission ends: the sender's. */
    UUID sender() {
        return onBehalf == null ? personId : onBehalf.actorPersonId();
    }
}
