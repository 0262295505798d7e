package se.samla.cases;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/** Reading cases, for the applicant's own pages. */
@Service
class CaseQueries {

    record StatusChange(int seq, String fromStatus, String toStatus, java.time.Instant at) {}

    record Message(
            UUID id,
            boolean toResident,
            String authorName,
            String body,
            java.time.Instant at,
            java.time.Instant readAt) {}

    record CompletionRequest(
            UUID id,
            List<String> items,
            java.time.LocalDate dueOn,
            java.time.Instant at,
            java.time.Instant answeredAt,
            String answer) {}

    record Note(String authorName, String body, java.time.Instant at) {}

    /**
     * @param receivedVia how the applicant received it (DIGITAL_MAILBOX, MY_PAGES, PAPER), or null while not known
     * @param appealUntil the last day to appeal, from the receipt, or null while not known
     */
    record Decision(
            String outcome,
            String reasons,
            String legalReference,
            String decidedBy,
            java.time.Instant at,
            java.time.Instant receivedAt,
            String receivedVia,
            boolean receivedDeemed,
            java.time.LocalDate appealUntil) {}

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    CaseQueries(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /** The cases of a person someone acts for: by their personal identity number, whoever sent them. */
    @Transactional(readOnly = true)
    List<StoredCase> ofPerson(String identityNumber) {
        return jdbc.sql("""
                SELECT * FROM cases."case" WHERE tenant_id = :tenant AND applicant_identity_number = :n ORDER BY submitted_at DESC
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("n", identityNumber)
                .query(StoredCase.rows(jsonMapper))
                .list();
    }

    /** The cases of an organisation, whoever of its signatories sent them. */
    @Transactional(readOnly = true)
    List<StoredCase> ofOrganisation(String organisationNumber) {
        return jdbc.sql("""
                SELECT * FROM cases."case" WHERE tenant_id = :tenant AND applicant_organisation_number = :o ORDER BY submitted_at DESC
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("o", organisationNumber)
                .query(StoredCase.rows(jsonMapper))
                .list();
    }

    @Transactional(readOnly = true)
    List<StoredCase> ofApplicant(UUID person, String identityNumber) {
        return jdbc.sql("""
                SELECT * FROM cases."case" WHERE tenant_id = :tenant AND (applicant_person_id = :p OR applicant_identity_number = :n)
                ORDER BY submitted_at DESC
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", person)
                .param("n", identityNumber)
                .query(StoredCase.rows(jsonMapper))
                .list();
    }

    /** The cases applied for under the personal identity number (in another municipality than the login's). */
    @Transactional(readOnly = true)
    List<StoredCase> ofIdentityNumber(String identityNumber) {
        return jdbc.sql("""
                SELECT * FROM cases."case" WHERE tenant_id = :tenant AND applicant_identity_number = :n ORDER BY submitted_at DESC
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("n", identityNumber)
                .query(StoredCase.rows(jsonMapper))
                .list();
    }

    @Transactional(readOnly = true)
    Optional<StoredCase> byId(UUID id) {
        return jdbc.sql("SELECT * FROM cases.\"case\" WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(StoredCase.rows(jsonMapper))
                .optional();
    }

    @Transactional(readOnly = true)
    List<StatusChange> history(UUID caseId) {
        return jdbc.sql(
                        "SELECT seq, from_status, to_status, changed_at FROM cases.status_change WHERE tenant_id = :tenant AND case_id = :c ORDER BY seq")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new StatusChange(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    List<Message> messages(UUID caseId) {
        return jdbc.sql("SELECT * FROM cases.message WHERE tenant_id = :tenant AND case_id = :c ORDER BY created_at")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Message(
                        rs.getObject("id", UUID.class),
                        "TO_RESIDENT".equals(rs.getString("direction")),
                        rs.getString("author_name"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("read_at") == null
                                ? null
                                : rs.getTimestamp("read_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    List<CompletionRequest> completionRequests(UUID caseId) {
        return jdbc.sql(
                        "SELECT * FROM cases.completion_request WHERE tenant_id = :tenant AND case_id = :c ORDER BY created_at")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new CompletionRequest(
                        rs.getObject("id", UUID.class),
                        jsonMapper.readValue(
                                rs.getString("items"), new tools.jackson.core.type.TypeReference<List<String>>() {}),
                        rs.getObject("due_on", java.time.LocalDate.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("answered_at") == null
                                ? null
                                : rs.getTimestamp("answered_at").toInstant(),
                        rs.getString("answer")))
                .list();
    }

    @Transactional(readOnly = true)
    List<Note> notes(UUID caseId) {
        return jdbc.sql("SELECT * FROM cases.note WHERE tenant_id = :tenant AND case_id = :c ORDER BY created_at")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Note(
                        rs.getString("author_name"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    Optional<Decision> decision(UUID caseId) {
        return jdbc.sql("SELECT * FROM cases.decision WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Decision(
                        rs.getString("outcome"),
                        rs.getString("reasons"),
                        rs.getString("legal_reference"),
                        rs.getString("decided_by_name"),
                        rs.getTimestamp("decided_at").toInstant(),
                        rs.getTimestamp("received_at") == null
                                ? null
                                : rs.getTimestamp("received_at").toInstant(),
                        rs.getString("received_via"),
                        rs.getBoolean("received_deemed"),
                        rs.getObject("appeal_until", java.time.LocalDate.class)))
                .optional();
    }
}
