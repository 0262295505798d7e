package se.samla.tenancy;

import jakarta.servlet.http.HttpServletRequest;

/** Where another municipality's pages are, seen from the current request: its host, or its prefix on this host. */
public final class TenantLinks {

    private TenantLinks() {}

    /** The address of a path of the target tenant, absolute or from the root of this host. */
    public static String url(Tenant target, HttpServletRequest request, String path) {
        String context = request.getContextPath();
        int prefix = context.lastIndexOf("/t/");
        if (prefix >= 0) {
            // served under /t/{slug} on a platform host: the other municipality is beside it on the same host
            return context.substring(0, prefix) + "/t/" + target.slug() + path;
        }
        if (target.hosts().isEmpty()) {
            return context + "/t/" + target.slug() + path;
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + target.hosts().get(0) + (defaultPort ? "" : ":" + port) + path;
    }
}
