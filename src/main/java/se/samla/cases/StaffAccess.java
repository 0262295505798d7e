package se.samla.cases;

import java.util.List;
import org.springframework.stereotype.Component;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenants;

/**
 * Which cases a staff member may see: those owned by a unit where they hold a role (a role in an
 * administration covers its sections), up to the confidentiality level their clearance reaches.
 */
@Component
class StaffAccess {

    private final Tenants tenants;

    StaffAccess(Tenants tenants) {
        this.tenants = tenants;
    }

    /** The unit codes whose cases the staff member may see. */
    List<String> units(SignedInUser.Staff staff) {
        return tenants.unitsReachedFrom(CurrentTenant.require(), staff.workingUnits());
    }

    List<String> levels(SignedInUser.Staff staff) {
        return staff.clearance().levelsReached().stream().map(Enum::name).toList();
    }

    boolean maySee(SignedInUser.Staff staff, StoredCase c) {
        return units(staff).contains(c.unit()) && staff.clearance().reaches(c.confidentiality());
    }
}
