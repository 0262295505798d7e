package se.samla.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import se.samla.platform.RateLimit;
import se.samla.shared.InvalidIdentifierException;
import se.samla.shared.OrganisationNumber;
import se.samla.shared.TenantId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The tenants, read once at start from their configuration files. A file that is wrong stops the start
 * with a message naming the file, the line and the field.
 */
@Component
class TenantRegistry implements Tenants {

    private final Map<TenantId, Tenant> byId = new LinkedHashMap<>();
    private final Map<String, Tenant> bySlug = new HashMap<>();
    private final Map<String, Tenant> byHost = new HashMap<>();
    private final Map<TenantId, List<Unit>> units = new HashMap<>();
    private final Map<TenantId, Path> directories = new HashMap<>();

    TenantRegistry(TenancySettings settings, Environment environment) {
        for (Path file : tenantFiles(settings.configDirectory())) {
            add(file, read(file, environment));
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException(
                    "No tenants configured: add " + settings.configDirectory() + "/<slug>/tenant.yml (see README)");
        }
    }

    /** Stable ids, the same on every installation, so that configuration alone defines a tenant. */
    static TenantId tenantId(String slug) {
        return new TenantId(UUID.nameUUIDFromBytes(("samla:tenant:" + slug).getBytes(StandardCharsets.UTF_8)));
    }

    static UUID unitId(TenantId tenant, String code) {
        return UUID.nameUUIDFromBytes(("samla:unit:" + tenant + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> tenantFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("Tenant configuration folder " + directory.toAbsolutePath()
                    + " does not exist; set SAMLA_TENANCY_CONFIG_DIRECTORY or run from the repository root");
        }
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.map(folder -> folder.resolve("tenant.yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    private static TenantConfigurationFile read(Path file, Environment environment) {
        try {
            String text = environment.resolveRequiredPlaceholders(Files.readString(file));
            return YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(text, TenantConfigurationFile.class);
        } catch (JacksonException e) {
            String line = e.getLocation() == null
                    ? "?"
                    : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException(
                    "Invalid tenant configuration " + file + " line " + line + ", field '" + e.getPathReference()
                            + "': " + e.getOriginalMessage(),
                    e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read tenant configuration " + file + ": " + e.getMessage(), e);
        }
    }

    private void add(Path file, TenantConfigurationFile config) {
        String where = "Invalid tenant configuration " + file + ": ";
        String folder = file.getParent().getFileName().toString();
        require(config.slug() != null && config.slug().equals(folder), where + "field 'slug' must be '" + folder + "'");
        require(config.name() != null && !config.name().isBlank(), where + "field 'name' is missing");
        OrganisationNumber orgNumber;
        try {
            orgNumber = OrganisationNumber.parse(config.organisationNumber());
        } catch (InvalidIdentifierException e) {
            throw new IllegalStateException(where + "field 'organisationNumber': " + e.getMessage(), e);
        }
        require(
                config.login() != null
                        && config.login().resident() != null
                        && config.login().staff() != null,
                where + "field 'login' needs both 'resident' and 'staff'");
        TenantId id = tenantId(config.slug());
        List<String> hosts = config.hosts() == null
                ? List.of()
                : config.hosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Tenant tenant = new Tenant(
                id,
                config.slug(),
                config.name(),
                orgNumber,
                hosts,
                login(where + "login.resident", config.login().resident()),
                login(where + "login.staff", config.login().staff()),
                api(where, config.api()),
                contact(where, config),
                writeLimits(config.rateLimits()));
        for (String host : hosts) {
            Tenant other = byHost.putIfAbsent(host, tenant);
            require(
                    other == null,
                    where + "host '" + host + "' is already used by " + (other == null ? "" : other.slug()));
        }
        byId.put(id, tenant);
        bySlug.put(tenant.slug(), tenant);
        units.put(id, flatten(where, id, config.units()));
        directories.put(id, file.getParent());
    }

    /** The contact given, or else the usual Swedish forms: kommun@{slug}.se and https://www.{slug}.se/. */
    private static Tenant.PublicContact contact(String where, TenantConfigurationFile config) {
        var given = config.contact();
        String email = given == null || given.email() == null
                ? "kommun@" + config.slug() + ".se"
                : given.email().strip();
        String homepage = given == null || given.homepage() == null
                ? "https://www." + config.slug() + ".se/"
                : given.homepage().strip();
        require(se.samla.shared.EmailAddress.isValid(email), where + "field 'contact.email' must be an e-mail address");
        require(
                homepage.matches("https?://[A-Za-z0-9.-]+(:\\d+)?(/[^\\s<>\"]*)?"),
                where + "field 'contact.homepage' must be an http(s) address");
        return new Tenant.PublicContact(email, homepage);
    }

    private static Tenant.WriteLimits writeLimits(TenantConfigurationFile.RateLimits given) {
        var defaults = Tenant.WriteLimits.DEFAULT;
        return given == null
                ? defaults
                : new Tenant.WriteLimits(
                        rate(given.anonymousWrites(), defaults.anonymousWrites()),
                        rate(given.open311(), defaults.open311()));
    }

    private static RateLimit rate(TenantConfigurationFile.Rate given, RateLimit otherwise) {
        return given == null
                ? otherwise
                : new RateLimit(
                        given.perMinute() == null
                                ? otherwise.perMinute()
                                : given.perMinute().value(),
                        given.burst() == null
                                ? otherwise.burst()
                                : given.burst().value());
    }

    private static ApiSettings api(String where, TenantConfigurationFile.Api api) {
        if (api == null) {
            return new ApiSettings(LoginSettings.DEMO_ISSUER, List.of());
        }
        List<ApiSettings.Client> clients = new ArrayList<>();
        for (var c : api.clients() == null ? List.<TenantConfigurationFile.Client>of() : api.clients()) {
            require(
                    c.clientId() != null && c.clientId().matches("[a-z0-9-]{3,60}"),
                    where + "api.clients: clientId '" + c.clientId()
                            + "' must be 3-60 lower-case letters, digits or '-'");
            require(
                    c.scopes() != null && !c.scopes().isEmpty(),
                    where + "api.clients." + c.clientId() + ".scopes is missing");
            se.samla.shared.Confidentiality level;
            try {
                level = se.samla.shared.Confidentiality.valueOf(
                        c.maxConfidentiality() == null ? "INTERNAL" : c.maxConfidentiality());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        where + "api.clients." + c.clientId() + ".maxConfidentiality must be one of "
                                + java.util.Arrays.toString(se.samla.shared.Confidentiality.values()),
                        e);
            }
            clients.add(new ApiSettings.Client(
                    c.clientId(),
                    c.clientSecret(),
                    c.scopes(),
                    c.units() == null ? List.of("*") : c.units(),
                    c.caseTypes() == null ? List.of("*") : c.caseTypes(),
                    level));
        }
        return new ApiSettings(api.issuer() == null ? LoginSettings.DEMO_ISSUER : api.issuer(), clients);
    }

    private static LoginSettings login(String where, TenantConfigurationFile.Provider p) {
        require(p.issuer() != null && !p.issuer().isBlank(), where + ".issuer is missing");
        require(p.clientId() != null && !p.clientId().isBlank(), where + ".clientId is missing");
        return new LoginSettings(
                p.issuer(),
                p.clientId(),
                p.clientSecret(),
                p.rolesClaim() == null ? "samla_roles" : p.rolesClaim(),
                p.clearanceClaim() == null ? "samla_clearance" : p.clearanceClaim());
    }

    private static List<Unit> flatten(String where, TenantId tenant, List<TenantConfigurationFile.UnitEntry> entries) {
        require(entries != null && !entries.isEmpty(), where + "field 'units' must list at least one unit");
        List<Unit> result = new ArrayList<>();
        for (TenantConfigurationFile.UnitEntry administration : entries) {
            result.add(unit(where, tenant, administration, null, Unit.Kind.ADMINISTRATION));
            if (administration.sections() != null) {
                for (TenantConfigurationFile.UnitEntry section : administration.sections()) {
                    require(section.sections() == null, where + "unit " + section.code() + " is too deep");
                    result.add(unit(where, tenant, section, administration.code(), Unit.Kind.SECTION));
                }
            }
        }
        require(result.stream().map(Unit::code).distinct().count() == result.size(), where + "unit codes repeat");
        return List.copyOf(result);
    }

    private static Unit unit(
            String where, TenantId tenant, TenantConfigurationFile.UnitEntry entry, String parent, Unit.Kind kind) {
        require(
                entry.code() != null && entry.code().matches("[A-ZÅÄÖ0-9-]{1,20}"),
                where + "unit code '" + entry.code() + "' must be 1-20 capital letters, digits or '-'");
        require(entry.name() != null, where + "unit " + entry.code() + " has no name");
        return new Unit(unitId(tenant, entry.code()), tenant, entry.code(), entry.name(), parent, kind);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public List<Tenant> all() {
        return byId.values().stream().sorted(Comparator.comparing(Tenant::name)).toList();
    }

    @Override
    public Optional<Tenant> byId(TenantId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Tenant> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    @Override
    public Optional<Tenant> byHost(String host) {
        return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Path configurationDirectory(TenantId tenant) {
        return directories.get(tenant);
    }

    @Override
    public List<Unit> units(TenantId tenant) {
        return units.getOrDefault(tenant, List.of());
    }

    @Override
    public Optional<Unit> unit(TenantId tenant, String code) {
        return units(tenant).stream().filter(u -> u.code().equals(code)).findFirst();
    }
}
