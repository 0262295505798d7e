package se.samla.sensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Each municipality's device types and devices, from config/tenants/{slug}/sensors.yml, read at start. A wrong file
 * stops the start with the device or type and field at fault.
 */
@Component
public class Sensors {

    /** What sensors.yml holds. */
    record File(List<SensorType> types, List<Device> devices, List<Rule> rules, List<Depot> depots) {}

    /** Where a unit's rounds start and end. */
    public record Depot(String unit, String name, Device.Place place) {}

    private final Map<TenantId, Map<String, SensorType>> types = new HashMap<>();
    private final Map<TenantId, Map<String, Device>> devices = new HashMap<>();
    private final Map<TenantId, List<Rule>> rules = new HashMap<>();
    private final Map<TenantId, Map<String, Depot>> depots = new HashMap<>();

    Sensors(Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            Path path = tenants.configurationDirectory(tenant.id()).resolve("sensors.yml");
            File file = read(path);
            Map<String, SensorType> typesOfTenant = new LinkedHashMap<>();
            for (SensorType type : file.types() == null ? List.<SensorType>of() : file.types()) {
                String at = path + ", type " + type.code() + ": ";
                require(
                        type.code() != null && type.code().matches("[a-z0-9-]{2,60}"),
                        at + "code: 2-60 of a-z, 0-9, -");
                require(typesOfTenant.put(type.code(), type) == null, at + "code is used twice");
                require(type.name() != null && !type.name().sv().isBlank(), at + "name: a Swedish name is needed");
                require(!type.measurements().isEmpty(), at + "measurements: at least one");
                for (SensorType.Measurement m : type.measurements()) {
                    require(
                            m.name() != null && m.name().matches("[A-Za-z0-9][A-Za-z0-9:./_-]*"),
                            at + "measurements: a SenML name");
                    require(
                            m.unit() != null && !m.unit().isBlank(),
                            at + "measurements." + m.name() + ".unit: a SenML unit");
                    require(m.min() < m.max(), at + "measurements." + m.name() + ": min below max");
                }
                require(type.retentionDays() >= 1, at + "retentionDays: 1 or more");
            }
            Map<String, Device> devicesOfTenant = new LinkedHashMap<>();
            for (Device device : file.devices() == null ? List.<Device>of() : file.devices()) {
                String at = path + ", device " + device.id() + ": ";
                require(device.id() != null && device.id().matches("[a-z0-9-]{2,60}"), at + "id: 2-60 of a-z, 0-9, -");
                require(devicesOfTenant.put(device.id(), device) == null, at + "id is used twice");
                require(typesOfTenant.containsKey(device.type()), at + "type: no such type");
                require(
                        tenants.unit(tenant.id(), device.unit()).isPresent(),
                        at + "unit: not a unit of " + tenant.slug());
                require(device.place() != null, at + "place: latitude and longitude are needed");
                require(
                        device.credentialSha256() != null
                                && device.credentialSha256().matches("[0-9a-f]{64}"),
                        at + "credentialSha256: the SHA-256 of the device's token, 64 hex digits");
            }
            Map<String, Rule> rulesOfTenant = new LinkedHashMap<>();
            for (Rule rule : file.rules() == null ? List.<Rule>of() : file.rules()) {
                String at = path + ", rule " + rule.code() + ": ";
                require(
                        rule.code() != null && rule.code().matches("[a-z0-9-]{2,60}"),
                        at + "code: 2-60 of a-z, 0-9, -");
                require(rulesOfTenant.put(rule.code(), rule) == null, at + "code is used twice");
                require(rule.name() != null && !rule.name().sv().isBlank(), at + "name: a Swedish name is needed");
                SensorType type = typesOfTenant.get(rule.type());
                require(type != null, at + "type: no such type");
                int kinds = (rule.above() != null ? 1 : 0)
                        + (rule.below() != null ? 1 : 0)
                        + (rule.silentMinutes() > 0 ? 1 : 0);
                require(kinds == 1, at + "give exactly one of above, below and silentMinutes");
                if (rule.threshold()) {
                    require(
                            type.measurement(rule.measurement()).isPresent(),
                            at + "measurement: not one of the type's");
                    require(rule.forMinutes() >= 0, at + "forMinutes: 0 or more");
                    require(
                            rule.clear() == null
                                    || (rule.above() != null
                                            ? rule.clear() <= rule.above()
                                            : rule.clear() >= rule.below()),
                            at + "clear: on the safe side of the threshold");
                }
                require(rule.category() != null && !rule.category().isBlank(), at + "category: a report category");
                require(
                        rule.linkMetres() == null || (rule.linkMetres() >= 0 && rule.linkMetres() <= 5000),
                        at + "linkMetres: 0 to 5000");
            }
            Map<String, Depot> depotsOfTenant = new LinkedHashMap<>();
            for (Depot depot : file.depots() == null ? List.<Depot>of() : file.depots()) {
                String at = path + ", depot of " + depot.unit() + ": ";
                require(
                        depot.unit() != null
                                && tenants.unit(tenant.id(), depot.unit()).isPresent(),
                        at + "unit: not a unit of " + tenant.slug());
                require(depotsOfTenant.put(depot.unit(), depot) == null, at + "unit: one depot per unit");
                require(depot.name() != null && !depot.name().isBlank(), at + "name: needed");
                require(depot.place() != null, at + "place: latitude and longitude are needed");
            }
            depots.put(tenant.id(), depotsOfTenant);
            rules.put(tenant.id(), List.copyOf(rulesOfTenant.values()));
            types.put(tenant.id(), typesOfTenant);
            devices.put(tenant.id(), devicesOfTenant);
        }
    }

    private static File read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new File(List.of(), List.of(), List.of(), List.of());
        }
        try {
            File file = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(Files.readString(path), File.class);
            return file == null ? new File(List.of(), List.of(), List.of(), List.of()) : file;
        } catch (JacksonException e) {
            String line = e.getLocation() == null
                    ? "?"
                    : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException("Invalid sensors " + path + " line " + line + ", field '"
                    + e.getPathReference() + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read sensors " + path + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid sensors " + message);
        }
    }

    public List<Device> devices(TenantId tenant) {
        return List.copyOf(devices.getOrDefault(tenant, Map.of()).values());
    }

    public Optional<Device> device(TenantId tenant, String id) {
        return Optional.ofNullable(devices.getOrDefault(tenant, Map.of()).get(id));
    }

    /** The rules of a device type. */
    public List<Rule> rules(TenantId tenant, String type) {
        return rules.getOrDefault(tenant, List.of()).stream()
                .filter(r -> r.type().equals(type))
                .toList();
    }

    /** The depot a unit's rounds start from, if it has one. */
    public Optional<Depot> depot(TenantId tenant, String unit) {
        return Optional.ofNullable(depots.getOrDefault(tenant, Map.of()).get(unit));
    }

    public List<SensorType> types(TenantId tenant) {
        return List.copyOf(types.getOrDefault(tenant, Map.of()).values());
    }

    public Optional<SensorType> type(TenantId tenant, String code) {
        return Optional.ofNullable(types.getOrDefault(tenant, Map.of()).get(code));
    }
}
