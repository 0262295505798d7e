package se.samla.identity;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.samla.shared.Confidentiality;
import se.samla.shared.PersonIdentifier;
import se.samla.shared.TenantId;

/** Who is logged in, for one tenant: a resident or a staff member. Kept in the session. */
public sealed interface SignedInUser extends Serializable {

    TenantId tenantId();

    String displayName();

    /** An opaque id for logs and audit entries: never a personal identity number. */
    String auditId();

    record Resident(
            TenantId tenantId,
            UUID personId,
            PersonIdentifier identityNumber,
            String displayName,
            String assuranceLevel)
            implements SignedInUser {

        @Override
        public String auditId() {
            return "person:" + personId;
        }

        /** The level from the OIDC acr claim, e.g. http://id.elegnamnden.se/loa/1.0/loa3 gives 3; 0 when unknown. */
        public int assuranceLevelNumber() {
            String acr = assuranceLevel;
            if (acr == null || acr.isEmpty() || !Character.isDigit(acr.charAt(acr.length() - 1))) {
                return 0;
            }
            return acr.charAt(acr.length() - 1) - '0';
        }
    }

    record Staff(
            TenantId tenantId,
            UUID staffId,
            String displayName,
            String email,
            Map<String, Set<StaffRole>> rolesByUnit,
            Confidentiality clearance,
            Map<TenantId, UUID> federationStaffIds)
            implements SignedInUser {

        /**
         * @param federationStaffIds the other member municipalities that their federation units serve, with the
         *     staff id they have there: their queues cover those members' cases of these units
         */
        public Staff {
            rolesByUnit = Map.copyOf(rolesByUnit);
            // a session stored before federations existed has none
            federationStaffIds = federationStaffIds == null ? Map.of() : Map.copyOf(federationStaffIds);
        }

        public Staff(
                TenantId tenantId,
                UUID staffId,
                String displayName,
                String email,
                Map<String, Set<StaffRole>> rolesByUnit,
                Confidentiality clearance) {
            this(tenantId, staffId, displayName, email, rolesByUnit, clearance, Map.of());
        }

        public boolean hasRole(StaffRole role) {
            return rolesByUnit.values().stream().anyMatch(roles -> roles.contains(role));
        }

        public boolean hasRole(String unitCode, StaffRole role) {
            return rolesByUnit.getOrDefault(unitCode, Set.of()).contains(role);
        }

        /**
         * The units where they hold a role that works with cases and their documents: a manager's role gives figures,
         * not the cases themselves.
         */
        public Set<String> workingUnits() {
            return rolesByUnit.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(r -> r != StaffRole.MANAGER))
                    .map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        @Override
        public String auditId() {
            return "staff:" + staffId;
        }
    }
}
