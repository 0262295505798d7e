package se.samla.reports;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.reports.view.Open311KeysView;
import se.samla.shared.CurrentTenant;

/** Administrators issue and revoke the Open311 api keys of their municipality. */
@Controller
class Open311KeysController {

    private final Open311Keys keys;
    private final TenantReportSettings settings;

    Open311KeysController(Open311Keys keys, TenantReportSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping("/admin/open311")
    String list(Model model) {
        return show(model, null, null, null);
    }

    @PostMapping("/admin/open311")
    String issue(@RequestParam(name = "name", defaultValue = "") String name, Model model) {
        String clean = name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            return show(model, null, null, "reports.admin.name-required");
        }
        var issued = keys.issue(clean, admin().auditId());
        return show(model, issued.key().name(), issued.secret(), null);
    }

    @PostMapping("/admin/open311/{id}/sparra")
    String revoke(@PathVariable String id) {
        UUID key;
        try {
            key = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (!keys.revoke(key, admin().auditId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/admin/open311";
    }

    private String show(Model model, String issuedName, String issuedSecret, String error) {
        var all = keys.all().stream()
                .map(k -> new Open311KeysView.Key(
                        k.id().toString(),
                        k.name(),
                        ReportViews.minute(k.createdAt()),
                        k.revokedAt() == null ? null : ReportViews.minute(k.revokedAt())))
                .toList();
        model.addAttribute(
                "keys",
                new Open311KeysView(
                        all,
                        issuedName,
                        issuedSecret,
                        error,
                        settings.of(CurrentTenant.require()).jurisdiction()));
        return "reports/open311-keys";
    }

    private static SignedInUser.Staff admin() {
        return CurrentUser.requireStaff();
    }
}
