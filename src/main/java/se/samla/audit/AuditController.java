package se.samla.audit;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import se.samla.platform.TenantTransactions;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** For administrators: is the audit chain intact, and what are the latest entries. */
@Controller
class AuditController {

    private final AuditLog audit;
    private final TenantTransactions transactions;

    AuditController(AuditLog audit, TenantTransactions transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @GetMapping("/admin/granskningslogg")
    String page(Model model) {
        TenantId tenant = CurrentTenant.require();
        model.addAttribute("verification", audit.verify(tenant));
        model.addAttribute("entries", audit.latest(tenant, 50));
        return "audit/audit-log";
    }

    /** The same check for monitoring: 200 with {"intact": true} or a list of findings. */
    @GetMapping(path = "/admin/granskningslogg/verifiering", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    VerificationReport verify() {
        TenantId tenant = CurrentTenant.require();
        ChainVerification result = audit.verify(tenant);
        transactions.run(tenant, () -> audit.record(new AuditRecord(Actor.current(),
                "AUDIT_CHAIN_VERIFIED", "audit-chain", tenant.toString(),
                Map.of("intact", Boolean.toString(result.intact()), "entries", Long.toString(result.entriesChecked())))));
        return new VerificationReport(tenant.toString(), result.intact(), result.entriesChecked(), result.findings());
    }

    record VerificationReport(String tenant, boolean intact, long entriesChecked, java.util.List<ChainVerification.Finding> findings) {
    }
}
