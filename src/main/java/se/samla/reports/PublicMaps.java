package se.samla.reports;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Service;

/** A map of the tenant (its tile source, centre and zoom) for other modules' pages, such as open data. */
@Service
public class PublicMaps {

    private final ReportViews views;

    PublicMaps(ReportViews views) {
        this.views = views;
    }

    /** A map that draws the GeoJSON at {@code dataUrl} (a path within the tenant). */
    public MapView of(String dataUrl) {
        return views.map(dataUrl, false, null);
    }

    /** Lets the page load the tenant's tiles (its content security policy). */
    public void allowTiles(HttpServletResponse response) {
        views.allowTiles(response);
    }
}
