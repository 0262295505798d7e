package se.samla.reports;

import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;

/**
 * Where a report is, from what the reporter gave: coordinates (from the map or typed) or an address.
 * A place far outside the municipality is refused, since no unit of it could act there.
 */
@Component
class Places {

    /** How far from the map's centre a report may lie. */
    static final double MAX_DISTANCE_METRES = 60_000;

    /** The place, or why there is none (in the reader's language). */
    record Place(Position position, String address, String error) {}

    private final Geocoder geocoder;
    private final Areas areas;
    private final TenantReportSettings settings;
    private final MessageSource messages;

    Places(Geocoder geocoder, Areas areas, TenantReportSettings settings, MessageSource messages) {
        this.geocoder = geocoder;
        this.areas = areas;
        this.settings = settings;
        this.messages = messages;
    }

    Place resolve(TenantId tenant, String latitude, String longitude, String address) {
        boolean hasCoordinates = !latitude.isBlank() || !longitude.isBlank();
        if (!se.samla.shared.StorableText.isStorable(address)) {
            return new Place(null, null, text("form.error.unreadable-characters"));
        }
        String typedAddress = address.isBlank() ? null : address;
        if (hasCoordinates) {
            Position position;
            try {
                position = new Position(
                        Double.parseDouble(latitude.replace(',', '.')),
                        Double.parseDouble(longitude.replace(',', '.')));
            } catch (IllegalArgumentException e) {
                return new Place(null, typedAddress, text("reports.place.bad-coordinates"));
            }
            if (!withinMunicipality(tenant, position)) {
                return new Place(null, typedAddress, text("reports.place.outside"));
            }
            return new Place(position, typedAddress, null);
        }
        if (typedAddress == null) {
            return new Place(null, null, text("reports.place.missing"));
        }
        var found = geocoder.find(tenant, typedAddress);
        if (found.isEmpty()) {
            return new Place(null, typedAddress, text("reports.place.address-not-found", typedAddress));
        }
        return new Place(found.get(0).position(), found.get(0).address(), null);
    }

    boolean withinMunicipality(TenantId tenant, Position position) {
        GridPosition center = Sweref99Tm.fromWgs84(settings.of(tenant).center());
        GridPosition at = Sweref99Tm.fromWgs84(position);
        return Math.hypot(center.northing() - at.northing(), center.easting() - at.easting()) <= MAX_DISTANCE_METRES;
    }

    List<Area> areas(TenantId tenant) {
        return areas.all(tenant);
    }

    String areaName(TenantId tenant, String code) {
        if (code == null) {
            return null;
        }
        return areas.all(tenant).stream()
                .filter(a -> a.code().equals(code))
                .map(Area::name)
                .findFirst()
                .orElse(code);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ReportViews.locale());
    }
}
