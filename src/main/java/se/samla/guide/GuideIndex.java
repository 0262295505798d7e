package se.samla.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * What each tenant offers residents, gathered from every module, and the search index built from it. Built at
 * start, after the life events are checked against it; brought up to date every few minutes, since a dataset may be
 * switched off or on while the application runs. The index is only rewritten when what is offered has changed.
 */
@Service
class GuideIndex {

    private final List<GuideItems> modules;
    private final LifeEvents lifeEvents;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final JdbcClient jdbc;
    private final Map<TenantId, List<GuideItem>> offered = new ConcurrentHashMap<>();

    GuideIndex(
            List<GuideItems> modules,
            LifeEvents lifeEvents,
            Tenants tenants,
            TenantTransactions transactions,
            JdbcClient jdbc) {
        this.modules = List.copyOf(modules);
        this.lifeEvents = lifeEvents;
        this.tenants = tenants;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void build() {
        Map<TenantId, List<GuideItem>> all = new LinkedHashMap<>();
        for (Tenant tenant : tenants.all()) {
            all.put(tenant.id(), gather(tenant.id()));
        }
        lifeEvents.check(all);
        all.forEach(this::store);
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "${samla.guide.refresh:PT2M}")
    void refresh() {
        for (Tenant tenant : tenants.all()) {
            List<GuideItem> now = gather(tenant.id());
            if (!now.equals(offered.get(tenant.id()))) {
                store(tenant.id(), now);
            }
        }
    }

    /** What the tenant offers as of the last look: e-services, reports, facilities, datasets. */
    List<GuideItem> offered(TenantId tenant) {
        List<GuideItem> items = offered.get(tenant);
        return items != null ? items : gather(tenant);
    }

    private List<GuideItem> gather(TenantId tenant) {
        return transactions.read(tenant, () -> {
            List<GuideItem> items = new ArrayList<>();
            modules.forEach(module -> items.addAll(module.items(tenant)));
            return List.copyOf(items);
        });
    }

    private void store(TenantId tenant, List<GuideItem> items) {
        List<GuideItem> indexed = new ArrayList<>(items);
        indexed.addAll(lifeEvents.searchable(tenant, items));
        transactions.run(tenant, () -> {
            // two instances starting at once must not interleave their rewrites of one tenant's index
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('samla.guide'), hashtext(:tenant))")
                    .param("tenant", tenant.toString())
                    .query()
                    .listOfRows();
            jdbc.sql("DELETE FROM guide.search_document WHERE tenant_id = :tenant")
                    .param("tenant", CurrentTenant.require().value())
                    .update();
            Map<String, GuideItem> unique = new LinkedHashMap<>();
            indexed.forEach(item -> unique.putIfAbsent(item.kind() + ":" + item.code(), item));
            for (GuideItem item : unique.values()) {
                jdbc.sql("""
                        INSERT INTO guide.search_document
                            (tenant_id, kind, code, name_sv, name_en, summary_sv, summary_en, path, provider, words)
                        VALUES (:tenant, :kind, :code, :nameSv, :nameEn, :summarySv, :summaryEn, :path, :provider,
                                :words)
                        """)
                        .param("tenant", tenant.value())
                        .param("kind", item.kind().name())
                        .param("code", item.code())
                        .param("nameSv", item.name().sv())
                        .param("nameEn", english(item.name()))
                        .param("summarySv", item.summary().sv())
                        .param("summaryEn", english(item.summary()))
                        .param("path", item.path())
                        .param("provider", item.provider())
                        .param("words", item.name().sv() + " " + String.join(" ", item.keywords()))
                        .update();
            }
        });
        offered.put(tenant, items);
    }

    private static String english(se.samla.shared.LocalizedText text) {
        return text.en() == null || text.en().isBlank() ? text.sv() : text.en();
    }
}
