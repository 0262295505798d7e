package se.samla.opendata;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;

/**
 * Each tenant's smallest published group: statistics leave out any cell counting fewer cases, so no one can be
 * singled out. Until an administrator sets it, samla.opendata.smallest-group (5) applies.
 */
@Service
class OpenDataSettings {

    static final int LOWEST = 3;
    static final int HIGHEST = 1000;

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final int standard;

    OpenDataSettings(
            JdbcClient jdbc,
            TenantTransactions transactions,
            AuditLog audit,
            @Value("${samla.opendata.smallest-group:5}") int standard) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.standard = standard;
    }

    int smallestGroup() {
        return transactions.read(
                CurrentTenant.require(),
                () -> jdbc.sql("SELECT smallest_group FROM opendata.tenant_setting WHERE tenant_id = :tenant")
                        .param("tenant", CurrentTenant.require().value())
                        .query(Integer.class)
                        .optional()
                        .orElse(standard));
    }

    void smallestGroup(int smallest, String byAuditId) {
        if (smallest < LOWEST || smallest > HIGHEST) {
            throw new IllegalArgumentException("smallest group " + smallest + " outside " + LOWEST + "-" + HIGHEST);
        }
        transactions.run(CurrentTenant.require(), () -> {
            jdbc.sql("""
                    INSERT INTO opendata.tenant_setting (tenant_id, smallest_group, changed_by, changed_at)
                    VALUES (:t, :s, :by, now())
                    ON CONFLICT (tenant_id) DO UPDATE SET smallest_group = :s, changed_by = :by, changed_at = excluded.changed_at
                    """)
                    .param("t", CurrentTenant.require().value())
                    .param("s", smallest)
                    .param("by", byAuditId)
                    .update();
            audit.record(new AuditRecord(
                    Actor.of(byAuditId),
                    "OPEN_DATA_SMALLEST_GROUP",
                    "tenant",
                    CurrentTenant.require().toString(),
                    Map.of("smallest", String.valueOf(smallest))));
        });
    }
}
