package se.samla.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.samla.identity.CurrentUser;
import se.samla.identity.SignedInUser;
import se.samla.tenancy.Tenants;

/** The installation's list of tenants, and staff's landing page (a tenant's own start page is the guide's). */
@Controller
class HomeController {

    private final Tenants tenants;
    private final java.util.List<StaffDesks> desks;

    HomeController(Tenants tenants, java.util.List<StaffDesks> desks) {
        this.tenants = tenants;
        this.desks = java.util.List.copyOf(desks);
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
