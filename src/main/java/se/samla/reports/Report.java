package se.samla.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A problem report as the map, the public pages and Open311 know it: no reporter, only what is public. */
record Report(
        UUID caseId,
        String publicId,
        UUID submissionId,
        String category,
        String unit,
        String status,
        boolean closed,
        Position position,
        GridPosition grid,
        String area,
        String address,
        String publicDescription,
        boolean photosPublic,
        String publicText,
        int supporters,
        String mergedInto,
        Instant reportedAt,
        Instant updatedAt,
        int version,
        boolean listed) {

    static Report map(ResultSet rs, int row) throws SQLException {
        return new Report(
                rs.getObject("case_id", UUID.class),
                rs.getString("public_id"),
                rs.getObject("submission_id", UUID.class),
                rs.getString("category"),
                rs.getString("unit"),
                rs.getString("status"),
                rs.getBoolean("closed"),
                new Position(rs.getDouble("latitude"), rs.getDouble("longitude")),
                new GridPosition(rs.getDouble("northing"), rs.getDouble("easting")),
                rs.getString("area"),
                rs.getString("address"),
                rs.getString("public_description"),
                rs.getBoolean("photos_public"),
                rs.getString("public_text"),
                rs.getInt("supporters"),
                rs.getString("merged_public_id"),
                rs.getTimestamp("reported_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"),
                rs.getBoolean("listed"));
    }

    /** The public number from the case's reference: "SBF 2026/000123" becomes "SBF-2026-000123". */
    static String publicId(String reference) {
        return reference.replace(' ', '-').replace('/', '-');
    }

    /** One entry of the public history. */
    record Update(
            UUID id,
            UUID caseId,
            String publicId,
            String kind,
            String status,
            boolean closed,
            String description,
            Instant at) {

        static Update map(ResultSet rs, int row) throws SQLException {
            return new Update(
                    rs.getObject("id", UUID.class),
                    rs.getObject("case_id", UUID.class),
                    rs.getString("public_id"),
                    rs.getString("kind"),
                    rs.getString("status"),
                    rs.getBoolean("closed"),
                    rs.getString("description"),
                    rs.getTimestamp("created_at").toInstant());
        }
    }

    /** A report near another, and how far away it is. */
    record Nearby(Report report, double metres) {}
}
