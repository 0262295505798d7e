package se.samla.reports.view;

import java.util.List;
import se.samla.reports.MapView;

/** The report side of a case in the workbench: place, map, nearby reports, merge and what the public sees. */
public record StaffReportView(
        String caseId,
        String reference,
        String publicId,
        String category,
        String status,
        boolean closed,
        String latitude,
        String longitude,
        String northing,
        String easting,
        String area,
        String address,
        String reporterDescription,
        String publicDescription,
        boolean photosPublic,
        int photoCount,
        String publicText,
        int supporters,
        int followers,
        String mergedInto,
        int version,
        List<Nearby> nearby,
        String notice,
        String error,
        MapView map) {

    public record Nearby(
            String caseId,
            String publicId,
            String category,
            String status,
            String reported,
            int metres,
            int supporters,
            boolean sameCategory) {}
}
