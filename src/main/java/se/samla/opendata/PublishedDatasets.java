package se.samla.opendata;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;

/** The datasets of the current tenant, and which of them an administrator has switched off. */
@Service
class PublishedDatasets {

    private final List<Dataset> builtIn;
    private final UploadedDatasets uploaded;
    private final SensorDatasets sensors;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final AuditLog audit;

    PublishedDatasets(
            List<Dataset> builtIn,
            UploadedDatasets uploaded,
            SensorDatasets sensors,
            JdbcClient jdbc,
            TenantTransactions transactions,
            AuditLog audit) {
        this.builtIn =
                builtIn.stream().sorted(Comparator.comparing(Dataset::id)).toList();
        this.uploaded = uploaded;
        this.sensors = sensors;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Every dataset of the current tenant, published or not: the built-in ones, those of its published sensor types,
     * then the uploaded ones by title.
     */
    List<Dataset> all() {
        var all = new java.util.ArrayList<>(builtIn);
        all.addAll(sensors.datasets());
        all.addAll(uploaded.datasets());
        return all;
    }

    /** The ids built-in datasets, the catalogue and the administrator's pages have, which no upload may take. */
    Set<String> reservedIds() {
        var ids =
                new java.util.HashSet<String>(builtIn.stream().map(Dataset::id).toList());
        ids.addAll(List.of("dcat", "ny", "minsta-grupp"));
        sensors.datasets().forEach(d -> ids.add(d.id()));
        return ids;
    }

    Set<String> switchedOff() {
        return transactions.read(
                CurrentTenant.require(),
                () -> jdbc.sql(
                                "SELECT dataset FROM opendata.dataset_setting WHERE tenant_id = :tenant AND NOT published")
                        .param("tenant", CurrentTenant.require().value())
                        .query(String.class)
                        .set());
    }

    /** The datasets the public sees. */
    List<Dataset> published() {
        Set<String> off = switchedOff();
        return all().stream().filter(d -> !off.contains(d.id())).toList();
    }

    Optional<Dataset> published(String id) {
        return published().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Publishes exactly the datasets named; the rest are switched off. Unknown names are ignored. */
    void publishOnly(Set<String> ids, String byAuditId) {
        List<Dataset> all = all();
        transactions.run(CurrentTenant.require(), () -> {
            for (Dataset d : all) {
                boolean publish = ids.contains(d.id());
                jdbc.sql("""
                        INSERT INTO opendata.dataset_setting (tenant_id, dataset, published, changed_by, changed_at)
                        VALUES (:t, :d, :p, :by, now())
                        ON CONFLICT (tenant_id, dataset) DO UPDATE SET published = :p, changed_by = :by, changed_at = excluded.changed_at
                        """)
                        .param("t", CurrentTenant.require().value())
                        .param("d", d.id())
                        .param("p", publish)
                        .param("by", byAuditId)
                        .update();
            }
            audit.record(new AuditRecord(
                    Actor.of(byAuditId),
                    "OPEN_DATA_CHANGED",
                    "tenant",
                    CurrentTenant.require().toString(),
                    Map.of(
                            "published",
                            all.stream().map(Dataset::id).filter(ids::contains).collect(Collectors.joining(",")))));
        });
    }
}
