package se.samla.audit;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** For administrators: is the audit chain intact, and what are the latest entries. */
@Controller
class AuditController {

    private final ChainChecks checks;

    AuditController(ChainChecks checks) {
        this.checks = checks;
    }

    @GetMapping("/admin/granskningslogg")
    String page(Model model) {
        var overview = checks.overview(CurrentTenant.require(), 50);
        model.addAttribute("verification", overview.verification());
        model.addAttribute("entries", overview.latest());
        return "audit/audit-log";
    }

    /** The same check for monitoring: 200 with {"intact": true} or a list of findings. */
    @GetMapping(path = "/admin/granskningslogg/verifiering", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    VerificationReport verify() {
        TenantId tenant = CurrentTenant.require();
        ChainVerification result = checks.verifyAndRecord(tenant);
        return new VerificationReport(tenant.toString(), result.intact(), result.entriesChecked(), result.findings());
    }

    record VerificationReport(
            String tenant, boolean intact, long entriesChecked, java.util.List<ChainVerification.Finding> findings) {}
}
