package se.samla.cases;

import java.util.UUID;

/** Who submits: a logged-in resident, or nobody known (an anonymous case). */
record Applicant(UUID personId, String name, String identityNumber, String auditId) {

    static Applicant anonymous() {
        return new Applicant(null, null, null, "anonymous");
    }

    boolean isAnonymous() {
        return personId == null;
    }
}
