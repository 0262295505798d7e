package se.samla.identity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import se.samla.tenancy.Tenants;

/** The login choice (resident or staff) and the page that explains a refused login. */
@Controller
class LoginController {

    private final Tenants tenants;

    LoginController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping(SecurityConfiguration.LOGIN_PAGE)
    String login(Model model) {
        var tenant = tenants.current();
        model.addAttribute(
                "residentLogin",
                "/oauth2/authorization/" + TenantClientRegistrations.RegistrationName.of(tenant, false));
        model.addAttribute(
                "staffLogin", "/oauth2/authorization/" + TenantClientRegistrations.RegistrationName.of(tenant, true));
        return "identity/login";
    }

    @GetMapping(SecurityConfiguration.LOGIN_FAILED_PAGE)
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    String failed(@RequestParam(name = "orsak", defaultValue = "unknown") String reason, Model model) {
        model.addAttribute("reason", reason.matches("[a-z_]{1,40}") ? reason : "unknown");
        return "identity/login-failed";
    }
}
