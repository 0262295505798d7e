package se.samla.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import se.samla.identity.CurrentUser;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.TenantPaths;
import se.samla.tenancy.Tenants;

/** Gives every page its {@link Page}. */
@ControllerAdvice
class PageAdvice {

    private final MessageSource messages;
    private final Tenants tenants;

    PageAdvice(MessageSource messages, Tenants tenants) {
        this.messages = messages;
        this.tenants = tenants;
    }

    @ModelAttribute("page")
    Page page(HttpServletRequest request) {
        var tenant = CurrentTenant.get().flatMap(tenants::byId).orElse(null);
        String rootPath = request.getServletContext().getContextPath();
        String forwardedFrom = (String) request.getAttribute(TenantPaths.ORIGINAL_PATH);
        String basePath = tenant == null ? rootPath : request.getContextPath();
        String uri = forwardedFrom != null ? forwardedFrom : request.getRequestURI();
        String current = uri.startsWith(basePath) ? uri.substring(basePath.length()) : uri;
        return new Page(
                new Messages(messages, RequestContextUtils.getLocale(request)),
                tenant,
                CurrentUser.get().orElse(null),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                basePath,
                rootPath,
                current.isEmpty() ? "/" : current);
    }
}
