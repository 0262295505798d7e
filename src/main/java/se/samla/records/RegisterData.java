package se.samla.records;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/**
 * The public register as open data: each registered document in its public form, without its party, streamed
 * from the database.
 */
@Service
public class RegisterData {

    /** One document, without its party. */
    public record Row(
            LocalDate date,
            String reference,
            int number,
            String direction,
            String caseTitle,
            String description,
            String secrecy) {}

    public record Version(long count, Instant lastModified, Instant first) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RegisterData(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.jdbc.setFetchSize(1000);
    }

    @Transactional(readOnly = true)
    public Version version() {
        return jdbc.queryForObject(
                """
                SELECT count(*), greatest(max(registered_at), max(secrecy_marked_at)), min(registered_at) FROM records.entry
                WHERE tenant_id = ?
                """,
                (rs, n) -> new Version(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null
                                ? Instant.EPOCH
                                : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null
                                ? clock.instant()
                                : rs.getTimestamp(3).toInstant()),
                CurrentTenant.require().value());
    }

    @Transactional(readOnly = true)
    public void forEach(Consumer<Row> each) {
        jdbc.query(
                """
                SELECT e.registered_on, f.reference, e.number, e.direction, f.public_title, e.public_description,
                       e.osl_provision
                FROM records.entry e JOIN records.case_file f ON f.tenant_id = e.tenant_id AND f.case_id = e.case_id
                WHERE e.tenant_id = ?
                ORDER BY e.registered_on, f.reference, e.number
                """,
                rs -> {
                    each.accept(new Row(
                            rs.getObject(1, LocalDate.class),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)));
                },
                CurrentTenant.require().value());
    }
}
