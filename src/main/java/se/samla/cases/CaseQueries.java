package se.samla.cases;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading cases, for the applicant's own pages. */
@Service
class CaseQueries {

    record StatusChange(int seq, String fromStatus, String toStatus, java.time.Instant at) {
    }

    private final JdbcClient jdbc;

    CaseQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<StoredCase> ofApplicant(UUID person) {
        return jdbc.sql("SELECT * FROM cases.\"case\" WHERE applicant_person_id = :p ORDER BY submitted_at DESC")
                .param("p", person).query(StoredCase::map).list();
    }

    @Transactional(readOnly = true)
    Optional<StoredCase> byId(UUID id) {
        return jdbc.sql("SELECT * FROM cases.\"case\" WHERE id = :id").param("id", id).query(StoredCase::map).optional();
    }

    @Transactional(readOnly = true)
    List<StatusChange> history(UUID caseId) {
        return jdbc.sql("SELECT seq, from_status, to_status, changed_at FROM cases.status_change WHERE case_id = :c ORDER BY seq")
                .param("c", caseId)
                .query((rs, n) -> new StatusChange(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
    }
}
