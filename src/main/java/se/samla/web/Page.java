package se.samla.web;

import java.util.Locale;
import org.springframework.security.web.csrf.CsrfToken;
import se.samla.identity.SignedInUser;
import se.samla.tenancy.Tenant;

/**
 * What every page template needs besides its own data: text in the reader's language, the tenant,
 * who is logged in, the CSRF token for forms, and how to link within the tenant.
 *
 * @param basePath    the path every link of this tenant starts with ("" or "/t/{slug}")
 * @param rootPath    the installation's own context path, for assets shared by all tenants
 * @param currentPath the path of this page within the tenant, for the language switch
 * @param acting      for a resident, whom they act for; else null
 * @param toDo        for a resident, how many things wait for them; else null
 */
public record Page(
        Messages messages,
        Tenant tenant,
        SignedInUser user,
        CsrfToken csrf,
        String basePath,
        String rootPath,
        String currentPath,
        ActingFor acting,
        ToDoCount toDo) {

    public Page(
            Messages messages,
            Tenant tenant,
            SignedInUser user,
            CsrfToken csrf,
            String basePath,
            String rootPath,
            String currentPath) {
        this(messages, tenant, user, csrf, basePath, rootPath, currentPath, null, null);
    }

    public String t(String key, Object... args) {
        return messages.t(key, args);
    }

    public String lang() {
        return messages.locale().getLanguage();
    }

    public String url(String path) {
        return basePath + path;
    }

    public String asset(String path) {
        return rootPath + path;
    }

    public String siteName() {
        return tenant == null ? "Samla" : tenant.name();
    }

    public boolean loggedIn() {
        return user != null;
    }

    public boolean resident() {
        return user instanceof SignedInUser.Resident;
    }

    public boolean staff() {
        return user instanceof SignedInUser.Staff;
    }

    public boolean registrar() {
        return user instanceof SignedInUser.Staff s && s.hasRole(se.samla.identity.StaffRole.REGISTRAR);
    }

    public boolean administrator() {
        return user instanceof SignedInUser.Staff s && s.hasRole(se.samla.identity.StaffRole.ADMINISTRATOR);
    }

    /** The other language than the one shown, for the language switch. */
    public Locale otherLanguage() {
        return "en".equals(lang()) ? Locale.forLanguageTag("sv") : Locale.ENGLISH;
    }

    public String languageSwitchUrl() {
        return basePath + currentPath + "?lang=" + otherLanguage().getLanguage();
    }
}
