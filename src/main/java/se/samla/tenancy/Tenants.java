package se.samla.tenancy;

import java.util.List;
import java.util.Optional;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** The municipalities this installation serves, and their units. */
public interface Tenants {

    List<Tenant> all();

    Optional<Tenant> byId(TenantId id);

    Optional<Tenant> bySlug(String slug);

    Optional<Tenant> byHost(String host);

    /** Active units of the tenant, administrations before their sections. */
    List<Unit> units(TenantId tenant);

    Optional<Unit> unit(TenantId tenant, String code);

    /**
     * The active units that roles held in the given units reach: the units themselves, and the sections of an
     * administration.
     */
    default List<String> unitsReachedFrom(TenantId tenant, java.util.Set<String> unitsWithRoles) {
        return units(tenant).stream()
                .filter(u -> unitsWithRoles.contains(u.code())
                        || (u.parentCode() != null && unitsWithRoles.contains(u.parentCode())))
                .map(Unit::code)
                .toList();
    }

    /** The federations whose units serve municipalities of this installation; none unless configured. */
    default List<Federation> federations() {
        return List.of();
    }

    /** The federation whose unit this is in the tenant; empty for the tenant's own units. */
    default Optional<Federation> federationOf(TenantId tenant, String unitCode) {
        return federations().stream()
                .filter(f -> f.units().stream()
                        .anyMatch(u -> u.code().equals(unitCode) && u.serves().contains(tenant)))
                .findFirst();
    }

    /**
     * The municipality an address written as people write it lies in: by its postal code (the longest configured
     * beginning wins), else by a postal town named in it. Empty when no municipality of the installation claims it.
     */
    default Optional<Tenant> byAddress(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        var code = java.util.regex.Pattern.compile("(?<![0-9])([1-9][0-9]{2})\\s?([0-9]{2})(?![0-9])")
                .matcher(address);
        if (code.find()) {
            String digits = code.group(1) + code.group(2);
            Optional<Tenant> byCode = all().stream()
                    .filter(t -> t.places().postalCodes().stream().anyMatch(digits::startsWith))
                    .max(java.util.Comparator.comparingInt(t -> t.places().postalCodes().stream()
                            .filter(digits::startsWith)
                            .mapToInt(String::length)
                            .max()
                            .orElse(0)));
            if (byCode.isPresent()) {
                return byCode;
            }
        }
        String words = " " + address.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}]+", " ") + " ";
        return all().stream()
                .filter(t -> t.places().towns().stream()
                        .anyMatch(town -> words.contains(" " + town.toLowerCase(java.util.Locale.ROOT) + " ")))
                .findFirst();
    }

    /** The tenant's configuration folder, where other modules keep their own files (e.g. case-types/). */
    java.nio.file.Path configurationDirectory(TenantId tenant);

    /** The tenant the current request or work is for. */
    default Tenant current() {
        TenantId id = CurrentTenant.require();
        return byId(id).orElseThrow(() -> new IllegalStateException("Unknown tenant " + id));
    }
}
