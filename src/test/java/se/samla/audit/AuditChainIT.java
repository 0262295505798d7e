package se.samla.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import se.samla.SamlaIntegrationTest;
import se.samla.audit.ChainVerification.Finding;
import se.samla.audit.ChainVerification.Problem;
import se.samla.platform.TestDatabase;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/**
 * The audit chain finds any changed, removed or inserted entry. The tampering is done the way an intruder
 * with full database access would: as a superuser, with the append-only trigger switched off. Each test
 * puts the chain back as it was, so the shared test database stays intact for the others.
 */
class AuditChainIT extends SamlaIntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    TenantId tenant;
    long first;

    @BeforeEach
    void writeFiveEntries() {
        tenant = tenants.bySlug("trollhattan").orElseThrow().id();
        for (int i = 0; i < 5; i++) {
            record("TEST_ACTION", "object-" + i);
        }
        first = lastSeq() - 4;
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    void record(String action, String objectId) {
        CurrentTenant.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> audit.record(
                        new AuditRecord(Actor.system("test"), action, "thing", objectId, Map.of("n", objectId)))));
    }

    long lastSeq() {
        return audit.latest(tenant, 1).get(0).seq();
    }

    @Test
    void anIntactChainChecksOut() {
        ChainVerification result = audit.verify(tenant);
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aChangedEntryIsFound() throws Exception {
        long target = first + 2;
        tamper("UPDATE audit.entry SET object_id = 'someone-else' WHERE tenant_id = ? AND seq = ?", target);
        try {
            assertThat(audit.verify(tenant).findings()).containsExactly(new Finding(target, Problem.ALTERED));
        } finally {
            tamper("UPDATE audit.entry SET object_id = 'object-2' WHERE tenant_id = ? AND seq = ?", target);
        }
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    @Test
    void aRemovedEntryIsFound() throws Exception {
        long target = first + 1;
        Map<String, Object> saved = row(target);
        tamper("DELETE FROM audit.entry WHERE tenant_id = ? AND seq = ?", target);
        try {
            assertThat(audit.verify(tenant).findings())
                    .containsExactly(
                            new Finding(target, Problem.MISSING), new Finding(target + 1, Problem.BROKEN_LINK));
        } finally {
            restore(saved);
        }
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    @Test
    void removingTheNewestEntriesIsFound() throws Exception {
        long last = lastSeq();
        Map<String, Object> saved = row(last);
        tamper("DELETE FROM audit.entry WHERE tenant_id = ? AND seq = ?", last);
        try {
            assertThat(audit.verify(tenant).findings()).containsExactly(new Finding(last, Problem.MISSING));
        } finally {
            restore(saved);
        }
    }

    @Test
    void anInsertedEntryIsFound() throws Exception {
        long last = lastSeq();
        Map<String, Object> forged = row(last);
        forged.put("seq", last + 1);
        forged.put("prev_hash", forged.get("hash"));
        forged.put("action", "FORGED");
        restore(forged);
        try {
            assertThat(audit.verify(tenant).findings())
                    .containsExactly(new Finding(last + 1, Problem.ALTERED), new Finding(last + 1, Problem.UNEXPECTED));
        } finally {
            tamper("DELETE FROM audit.entry WHERE tenant_id = ? AND seq = ?", last + 1);
        }
    }

    @Test
    void anEntryReplacedInTheMiddleIsFound() throws Exception {
        long target = first + 3;
        Map<String, Object> original = row(target);
        Map<String, Object> replacement = new LinkedHashMap<>(original);
        replacement.put("action", "LOGIN");
        replacement.put("hash", "f".repeat(64));
        tamper("DELETE FROM audit.entry WHERE tenant_id = ? AND seq = ?", target);
        restore(replacement);
        try {
            assertThat(audit.verify(tenant).findings())
                    .containsExactly(
                            new Finding(target, Problem.ALTERED), new Finding(target + 1, Problem.BROKEN_LINK));
        } finally {
            tamper("DELETE FROM audit.entry WHERE tenant_id = ? AND seq = ?", target);
            restore(original);
        }
    }

    @Test
    void theApplicationCannotChangeOrRemoveEntries() {
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        tenant,
                        () -> transactions.executeWithoutResult(
                                status -> jdbc.sql("UPDATE audit.entry SET action = 'X' WHERE seq = :seq")
                                        .param("seq", first)
                                        .update())))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        tenant,
                        () -> transactions.executeWithoutResult(
                                status -> jdbc.sql("DELETE FROM audit.entry WHERE seq = :seq")
                                        .param("seq", first)
                                        .update())))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void anEntryIsCommittedWithItsChangeOrNotAtAll() {
        String marker = UUID.randomUUID().toString();
        CurrentTenant.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    audit.record(AuditRecord.of(Actor.system("test"), "ROLLED_BACK", "thing", marker));
                    status.setRollbackOnly();
                }));
        Integer count = CurrentTenant.callAs(
                tenant,
                () -> transactions.execute(status -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE object_id = :m")
                        .param("m", marker)
                        .query(Integer.class)
                        .single()));
        assertThat(count).isZero();
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    @Test
    void aTransactionsEntriesAreChainedInTheOrderOfCommits() throws Exception {
        String slow = UUID.randomUUID().toString();
        String quick = UUID.randomUUID().toString();
        var recorded = new java.util.concurrent.CountDownLatch(1);
        var quickDone = new java.util.concurrent.CountDownLatch(1);
        var longer = java.util.concurrent.CompletableFuture.runAsync(() -> CurrentTenant.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    audit.record(AuditRecord.of(Actor.system("test"), "FIRST_OF_TWO", "thing", slow));
                    audit.record(AuditRecord.of(Actor.system("test"), "SECOND_OF_TWO", "thing", slow));
                    recorded.countDown();
                    await(quickDone);
                })));
        await(recorded);
        // another transaction of the tenant, begun and committed while the first is open, is not held up by it
        var shorter = java.util.concurrent.CompletableFuture.runAsync(() -> record("QUICK", quick));
        shorter.get(30, java.util.concurrent.TimeUnit.SECONDS);
        quickDone.countDown();
        longer.get(30, java.util.concurrent.TimeUnit.SECONDS);

        Map<String, Long> seqs = new LinkedHashMap<>();
        audit.latest(tenant, 3).forEach(e -> seqs.put(e.action(), e.seq()));
        assertThat(seqs).containsOnlyKeys("QUICK", "FIRST_OF_TWO", "SECOND_OF_TWO");
        assertThat(seqs.get("FIRST_OF_TWO")).isEqualTo(seqs.get("QUICK") + 1);
        assertThat(seqs.get("SECOND_OF_TWO")).isEqualTo(seqs.get("QUICK") + 2);
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    @Test
    void aTransactionOfItsOwnKeepsItsEntryWhenTheOuterOneRollsBack() {
        String outer = UUID.randomUUID().toString();
        String inner = UUID.randomUUID().toString();
        TransactionTemplate separately = new TransactionTemplate(transactions.getTransactionManager());
        separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        CurrentTenant.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    audit.record(AuditRecord.of(Actor.system("test"), "OUTER", "thing", outer));
                    separately.executeWithoutResult(
                            s -> audit.record(AuditRecord.of(Actor.system("test"), "INNER", "thing", inner)));
                    status.setRollbackOnly();
                }));
        assertThat(audit.latest(tenant, 1))
                .singleElement()
                .satisfies(e -> assertThat(e.objectId()).isEqualTo(inner));
        assertThat(audit.about(tenant, "thing", java.util.List.of(outer), java.util.List.of("OUTER"), 10))
                .isEmpty();
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        tenant, () -> audit.record(AuditRecord.of(Actor.system("test"), "LOOSE", "thing", "x"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private void tamper(String sql, long seq) throws Exception {
        try (Connection c = TestDatabase.superuser(context);
                Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, tenant.value());
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
        }
    }

    private Map<String, Object> row(long seq) throws Exception {
        try (Connection c = TestDatabase.superuser(context);
                PreparedStatement ps =
                        c.prepareStatement("SELECT * FROM audit.entry WHERE tenant_id = ? AND seq = ?")) {
            ps.setObject(1, tenant.value());
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    private void restore(Map<String, Object> row) throws Exception {
        String columns = String.join(", ", row.keySet());
        String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        try (Connection c = TestDatabase.superuser(context);
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO audit.entry (" + columns + ") VALUES (" + marks + ")")) {
            int i = 1;
            for (Object value : row.values()) {
                ps.setObject(i++, value);
            }
            ps.executeUpdate();
        }
    }
}
