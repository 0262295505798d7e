package se.samla.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.tenancy.Tenants;

/** The start pages: a tenant's own, the installation's list of tenants, and each user's landing page. */
@Controller
class HomeController {

    private final Tenants tenants;
    private final java.util.List<StaffDesks> desks;

    HomeController(Tenants tenants, java.util.List<StaffDesks> desks) {
        this.tenants = tenants;
        this.desks = java.util.List.copyOf(desks);
    }

    @GetMapping("/")
    String tenantHome() {
        return "web/home";
    }

    @GetMapping("/_samla/platform-home")
    String platformHome(Model model) {
        model.addAttribute("tenants", tenants.all());
        return "web/platform-home";
    }

    @GetMapping("/personal")
    String staffHome(Model model) {
        var staff = (SignedInUser.Staff) CurrentUser.get().orElseThrow();
        var tenant = tenants.current();
        model.addAttribute("staff", staff);
        model.addAttribute(
                "desks", desks.stream().flatMap(d -> d.deskFor(staff).stream()).toList());
        model.addAttribute(
                "units",
                tenants.units(tenant.id()).stream()
                        .filter(unit -> staff.rolesByUnit().containsKey(unit.code()))
                        .toList());
        return "web/staff-home";
    }
}
