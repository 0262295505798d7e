package se.samla.audit;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.TenantId;

/** What administrators see of the audit log: the chain verified, and its latest entries. A check is itself audited. */
@Service
class ChainChecks {

    record Overview(ChainVerification verification, List<AuditEntry> latest) {}

    private final AuditLog audit;

    ChainChecks(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    Overview overview(TenantId tenant, int latest) {
        return new Overview(audit.verify(tenant), audit.latest(tenant, latest));
    }

    /** Verifies the chain and notes in it that it was verified, by whom and with what result. */
    @Transactional
    ChainVerification verifyAndRecord(TenantId tenant) {
        ChainVerification result = audit.verify(tenant);
        audit.record(new AuditRecord(
                Actor.current(),
                "AUDIT_CHAIN_VERIFIED",
                "audit-chain",
                tenant.toString(),
                Map.of(
                        "intact",
                        Boolean.toString(result.intact()),
                        "entries",
                        Long.toString(result.entriesChecked()))));
        return result;
    }
}
