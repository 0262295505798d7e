package se.samla.reports;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import se.samla.catalog.Catalog;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** What the report pages share: names and statuses in the reader's language, dates, maps. */
@Component
class ReportViews {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(SwedishTime.ZONE);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SwedishTime.ZONE);

    private final Catalog catalog;
    private final TenantReportSettings settings;

    ReportViews(Catalog catalog, TenantReportSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    String categoryName(String code) {
        return catalog.current(CurrentTenant.require(), code)
                .map(t -> t.definition().name().in(locale()))
                .orElse(code);
    }

    /** The status as residents read it. */
    String status(String category, String code) {
        return catalog.current(CurrentTenant.require(), category)
                .flatMap(t -> t.definition().status(code))
                .map(s -> s.resident().in(locale()))
                .orElse(code);
    }

    static String day(Instant at) {
        return DAY.format(at);
    }

    static String minute(Instant at) {
        return MINUTE.format(at);
    }

    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static String metres(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    MapView map(String dataUrl, boolean pickable, Position marker) {
        var s = settings.of(CurrentTenant.require());
        Position center = marker != null ? marker : s.center();
        return new MapView(
                s.tileUrl(),
                s.tileAttribution(),
                center.latitude(),
                center.longitude(),
                marker != null ? Math.max(s.zoom(), 16) : s.zoom(),
                dataUrl,
                pickable,
                marker == null ? null : marker.latitude(),
                marker == null ? null : marker.longitude());
    }

    /**
     * Lets a map page load the tenant's tiles: the page's own content security policy, the application's
     * with the tile server added as an image source.
     */
    void allowTiles(HttpServletResponse response) {
        String tiles = settings.of(CurrentTenant.require()).tileUrl();
        String origin = "";
        if (!tiles.isBlank()) {
            URI uri = URI.create(tiles.replace("{s}", "a")
                    .replace("{z}", "0")
                    .replace("{x}", "0")
                    .replace("{y}", "0")
                    .replace("{r}", ""));
            if (uri.getScheme() != null && uri.getHost() != null) {
                origin = " " + uri.getScheme() + "://"
                        + (tiles.contains("{s}.")
                                ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                                : uri.getHost())
                        + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            }
        }
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:" + origin
                        + "; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
    }

    static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
