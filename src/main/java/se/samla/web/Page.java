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
 * @param languages   the languages offered, for the language switch
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
        ToDoCount toDo,
        java.util.List<Locale> languages) {

    public Page {
        languages = languages == null
                ? java.util.List.of(Languages.SWEDISH, Locale.ENGLISH)
                : java.util.List.copyOf(languages);
    }

    public Page(
            Messages messages,
            Tenant tenant,
            SignedInUser user,
            CsrfToken csrf,
            String basePath,
            String rootPath,
            String currentPath) {
        this(messages, tenant, user, csrf, basePath, rootPath, currentPath, null, null, null);
    }

    public String t(String key, Object... args) {
        return messages.t(key, args);
    }

    /** The page's language as a BCP 47 tag, for its lang attribute. */
    public String lang() {
        return messages.locale().toLanguageTag();
    }

    /** Which way the page's language is written: "rtl" mirrors the layout. */
    public String direction() {
        return Languages.rightToLeft(messages.locale()) ? "rtl" : "ltr";
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

    /** The languages offered besides the one shown, for the language switch. */
    public java.util.List<Locale> otherLanguages() {
        return languages.stream()
                .filter(l -> !l.toLanguageTag().equals(messages.locale().toLanguageTag()))
                .toList();
    }

    /** This page in another language; the choice is then kept. */
    public String languageUrl(Locale language) {
        return basePath + currentPath + "?lang=" + language.toLanguageTag();
    }

    /** A language's name in that language, as a reader of it looks for it. */
    public static String languageName(Locale language) {
        String name = language.getDisplayName(language);
        return name.isEmpty()
                ? language.toLanguageTag()
                : name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }
}
