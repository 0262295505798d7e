package se.samla.identity.demo;

import java.util.List;

/**
 * A clearly fake person the demo provider can log in as.
 *
 * @param personalIdentityNumber a test number from Skatteverket's list; absent on purpose for one identity
 * @param tenant                 for staff: the municipality they work for
 * @param roles                  for staff: {@code role:UNITCODE}
 * @param assuranceLevel         for residents: the e-ID's assurance level (tillitsnivå), 3 when not given
 * @param federation             for staff of a federation's units: its slug; they log in through the staff login of
 *                               any of its members
 */
record DemoIdentity(
        String id,
        Kind kind,
        String givenName,
        String familyName,
        String personalIdentityNumber,
        String tenant,
        String email,
        List<String> roles,
        String clearance,
        String note,
        Integer assuranceLevel,
        String federation) {

    enum Kind {
        RESIDENT,
        STAFF
    }

    String name() {
        return givenName + " " + familyName;
    }
}
