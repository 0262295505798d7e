package se.samla.tenancy;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The page for a host name or tenant prefix that this installation does not serve. */
@Controller
class UnknownTenantController {

    @RequestMapping(TenantResolutionFilter.UNKNOWN_TENANT_PATH)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String unknown(HttpServletRequest request, Model model) {
        model.addAttribute("host", request.getServerName());
        return "tenancy/unknown-tenant";
    }
}
