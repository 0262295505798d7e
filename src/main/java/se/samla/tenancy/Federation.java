package se.samla.tenancy;

import java.util.Collection;
import java.util.List;
import se.samla.shared.FederationId;
import se.samla.shared.LocalizedText;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.TenantId;

/**
 * A federation of municipalities (kommunalförbund, or a service shared by agreement): its units work cases of the
 * members they serve. A member stays the responsible authority; the federation's units are units of that member,
 * with the same codes in every member.
 */
public record Federation(
        FederationId id,
        String slug,
        String name,
        OrganisationNumber organisationNumber,
        List<TenantId> members,
        List<FederationUnit> units) {

    public Federation {
        members = List.copyOf(members);
        units = List.copyOf(units);
    }

    /** A unit of the federation; a section serves the members its administration serves. */
    public record FederationUnit(String code, LocalizedText name, String parentCode, List<TenantId> serves) {

        public FederationUnit {
            serves = List.copyOf(serves);
        }
    }

    public boolean hasUnit(String code) {
        return units.stream().anyMatch(u -> u.code().equals(code));
    }

    /** The members that the given units of this federation serve, in the order the members are listed. */
    public List<TenantId> membersServedBy(Collection<String> unitCodes) {
        return members.stream()
                .filter(member -> units.stream()
                        .anyMatch(
                                u -> unitCodes.contains(u.code()) && u.serves().contains(member)))
                .toList();
    }

    /** The federation's unit codes among the given ones that serve the member. */
    public List<String> unitsServing(TenantId member, Collection<String> unitCodes) {
        return units.stream()
                .filter(u -> unitCodes.contains(u.code()) && u.serves().contains(member))
                .map(FederationUnit::code)
                .toList();
    }
}
