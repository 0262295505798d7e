package se.samla.reports;

import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.guide.SearchQuery;
import se.samla.guide.SearchSource;

/**
 * Open problem reports near an address, in the one search: when what was typed is an address of the municipality (a
 * street's name and a number), the open reports the public sees within {@link #METRES} of it, nearest first.
 */
@Component
class NearbyReportsSearch implements SearchSource {

    static final int METRES = 300;
    private static final int SHOWN = 5;

    private final Geocoder geocoder;
    private final ReportStore store;
    private final ReportViews views;
    private final MessageSource messages;

    NearbyReportsSearch(Geocoder geocoder, ReportStore store, ReportViews views, MessageSource messages) {
        this.geocoder = geocoder;
        this.store = store;
        this.views = views;
        this.messages = messages;
    }

    /** A street's name and a number: "Edsgatan 12", not "park" (a prefix of Parkgatan) nor "1". */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("(?U).*\\b\\p{L}{3,}.*\\b\\d+.*");

    @Override
    public Optional<Found> search(SearchQuery query) {
        if (!ADDRESS.matcher(query.text()).matches()) {
            return Optional.empty();
        }
        List<Geocoder.Found> addresses = geocoder.find(query.tenant(), query.text());
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        Geocoder.Found address = addresses.get(0);
        List<Report.Nearby> near =
                store.nearby(Sweref99Tm.fromWgs84(address.position()), METRES, null, null, SHOWN, true);
        return Optional.of(new Found(
                Group.NEARBY_REPORTS,
                near.stream()
                        .map(n -> new Hit(
                                views.categoryName(n.report().category()),
                                messages.getMessage(
                                        "reports.search.hit",
                                        new Object[] {
                                            ReportViews.metres(n.metres()),
                                            address.address(),
                                            views.status(
                                                    n.report().category(),
                                                    n.report().status())
                                        },
                                        query.locale()),
                                "/felanmalan/" + n.report().publicId()))
                        .toList(),
                "/felanmalan"));
    }
}
