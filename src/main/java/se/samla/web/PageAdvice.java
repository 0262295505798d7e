package se.samla.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import se.samla.identity.CurrentUser;
import se.samla.identity.Representation;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.TenantPaths;
import se.samla.tenancy.Tenants;

/** Gives every page its {@link Page}. */
@ControllerAdvice
class PageAdvice {

    private final MessageSource messages;
    private final Tenants tenants;
    private final Representation representation;
    private final ToDoList toDo;
    private final Languages languages;

    PageAdvice(
            MessageSource messages,
            Tenants tenants,
            Representation representation,
            ToDoList toDo,
            Languages languages) {
        this.languages = languages;
        this.toDo = toDo;
        this.messages = messages;
        this.tenants = tenants;
        this.representation = representation;
    }

    @ModelAttribute("page")
    Page page(HttpServletRequest request) {
        var tenant = CurrentTenant.get().flatMap(tenants::byId).orElse(null);
        String rootPath = request.getServletContext().getContextPath();
        String forwardedFrom = (String) request.getAttribute(TenantPaths.ORIGINAL_PATH);
        String basePath = tenant == null ? rootPath : request.getContextPath();
        String uri = forwardedFrom != null ? forwardedFrom : request.getRequestURI();
        String current = uri.startsWith(basePath) ? uri.substring(basePath.length()) : uri;
        var user = CurrentUser.get().orElse(null);
        return new Page(
                new Messages(messages, RequestContextUtils.getLocale(request)),
                tenant,
                user,
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                basePath,
                rootPath,
                current.isEmpty() ? "/" : current,
                user instanceof SignedInUser.Resident resident
                        ? new ActingFor(request, resident, representation)
                        : null,
                user instanceof SignedInUser.Resident resident && tenant != null
                        ? new ToDoCount(() -> toDo.countOwn(resident))
                        : null,
                languages.offered());
    }
}
