package se.samla.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import se.samla.tenancy.TenantPaths;

/**
 * Who a request comes from, by its path within the tenant: a person's browser, an API client or an
 * Open311 client. Each gets its errors in its own format.
 */
enum Channel {
    PAGE, API, OPEN311;

    static Channel of(HttpServletRequest request) {
        String path = path(request);
        String within = path.startsWith("/t/") ? path.substring(Math.max(3, path.indexOf('/', 3))) : path;
        if (within.startsWith("/api/")) {
            return API;
        }
        if (within.startsWith("/open311/")) {
            return OPEN311;
        }
        return PAGE;
    }

    /** The path the client asked for, also on an error dispatch and after the tenant prefix was taken off. */
    static String path(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original instanceof String uri) {
            return uri.substring(request.getContextPath().length());
        }
        Object forwarded = request.getAttribute(TenantPaths.ORIGINAL_PATH);
        String uri = forwarded instanceof String f ? f : request.getRequestURI();
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }

    /** Open311 answers in XML unless the path ends in .json (its default format is XML). */
    static boolean wantsJson(HttpServletRequest request) {
        return path(request).endsWith(".json");
    }
}
