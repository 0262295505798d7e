package se.samla.reports;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import se.samla.tenancy.Tenant;

/**
 * Where a municipality's pages are, for the links in Open311 answers (published photos, discovery): as the client
 * reached this server, with forwarded headers applied when the installation trusts them.
 *
 * @param here              the request's scheme, host, port and context path (with a /t/{slug} prefix if it came by one)
 * @param underTenantPrefix whether it came by a municipality's path prefix
 */
record Open311Links(UriComponents here, boolean underTenantPrefix) {

    static Open311Links of(HttpServletRequest request) {
        return new Open311Links(
                ServletUriComponentsBuilder.fromContextPath(request).build(),
                request.getAttribute(Tenant.class.getName()) != null);
    }

    /** The municipality's base address: the one asked by, or else its own host, or else its path prefix here. */
    String base(Tenant tenant) {
        String host = here.getHost() == null ? "" : here.getHost().toLowerCase(Locale.ROOT);
        if (underTenantPrefix || tenant == null || tenant.hosts().contains(host)) {
            return here.toUriString();
        }
        UriComponentsBuilder elsewhere = UriComponentsBuilder.newInstance().uriComponents(here);
        return (tenant.hosts().isEmpty()
                        ? elsewhere.path("/t/" + tenant.slug())
                        : elsewhere.host(tenant.hosts().get(0)))
                .build()
                .toUriString();
    }
}
