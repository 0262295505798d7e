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
        List<Linked> linked,
        String device,
        String notice,
        String error,
        MapView map) {

    /** A report linked through a sensor: the sensor's case of a resident's report, or a resident's of the sensor's. */
    public record Linked(String caseId, String publicId, boolean sensor, int metres) {}

    public record Nearby(
            String caseId,
            String publicId,
            String category,
            String status,
            String reported,
            int metres,
            int supporters,
            boolean sameCategory,
            boolean mergeable) {}
}
