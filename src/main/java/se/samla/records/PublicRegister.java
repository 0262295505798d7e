package se.samla.records;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/**
 * The public register (postlista): registered documents in their public form only. Searching reaches the
 * public fields and nothing else, so a protected name cannot be found by guessing it.
 */
@Repository
class PublicRegister {

    /** One document as anyone may see it; counterpart is null where none may be shown. */
    record Entry(
            java.util.UUID id,
            LocalDate date,
            String reference,
            int number,
            String direction,
            String caseTitle,
            String description,
            String counterpart,
            String secrecy) {

        static Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            return new Entry(
                    rs.getObject("id", java.util.UUID.class),
                    rs.getObject("registered_on", LocalDate.class),
                    rs.getString("reference"),
                    rs.getInt("number"),
                    rs.getString("direction"),
                    rs.getString("public_title"),
                    rs.getString("public_description"),
                    rs.getString("public_counterpart"),
                    rs.getString("osl_provision"));
        }
    }

    private final JdbcClient jdbc;

    PublicRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Entry> search(String text, LocalDate from, LocalDate to, int offset, int limit) {
        String pattern = text == null || text.isBlank()
                ? null
                : "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                SELECT e.id, e.registered_on, f.reference, e.number, e.direction, f.public_title, e.public_description,
                       e.public_counterpart, e.osl_provision
                FROM records.entry e JOIN records.case_file f ON f.tenant_id = e.tenant_id AND f.case_id = e.case_id
                WHERE e.tenant_id = :tenant AND (CAST(:p AS text) IS NULL OR f.reference ILIKE :p OR f.public_title ILIKE :p
                       OR e.public_description ILIKE :p OR e.public_counterpart ILIKE :p)
                  AND e.registered_on BETWEEN :from AND :to
                ORDER BY e.registered_on DESC, f.reference DESC, e.number DESC
                LIMIT :limit OFFSET :offset
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", pattern)
                .param("from", from)
                .param("to", to)
                .param("limit", limit)
                .param("offset", offset)
                .query(Entry::map)
                .list();
    }

    @Transactional(readOnly = true)
    java.util.Optional<Entry> entry(java.util.UUID id) {
        return jdbc.sql("""
                SELECT e.id, e.registered_on, f.reference, e.number, e.direction, f.public_title, e.public_description,
                       e.public_counterpart, e.osl_provision
                FROM records.entry e JOIN records.case_file f ON f.tenant_id = e.tenant_id AND f.case_id = e.case_id
                WHERE e.tenant_id = :tenant AND e.id = :id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(Entry::map)
                .optional();
    }
}
