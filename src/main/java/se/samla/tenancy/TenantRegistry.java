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
import se.samla.shared.FederationId;
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
    private final Map<String, Federation> federations = new LinkedHashMap<>();

    TenantRegistry(TenancySettings settings, Environment environment) {
        for (Path file : tenantFiles(settings.configDirectory())) {
            add(file, read(file, environment, TenantConfigurationFile.class, "tenant"));
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException(
                    "No tenants configured: add " + settings.configDirectory() + "/<slug>/tenant.yml (see README)");
        }
        if (settings.federationsDirectory() != null && Files.isDirectory(settings.federationsDirectory())) {
            for (Path file : configurationFiles(settings.federationsDirectory(), "federation.yml")) {
                addFederation(file, read(file, environment, FederationConfigurationFile.class, "federation"));
            }
        }
    }

    static FederationId federationId(String slug) {
        return new FederationId(UUID.nameUUIDFromBytes(("samla:federation:" + slug).getBytes(StandardCharsets.UTF_8)));
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
        return configurationFiles(directory, "tenant.yml");
    }

    private static List<Path> configurationFiles(Path directory, String name) {
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.map(folder -> folder.resolve(name))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(Path file, Environment environment, Class<T> shape, String what) {
        try {
            String text = environment.resolveRequiredPlaceholders(Files.readString(file));
            return YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(text, shape);
        } catch (JacksonException e) {
            String line = e.getLocation() == null
                    ? "?"
                    : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException(
                    "Invalid " + what + " configuration " + file + " line " + line + ", field '" + e.getPathReference()
                            + "': " + e.getOriginalMessage(),
                    e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot read " + what + " configuration " + file + ": " + e.getMessage(), e);
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
        require(
                config.municipalityCode() == null || config.municipalityCode().matches("[0-9]{4}"),
                where + "field 'municipalityCode' must be the four digits of the kommunkod");
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
                writeLimits(config.rateLimits()),
                places(where, config.places()),
                config.municipalityCode());
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

    /**
     * A federation: its units become units of each member they serve, under the same codes, so that a member's
     * case types, roles and queues use them like the member's own.
     */
    private void addFederation(Path file, FederationConfigurationFile config) {
        String where = "Invalid federation configuration " + file + ": ";
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
                config.members() != null && !config.members().isEmpty(),
                where + "field 'members' must list at least one municipality");
        List<TenantId> members = new ArrayList<>();
        for (String member : config.members()) {
            Tenant tenant = bySlug.get(member);
            require(tenant != null, where + "member '" + member + "' is not a configured municipality");
            require(!members.contains(tenant.id()), where + "member '" + member + "' is listed twice");
            members.add(tenant.id());
        }
        require(
                config.units() != null && !config.units().isEmpty(),
                where + "field 'units' must list at least one unit");
        List<Federation.FederationUnit> fedUnits = new ArrayList<>();
        for (FederationConfigurationFile.UnitEntry administration : config.units()) {
            List<TenantId> serves = administration.serves() == null ? members : new ArrayList<>();
            if (administration.serves() != null) {
                for (String served : administration.serves()) {
                    Tenant tenant = bySlug.get(served);
                    require(
                            tenant != null && members.contains(tenant.id()),
                            where + "unit " + administration.code() + " serves '" + served
                                    + "', which is not a member");
                    serves.add(tenant.id());
                }
                require(!serves.isEmpty(), where + "unit " + administration.code() + " serves no member");
            }
            fedUnits.add(federationUnit(where, administration, null, serves));
            if (administration.sections() != null) {
                for (FederationConfigurationFile.UnitEntry section : administration.sections()) {
                    require(
                            section.sections() == null && section.serves() == null,
                            where + "section " + section.code() + " can have neither sections nor its own 'serves'");
                    fedUnits.add(federationUnit(where, section, administration.code(), serves));
                }
            }
        }
        require(
                fedUnits.stream()
                                .map(Federation.FederationUnit::code)
                                .distinct()
                                .count()
                        == fedUnits.size(),
                where + "unit codes repeat");
        Federation federation =
                new Federation(federationId(config.slug()), config.slug(), config.name(), orgNumber, members, fedUnits);
        // a federation's unit code is the federation's in every member, served or not: a member's own unit of that
        // code would be taken for the federation's at a login
        for (TenantId member : members) {
            for (Federation.FederationUnit unit : fedUnits) {
                require(
                        units.get(member).stream().noneMatch(u -> u.code().equals(unit.code())),
                        where + "unit code " + unit.code() + " is already a unit of "
                                + byId.get(member).slug());
            }
        }
        for (TenantId member : members) {
            List<Unit> memberUnits = new ArrayList<>(units.get(member));
            for (Federation.FederationUnit unit : fedUnits) {
                if (!unit.serves().contains(member)) {
                    continue;
                }
                memberUnits.add(new Unit(
                        unitId(member, unit.code()),
                        member,
                        unit.code(),
                        unit.name(),
                        unit.parentCode(),
                        unit.parentCode() == null ? Unit.Kind.ADMINISTRATION : Unit.Kind.SECTION));
            }
            units.put(member, List.copyOf(memberUnits));
        }
        federations.put(federation.slug(), federation);
    }

    private static Federation.FederationUnit federationUnit(
            String where, FederationConfigurationFile.UnitEntry entry, String parent, List<TenantId> serves) {
        require(
                entry.code() != null && entry.code().matches("[A-ZÅÄÖ0-9-]{1,20}"),
                where + "unit code '" + entry.code() + "' must be 1-20 capital letters, digits or '-'");
        require(entry.name() != null, where + "unit " + entry.code() + " has no name");
        return new Federation.FederationUnit(entry.code(), entry.name(), parent, serves);
    }

    private static Tenant.Places places(String where, TenantConfigurationFile.Places given) {
        if (given == null) {
            return Tenant.Places.NONE;
        }
        List<String> codes = given.postalCodes() == null
                ? List.of()
                : given.postalCodes().stream().map(c -> c.replace(" ", "")).toList();
        for (String code : codes) {
            require(
                    code.matches("[1-9][0-9]{0,4}"),
                    where + "places.postalCodes: '" + code + "' is not the beginning of a postal code");
        }
        return new Tenant.Places(codes, given.towns());
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
    public List<Federation> federations() {
        return List.copyOf(federations.values());
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
