package se.samla.booking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Each tenant's bookable facilities, from config/tenants/{slug}/resources.yml, read at start. A wrong file stops the
 * start with the resource and field at fault.
 */
@Component
public class Resources {

    private final Map<TenantId, Map<String, Resource>> byTenant = new HashMap<>();

    Resources(Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            Path file = tenants.configurationDirectory(tenant.id()).resolve("resources.yml");
            Map<String, Resource> resources = new LinkedHashMap<>();
            for (Resource resource : read(file)) {
                String at = file + ", resource " + resource.code() + ": ";
                require(
                        resource.code() != null && resource.code().matches("[a-z0-9-]{2,60}"),
                        at + "code: use 2-60 lower-case letters, digits or '-'");
                require(resources.put(resource.code(), resource) == null, at + "code is used twice");
                require(
                        resource.name() != null && !resource.name().sv().isBlank(),
                        at + "name: a Swedish name is needed");
                require(resource.kind() != null, at + "kind: HALL, ROOM or STUDY_ROOM");
                require(
                        tenants.unit(tenant.id(), resource.unit()).isPresent(),
                        at + "unit: not a unit of " + tenant.slug());
                require(resource.slotMinutes() >= 15 && resource.slotMinutes() <= 480, at + "slotMinutes: 15-480");
                require(resource.horizonDays() >= 1 && resource.horizonDays() <= 400, at + "horizonDays: 1-400");
                require(resource.minNoticeHours() >= 0, at + "minNoticeHours: 0 or more");
                require(resource.maxHoursPerWeek() >= 1, at + "maxHoursPerWeek: 1 or more");
                require(!resource.openingHours().isEmpty(), at + "openingHours: give at least one day");
                resource.openingHours()
                        .forEach((day, hours) ->
                                require(Slots.valid(hours), at + "openingHours." + day + ": write HH:mm-HH:mm"));
                resource.exceptions()
                        .forEach((day, hours) -> require(
                                "closed".equalsIgnoreCase(hours.strip()) || Slots.valid(hours),
                                at + "exceptions." + day + ": write HH:mm-HH:mm or closed"));
                resource.unmannedHours()
                        .forEach((day, hours) ->
                                require(Slots.valid(hours), at + "unmannedHours." + day + ": write HH:mm-HH:mm"));
                for (String door : resource.doors()) {
                    require(door.matches("[a-z0-9-]{2,60}"), at + "doors: " + door + " is no door name (a-z, 0-9, -)");
                }
                require(
                        resource.unmannedHours().isEmpty() || !resource.doors().isEmpty(),
                        at + "unmannedHours: needs doors to let people in");
                require(
                        resource.accessMarginMinutes() >= 0 && resource.accessMarginMinutes() <= 120,
                        at + "accessMarginMinutes: 0-120");
                require(resource.releaseAfterMinutes() >= 0, at + "releaseAfterMinutes: 0 or more");
                require(
                        resource.releaseAfterMinutes() == 0 || !resource.doors().isEmpty(),
                        at + "releaseAfterMinutes: only a resource with doors knows whether anyone came");
                for (Resource.Photo photo : resource.photos()) {
                    require(
                            photo.url() != null
                                    && (photo.url().startsWith("/")
                                            || photo.url().startsWith("https://")),
                            at + "photos: a url beginning with / or https://");
                    require(photo.alt() != null && !photo.alt().sv().isBlank(), at + "photos: alt: say what it shows");
                }
            }
            for (Resource resource : resources.values()) {
                for (String part : resource.parts()) {
                    Resource found = resources.get(part);
                    require(found != null, file + ", resource " + resource.code() + ": parts: no resource " + part);
                    require(
                            found.parts().isEmpty(),
                            file + ", resource " + resource.code() + ": parts: " + part
                                    + " has parts of its own; one level of parts is supported");
                }
            }
            byTenant.put(tenant.id(), resources);
        }
    }

    private static List<Resource> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Resource> read = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    // a number or switch left out is 0 or off; the checks below say which must be given
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(Files.readString(file), new TypeReference<List<Resource>>() {});
            return read == null ? List.of() : read;
        } catch (JacksonException e) {
            String line = e.getLocation() == null
                    ? "?"
                    : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException("Invalid resources " + file + " line " + line + ", field '"
                    + e.getPathReference() + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resources " + file + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid resources " + message);
        }
    }

    public List<Resource> of(TenantId tenant) {
        return List.copyOf(byTenant.getOrDefault(tenant, Map.of()).values());
    }

    public Optional<Resource> of(TenantId tenant, String code) {
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(code));
    }

    /**
     * What a booking of the resource occupies: its parts, or itself when it has none. A part is occupied also by a
     * booking of the whole, so two bookings conflict exactly when they share one of these.
     */
    List<String> occupies(Resource resource) {
        return resource.parts().isEmpty() ? List.of(resource.code()) : resource.parts();
    }

    /** The tenant's resource that has the door, if any. */
    public Optional<Resource> withDoor(TenantId tenant, String door) {
        return of(tenant).stream().filter(r -> r.doors().contains(door)).findFirst();
    }

    /** The resources whose bookings take any of these: to show a part taken when the whole is booked, and back. */
    List<String> sharing(TenantId tenant, Resource resource) {
        Set<String> mine = Set.copyOf(occupies(resource));
        List<String> sharing = new ArrayList<>();
        for (Resource other : of(tenant)) {
            if (occupies(other).stream().anyMatch(mine::contains)) {
                sharing.add(other.code());
            }
        }
        return sharing;
    }
}
