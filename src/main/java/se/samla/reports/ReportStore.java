package se.samla.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import se.samla.shared.CurrentTenant;

/** The reports schema: reports, their public history and their followers. Row-level security keeps it to one tenant. */
@Repository
class ReportStore {

    private static final String SELECT = """
            SELECT r.*, m.public_id AS merged_public_id FROM reports.report r
            LEFT JOIN reports.report m ON m.tenant_id = r.tenant_id AND m.case_id = r.merged_into
            """;

    /**
     * Which reports to list, newest first.
     *
     * @param closed null for both open and closed
     */
    record Query(
            List<String> publicIds,
            List<String> categories,
            Boolean closed,
            Instant from,
            Instant to,
            int offset,
            int limit) {}

    private final JdbcClient jdbc;

    ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID caseId,
            String publicId,
            UUID submissionId,
            String category,
            String unit,
            String status,
            Position position,
            GridPosition grid,
            String area,
            String address,
            boolean listed,
            Instant at) {
        jdbc.sql("""
                INSERT INTO reports.report (case_id, tenant_id, public_id, submission_id, category, unit, status, latitude,
                    longitude, northing, easting, area, address, listed, reported_at, updated_at)
                VALUES (:c, :t, :p, :s, :cat, :unit, :status, :lat, :lon, :n, :e, :area, :address, :listed, :at, :at)
                """)
                .param("c", caseId)
                .param("unit", unit)
                .param("t", CurrentTenant.require().value())
                .param("p", publicId)
                .param("s", submissionId)
                .param("cat", category)
                .param("status", status)
                .param("lat", position.latitude())
                .param("lon", position.longitude())
                .param("n", grid.northing())
                .param("e", grid.easting())
                .param("area", area)
                .param("address", address)
                .param("listed", listed)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** When a report of the tenant last changed (by the index on updated_at), or null when it has none. */
    java.time.Instant lastChange() {
        return jdbc.sql("SELECT max(updated_at) FROM reports.report WHERE tenant_id = :t AND listed")
                .param("t", CurrentTenant.require().value())
                .query(java.sql.Timestamp.class)
                .optional()
                .map(java.sql.Timestamp::toInstant)
                .orElse(null);
    }

    /** A report the public may see, by its public number. */
    Optional<Report> byPublicId(String publicId) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = :tenant AND r.public_id = :p AND r.listed")
                .param("tenant", CurrentTenant.require().value())
                .param("p", publicId)
                .query(Report::map)
                .optional();
    }

    Optional<Report> byCase(UUID caseId) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = :tenant AND r.case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(Report::map)
                .optional();
    }

    Optional<Report> bySubmission(UUID submissionId) {
        return jdbc.sql(SELECT + " WHERE r.tenant_id = :tenant AND r.submission_id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("s", submissionId)
                .query(Report::map)
                .optional();
    }

    /**
     * Open reports within the distance, nearest first; of one category, or of all when category is null; those the
     * public sees, or all for staff.
     */
    List<Report.Nearby> nearby(GridPosition at, int metres, String category, UUID except, int max, boolean listedOnly) {
        String sql = SELECT + """
                 WHERE r.tenant_id = :tenant AND NOT r.closed AND r.merged_into IS NULL AND (r.listed OR NOT :listedOnly)
                   AND r.northing BETWEEN :n - :d AND :n + :d AND r.easting BETWEEN :e - :d AND :e + :d
                   AND (CAST(:cat AS text) IS NULL OR r.category = :cat)
                   AND (CAST(:except AS uuid) IS NULL OR r.case_id <> :except)
                """;
        List<Report.Nearby> found = new ArrayList<>();
        for (Report r : jdbc.sql(sql)
                .param("tenant", CurrentTenant.require().value())
                .param("n", at.northing())
                .param("e", at.easting())
                .param("d", metres)
                .param("cat", category)
                .param("except", except)
                .param("listedOnly", listedOnly)
                .query(Report::map)
                .list()) {
            double distance =
                    Math.hypot(r.grid().northing() - at.northing(), r.grid().easting() - at.easting());
            if (distance <= metres) {
                found.add(new Report.Nearby(r, distance));
            }
        }
        found.sort(java.util.Comparator.comparingDouble(Report.Nearby::metres));
        return found.size() > max ? found.subList(0, max) : found;
    }

    /** The open reports of the units, listed or not, newest first: the staff's map. */
    List<Report> openOfUnits(List<String> units, int max) {
        if (units.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        SELECT
                                + " WHERE r.tenant_id = :tenant AND NOT r.closed AND r.unit IN (:units) ORDER BY r.reported_at DESC LIMIT :max")
                .param("tenant", CurrentTenant.require().value())
                .param("units", units)
                .param("max", max)
                .query(Report::map)
                .list();
    }

    List<Report> find(Query q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE r.tenant_id = :tenant AND r.listed");
        var params = new java.util.LinkedHashMap<String, Object>();
        params.put("tenant", CurrentTenant.require().value());
        if (!q.publicIds().isEmpty()) {
            sql.append(" AND r.public_id IN (:ids)");
            params.put("ids", q.publicIds());
        }
        if (!q.categories().isEmpty()) {
            sql.append(" AND r.category IN (:cats)");
            params.put("cats", q.categories());
        }
        if (q.closed() != null) {
            sql.append(" AND r.closed = :closed");
            params.put("closed", q.closed());
        }
        if (q.from() != null) {
            sql.append(" AND r.reported_at >= :from");
            params.put("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND r.reported_at <= :to");
            params.put("to", Timestamp.from(q.to()));
        }
        sql.append(" ORDER BY r.reported_at DESC, r.public_id DESC LIMIT :limit OFFSET :offset");
        params.put("limit", q.limit());
        params.put("offset", q.offset());
        var statement = jdbc.sql(sql.toString());
        for (var p : params.entrySet()) {
            statement = statement.param(p.getKey(), p.getValue());
        }
        return statement.query(Report::map).list();
    }

    void addUpdate(UUID id, UUID caseId, String kind, String status, boolean closed, String description, Instant at) {
        jdbc.sql("""
                INSERT INTO reports.report_update (id, tenant_id, case_id, kind, status, closed, description, created_at)
                VALUES (:id, :t, :c, :k, :s, :closed, :d, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("c", caseId)
                .param("k", kind)
                .param("s", status)
                .param("closed", closed)
                .param("d", description)
                .param("at", Timestamp.from(at))
                .update();
    }

    List<Report.Update> updates(UUID caseId) {
        return jdbc.sql("""
                SELECT u.*, r.public_id FROM reports.report_update u
                JOIN reports.report r ON r.tenant_id = u.tenant_id AND r.case_id = u.case_id
                WHERE u.tenant_id = :tenant AND u.case_id = :c ORDER BY u.created_at, u.id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(Report.Update::map)
                .list();
    }

    /** Updates of the period, oldest first, for Open311 service request updates. */
    List<Report.Update> updatesBetween(Instant from, Instant to, List<String> publicIds, int offset, int limit) {
        return jdbc.sql("""
                SELECT u.*, r.public_id FROM reports.report_update u
                JOIN reports.report r ON r.tenant_id = u.tenant_id AND r.case_id = u.case_id
                WHERE u.tenant_id = :tenant AND u.created_at >= :from AND u.created_at <= :to AND r.listed
                  AND (CAST(:any AS boolean) OR r.public_id = ANY (CAST(:ids AS text[])))
                ORDER BY u.created_at, u.id LIMIT :limit OFFSET :offset
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("any", publicIds.isEmpty())
                .param("ids", publicIds.toArray(String[]::new))
                .param("limit", limit)
                .param("offset", offset)
                .query(Report.Update::map)
                .list();
    }

    void status(UUID caseId, String status, boolean closed, Instant at) {
        jdbc.sql(
                        "UPDATE reports.report SET status = :s, closed = :closed, updated_at = :at, version = version + 1 WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("s", status)
                .param("closed", closed)
                .param("at", Timestamp.from(at))
                .param("c", caseId)
                .update();
    }

    /** Sets what the public sees; false when the report changed since the version the editor saw. */
    boolean publish(
            UUID caseId,
            int seenVersion,
            String publicText,
            String publicDescription,
            boolean photosPublic,
            Instant at) {
        return jdbc.sql("""
                UPDATE reports.report SET public_text = :text, public_description = :description, photos_public = :photos,
                    updated_at = :at, version = version + 1
                WHERE tenant_id = :tenant AND case_id = :c AND version = :seen
                """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("text", publicText)
                        .param("description", publicDescription)
                        .param("photos", photosPublic)
                        .param("at", Timestamp.from(at))
                        .param("c", caseId)
                        .param("seen", seenVersion)
                        .update()
                == 1;
    }

    void publicText(UUID caseId, String text, Instant at) {
        jdbc.sql(
                        "UPDATE reports.report SET public_text = :text, updated_at = :at, version = version + 1 WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("text", text)
                .param("at", Timestamp.from(at))
                .param("c", caseId)
                .update();
    }

    /** Counts the supporter once: false when they had said so already. */
    boolean supported(UUID caseId, String supporter) {
        int first = jdbc.sql("""
                INSERT INTO reports.supporter (tenant_id, case_id, supporter) VALUES (:t, :c, :s) ON CONFLICT DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("c", caseId)
                .param("s", supporter)
                .update();
        if (first == 0) {
            return false;
        }
        jdbc.sql("UPDATE reports.report SET supporters = supporters + 1 WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .update();
        return true;
    }

    /** Marks the duplicate as merged; its support counts for the kept report. False when the duplicate changed. */
    boolean merge(UUID duplicate, int seenVersion, UUID kept, Instant at) {
        int merged = jdbc.sql("""
                UPDATE reports.report SET merged_into = :k, updated_at = :at, version = version + 1
                WHERE tenant_id = :tenant AND case_id = :d AND version = :seen AND merged_into IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("k", kept)
                .param("at", Timestamp.from(at))
                .param("d", duplicate)
                .param("seen", seenVersion)
                .update();
        if (merged == 0) {
            return false;
        }
        jdbc.sql("""
                UPDATE reports.report SET supporters = supporters + 1
                    + (SELECT supporters FROM reports.report WHERE tenant_id = :tenant AND case_id = :d), updated_at = :at
                WHERE tenant_id = :tenant AND case_id = :k
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("d", duplicate)
                .param("k", kept)
                .param("at", Timestamp.from(at))
                .update();
        // who supported the duplicate has supported the kept report, and counts once there too
        jdbc.sql("""
                INSERT INTO reports.supporter (tenant_id, case_id, supporter, supported_at)
                SELECT tenant_id, :k, supporter, supported_at FROM reports.supporter
                WHERE tenant_id = :tenant AND case_id = :d
                ON CONFLICT DO NOTHING
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("d", duplicate)
                .param("k", kept)
                .update();
        jdbc.sql("DELETE FROM reports.supporter WHERE tenant_id = :tenant AND case_id = :d")
                .param("tenant", CurrentTenant.require().value())
                .param("d", duplicate)
                .update();
        return true;
    }

    void subscribe(UUID caseId, String email) {
        jdbc.sql("""
                INSERT INTO reports.subscriber (tenant_id, case_id, email, created_at) VALUES (:t, :c, :e, now())
                ON CONFLICT DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("c", caseId)
                .param("e", email)
                .update();
    }

    /** Moves the duplicate's followers to the kept report (once each) and returns who they are. */
    List<String> moveSubscribers(UUID from, UUID to) {
        List<String> moved = subscribers(from);
        moved.forEach(email -> subscribe(to, email));
        jdbc.sql("DELETE FROM reports.subscriber WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", from)
                .update();
        return moved;
    }

    List<String> subscribers(UUID caseId) {
        return jdbc.sql(
                        "SELECT email FROM reports.subscriber WHERE tenant_id = :tenant AND case_id = :c ORDER BY created_at, email")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(String.class)
                .list();
    }

    void removeSubscribers(UUID caseId) {
        jdbc.sql("DELETE FROM reports.subscriber WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .update();
        jdbc.sql("DELETE FROM reports.supporter WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .update();
    }

    boolean unsubscribe(UUID caseId, String email) {
        return jdbc.sql("DELETE FROM reports.subscriber WHERE tenant_id = :tenant AND case_id = :c AND email = :e")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", caseId)
                        .param("e", email)
                        .update()
                > 0;
    }
}
