package se.samla.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.samla.audit.ChainVerification.Finding;
import se.samla.audit.ChainVerification.Problem;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log in PostgreSQL. A transaction's entries are appended together just before it commits, locking
 * the tenant's chain head until the commit, so entries of one tenant are chained in commit order.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcAuditLog.class);

    private final JdbcClient jdbc;
    private final ChainKey key;
    private final Clock clock;
    private final TenantTransactions transactions;
    private final JsonMapper jsonMapper;

    JdbcAuditLog(JdbcClient jdbc, ChainKey key, TenantTransactions transactions, Clock clock, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.key = key;
        this.transactions = transactions;
        this.clock = clock;
        this.jsonMapper = jsonMapper;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditRecord record) {
        Pending entry = new Pending(
                CurrentTenant.require(),
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                record.actor().type(),
                record.actor().id(),
                record.action(),
                record.objectType(),
                record.objectId(),
                clientIp(),
                MDC.get("requestId"),
                canonicalJson(record.details()));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            append(List.of(entry));
            return;
        }
        // a synchronization belongs to one transaction: one that runs inside it (REQUIRES_NEW) has its own list
        Batch batch = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(Batch.class::isInstance)
                .map(Batch.class::cast)
                .filter(b -> b.owner() == this)
                .findFirst()
                .orElse(null);
        if (batch != null && batch.flushed) {
            append(List.of(entry));
            return;
        }
        if (batch == null) {
            batch = new Batch();
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        batch.entries.add(entry);
    }

    /**
     * The entries of one transaction, appended to the chain just before it commits. The chain head stays locked
     * from there to the commit, so entries are chained in commit order; taking that lock last, in one statement,
     * keeps every other transaction of the tenant waiting for it as briefly as possible.
     */
    private final class Batch implements TransactionSynchronization {

        final List<Pending> entries = new ArrayList<>();
        boolean flushed;

        @Override
        public int getOrder() {
            // late among the synchronizations; record() must not be called from one's callbacks (see AuditLog)
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushed = true;
            append(entries);
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !flushed && !entries.isEmpty()) {
                // recorded while the commit was already under way, so they are lost: said loudly, never silently
                log.error(
                        "{} audit entries were recorded after their transaction had begun to commit and were not written",
                        entries.size());
            }
        }

        JdbcAuditLog owner() {
            return JdbcAuditLog.this;
        }
    }

    private void append(List<Pending> entries) {
        Map<TenantId, List<Pending>> byTenant = new java.util.LinkedHashMap<>();
        entries.forEach(e ->
                byTenant.computeIfAbsent(e.tenant(), t -> new ArrayList<>()).add(e));
        byTenant.forEach(this::append);
    }

    private void append(TenantId tenant, List<Pending> entries) {
        Head head = claim(tenant, entries.size())
                .or(() -> {
                    jdbc.sql("INSERT INTO audit.chain_head (tenant_id, last_seq, last_hash) VALUES (:t, 0, :g)"
                                    + " ON CONFLICT DO NOTHING")
                            .param("t", tenant.value())
                            .param("g", ChainKey.genesis())
                            .update();
                    return claim(tenant, entries.size());
                })
                .orElseThrow();
        StringBuilder values = new StringBuilder();
        Map<String, Object> params = new java.util.HashMap<>();
        String previous = head.hash();
        for (int i = 0; i < entries.size(); i++) {
            Pending p = entries.get(i);
            Stored entry = new Stored(
                    tenant,
                    head.seq() + 1 + i,
                    p.occurredAt(),
                    p.actorType(),
                    p.actorId(),
                    p.action(),
                    p.objectType(),
                    p.objectId(),
                    p.clientIp(),
                    p.requestId(),
                    p.details(),
                    previous);
            String hash = key.mac(entry.canonical());
            values.append(i == 0 ? "" : ", ")
                    .append("(:tenant, :seq%1$d, :at%1$d, :actorType%1$d, :actorId%1$d, :action%1$d, :objectType%1$d,"
                            .formatted(i))
                    .append(" :objectId%1$d, :ip%1$d, :requestId%1$d, :details%1$d, :prev%1$d, :hash%1$d)"
                            .formatted(i));
            params.put("seq" + i, entry.seq());
            params.put("at" + i, entry.occurredAt().atOffset(ZoneOffset.UTC));
            params.put("actorType" + i, entry.actorType());
            params.put("actorId" + i, entry.actorId());
            params.put("action" + i, entry.action());
            params.put("objectType" + i, entry.objectType());
            params.put("objectId" + i, entry.objectId());
            params.put("ip" + i, entry.clientIp());
            params.put("requestId" + i, entry.requestId());
            params.put("details" + i, entry.details());
            params.put("prev" + i, entry.prevHash());
            params.put("hash" + i, hash);
            previous = hash;
        }
        params.put("tenant", tenant.value());
        params.put("last", previous);
        jdbc.sql("""
                WITH appended AS (
                    INSERT INTO audit.entry (tenant_id, seq, occurred_at, actor_type, actor_id, action, object_type,
                        object_id, client_ip, request_id, details, prev_hash, hash)
                    VALUES %s)
                UPDATE audit.chain_head SET last_hash = :last WHERE tenant_id = :tenant
                """.formatted(values)).params(params).update();
    }

    /** Takes the next numbers of the tenant's chain, locking its head until the commit; empty before its first entry. */
    private java.util.Optional<Head> claim(TenantId tenant, int count) {
        return jdbc.sql("""
                UPDATE audit.chain_head SET last_seq = last_seq + :n WHERE tenant_id = :t
                RETURNING last_seq - :n, last_hash
                """)
                .param("n", count)
                .param("t", tenant.value())
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /** An entry as recorded, before it has its place in the chain. */
    private record Pending(
            TenantId tenant,
            Instant occurredAt,
            String actorType,
            String actorId,
            String action,
            String objectType,
            String objectId,
            String clientIp,
            String requestId,
            String details) {}

    @Override
    public ChainVerification verify(TenantId tenant) {
        return transactions.read(tenant, () -> {
            List<Finding> findings = new ArrayList<>();
            long[] expected = {1};
            String[] previous = {ChainKey.genesis()};
            long[] checked = {0};
            jdbc.sql("SELECT * FROM audit.entry WHERE tenant_id = :t ORDER BY seq")
                    .param("t", tenant.value())
                    .query(rs -> {
                        Stored entry = read(tenant, rs);
                        checked[0]++;
                        for (long missing = expected[0]; missing < entry.seq(); missing++) {
                            findings.add(new Finding(missing, Problem.MISSING));
                        }
                        if (!key.mac(entry.canonical()).equals(rs.getString("hash"))) {
                            findings.add(new Finding(entry.seq(), Problem.ALTERED));
                        }
                        if (!entry.prevHash().equals(previous[0])) {
                            findings.add(new Finding(entry.seq(), Problem.BROKEN_LINK));
                        }
                        previous[0] = rs.getString("hash");
                        expected[0] = entry.seq() + 1;
                    });
            long lastRecorded = jdbc.sql("SELECT last_seq FROM audit.chain_head WHERE tenant_id = :t")
                    .param("t", tenant.value())
                    .query(Long.class)
                    .optional()
                    .orElse(0L);
            long lastPresent = expected[0] - 1;
            for (long missing = lastPresent + 1; missing <= lastRecorded; missing++) {
                findings.add(new Finding(missing, Problem.MISSING));
            }
            if (lastPresent > lastRecorded) {
                for (long extra = Math.max(lastRecorded + 1, 1); extra <= lastPresent; extra++) {
                    findings.add(new Finding(extra, Problem.UNEXPECTED));
                }
            }
            return new ChainVerification(tenant, checked[0], List.copyOf(findings));
        });
    }

    @Override
    public List<AuditEntry> latest(TenantId tenant, int limit) {
        return transactions.read(
                tenant,
                () -> jdbc.sql("SELECT * FROM audit.entry WHERE tenant_id = :t ORDER BY seq DESC LIMIT :n")
                        .param("t", tenant.value())
                        .param("n", limit)
                        .query((rs, n) -> entry(tenant, rs))
                        .list());
    }

    @Override
    public List<AuditEntry> about(
            TenantId tenant,
            String objectType,
            java.util.Collection<String> objectIds,
            java.util.Collection<String> actions,
            int limit) {
        if (objectIds.isEmpty() || actions.isEmpty()) {
            return List.of();
        }
        return transactions.read(
                tenant,
                () -> jdbc.sql("""
                SELECT * FROM audit.entry WHERE tenant_id = :t AND object_type = :type AND object_id IN (:ids)
                  AND action IN (:actions) ORDER BY seq DESC LIMIT :n
                """)
                        .param("t", tenant.value())
                        .param("type", objectType)
                        .param("ids", objectIds)
                        .param("actions", actions)
                        .param("n", limit)
                        .query((rs, n) -> entry(tenant, rs))
                        .list());
    }

    private static AuditEntry entry(TenantId tenant, ResultSet rs) throws SQLException {
        Stored s = read(tenant, rs);
        return new AuditEntry(
                s.seq(),
                s.occurredAt(),
                s.actorType(),
                s.actorId(),
                s.action(),
                s.objectType(),
                s.objectId(),
                s.clientIp(),
                s.requestId(),
                s.details());
    }

    private static Stored read(TenantId tenant, ResultSet rs) throws SQLException {
        return new Stored(
                tenant,
                rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_type"),
                rs.getString("actor_id"),
                rs.getString("action"),
                rs.getString("object_type"),
                rs.getString("object_id"),
                rs.getString("client_ip"),
                rs.getString("request_id"),
                rs.getString("details"),
                rs.getString("prev_hash"));
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private String canonicalJson(Map<String, String> details) {
        return jsonMapper.writeValueAsString(new TreeMap<>(details));
    }

    private record Head(long seq, String hash) {}

    /** The fields that the hash covers, in a fixed order. */
    private record Stored(
            TenantId tenant,
            long seq,
            Instant occurredAt,
            String actorType,
            String actorId,
            String action,
            String objectType,
            String objectId,
            String clientIp,
            String requestId,
            String details,
            String prevHash) {

        String canonical() {
            return String.join(
                    "\u001f",
                    tenant.toString(),
                    Long.toString(seq),
                    occurredAt.toString(),
                    actorType,
                    String.valueOf(actorId),
                    action,
                    String.valueOf(objectType),
                    String.valueOf(objectId),
                    String.valueOf(clientIp),
                    String.valueOf(requestId),
                    details,
                    prevHash);
        }
    }
}
