package se.samla.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads every tenant's case types at start and keeps their versions: a definition that differs from
 * the latest stored one becomes a new version; running cases keep the version they started under.
 */
@Service
class CatalogService implements Catalog, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);
    // Not Spring's mapper: the stored hash of this text decides whether a definition is a new version, so the
    // text must not change with spring.jackson.* settings or modules added to the application; if it did, every
    // start after such a change would store a new version of every case type.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Tenants tenants;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Map<TenantId, Map<String, CaseType>> current = new ConcurrentHashMap<>();
    private final Map<String, CaseType> older = new ConcurrentHashMap<>();

    CatalogService(Tenants tenants, JdbcClient jdbc, TenantTransactions transactions) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.transactions = transactions;
        // read and check every file before anything is stored, so a bad file stops the start cleanly
        for (Tenant tenant : tenants.all()) {
            Map<String, CaseType> types = new LinkedHashMap<>();
            for (CaseTypeDefinition definition : CaseTypeFiles.readAll(
                    tenants.configurationDirectory(tenant.id()).resolve("case-types"),
                    code -> tenants.unit(tenant.id(), code).isPresent())) {
                types.put(definition.code(), new CaseType(tenant.id(), definition.code(), 0, definition));
            }
            current.put(tenant.id(), types);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(
                    tenant.id(),
                    () -> current.get(tenant.id()).replaceAll((code, type) -> store(tenant, type.definition())));
        }
    }

    CaseType store(Tenant tenant, CaseTypeDefinition definition) {
        // instances starting at once read the same latest version and would both insert the next one: the
        // second waits here until the first commits, then finds that version stored. One lock per tenant, so
        // two instances never hold one type each and wait for the other's; it ends with the transaction, so
        // a crashed instance never leaves it held.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('samla.catalog'), hashtext(:tenant))")
                .param("tenant", tenant.id().toString())
                .query()
                .listOfRows();
        String json = JSON.writeValueAsString(definition);
        String hash = sha256(json);
        var latest = jdbc.sql("""
                SELECT version, content_hash FROM catalog.case_type_version
                WHERE tenant_id = :tenant AND code = :code ORDER BY version DESC LIMIT 1
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("code", definition.code())
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .optional();
        if (latest.isPresent() && latest.get().getValue().equals(hash)) {
            return new CaseType(tenant.id(), definition.code(), latest.get().getKey(), definition);
        }
        int version = latest.map(v -> v.getKey() + 1).orElse(1);
        jdbc.sql("""
                INSERT INTO catalog.case_type_version (tenant_id, code, version, content_hash, definition, created_at)
                VALUES (:tenant, :code, :version, :hash, CAST(:definition AS jsonb), now())
                """)
                .param("tenant", tenant.id().value())
                .param("code", definition.code())
                .param("version", version)
                .param("hash", hash)
                .param("definition", json)
                .update();
        log.info("Case type {} of {} is now version {}", definition.code(), tenant.slug(), version);
        return new CaseType(tenant.id(), definition.code(), version, definition);
    }

    @Override
    public List<CaseType> current(TenantId tenant) {
        return current.getOrDefault(tenant, Map.of()).values().stream()
                .sorted(Comparator.comparing(t -> t.definition().name().sv()))
                .toList();
    }

    @Override
    public Optional<CaseType> current(TenantId tenant, String code) {
        return Optional.ofNullable(current.getOrDefault(tenant, Map.of()).get(code));
    }

    @Override
    public Optional<CaseType> version(TenantId tenant, String code, int version) {
        Optional<CaseType> now = current(tenant, code).filter(t -> t.version() == version);
        if (now.isPresent()) {
            return now;
        }
        String key = tenant + "/" + code + "/" + version;
        CaseType cached = older.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CaseType> stored = transactions
                .read(
                        tenant,
                        () -> jdbc.sql(
                                        "SELECT definition::text FROM catalog.case_type_version WHERE tenant_id = :tenant AND code = :code AND version = :version")
                                .param("tenant", CurrentTenant.require().value())
                                .param("code", code)
                                .param("version", version)
                                .query(String.class)
                                .optional())
                .map(json -> new CaseType(tenant, code, version, JSON.readValue(json, CaseTypeDefinition.class)));
        stored.ifPresent(type -> older.put(key, type));
        return stored;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
