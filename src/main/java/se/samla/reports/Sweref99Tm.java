package se.samla.reports;

import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/** Converts between WGS84 and SWEREF 99 TM with proj4j, by the projection's published definition. */
public final class Sweref99Tm {

    /** EPSG:3006: transverse Mercator on GRS 80, central meridian 15° E, scale 0.9996, false easting 500 km. */
    private static final String DEFINITION = "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";

    private static final CRSFactory FACTORY = new CRSFactory();
    private static final CoordinateReferenceSystem WGS84 =
            FACTORY.createFromParameters("EPSG:4326", "+proj=longlat +datum=WGS84 +no_defs");
    private static final CoordinateReferenceSystem SWEREF = FACTORY.createFromParameters("EPSG:3006", DEFINITION);

    private Sweref99Tm() {}

    public static GridPosition fromWgs84(Position position) {
        ProjCoordinate out = new ProjCoordinate();
        // transforms are not thread-safe; they are cheap to make
        CoordinateTransform forward = new BasicCoordinateTransform(WGS84, SWEREF);
        forward.transform(new ProjCoordinate(position.longitude(), position.latitude()), out);
        return new GridPosition(out.y, out.x);
    }

    public static Position toWgs84(GridPosition grid) {
        ProjCoordinate out = new ProjCoordinate();
        CoordinateTransform back = new BasicCoordinateTransform(SWEREF, WGS84);
        back.transform(new ProjCoordinate(grid.easting(), grid.northing()), out);
        return new Position(out.y, out.x);
    }
}
