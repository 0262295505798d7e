package se.samla.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import se.samla.shared.Confidentiality;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A case row as stored. */
record StoredCase(
        UUID id,
        String reference,
        String caseType,
        int caseTypeVersion,
        String unit,
        String status,
        Confidentiality confidentiality,
        UUID applicantPersonId,
        String applicantName,
        String applicantIdentityNumber,
        Map<String, Object> answers,
        Instant submittedAt,
        LocalDate plannedDecisionOn,
        LocalDate latestDecisionOn,
        UUID assignedTo,
        String result,
        Instant closedAt,
        int version,
        boolean waitingForResident,
        Boolean keep,
        LocalDate disposalOn,
        UUID actorPersonId,
        String actorName,
        String actorIdentityNumber,
        String actingAs,
        String applicantOrganisationNumber) {

    /** Whether someone sent it for its applicant (a guardian, an ombud, a signatory). */
    boolean sentOnBehalf() {
        return actingAs != null;
    }

    /** Reads the row with the caller's mapper, which has Spring's configuration; a record cannot be injected. */
    static RowMapper<StoredCase> rows(JsonMapper json) {
        return (rs, row) -> map(rs, json);
    }

    private static StoredCase map(ResultSet rs, JsonMapper json) throws SQLException {
        return new StoredCase(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("case_type"),
                rs.getInt("case_type_version"),
                rs.getString("unit"),
                rs.getString("status"),
                Confidentiality.valueOf(rs.getString("confidentiality")),
                rs.getObject("applicant_person_id", UUID.class),
                rs.getString("applicant_name"),
                rs.getString("applicant_identity_number"),
                json.readValue(rs.getString("answers"), new TypeReference<Map<String, Object>>() {}),
                rs.getTimestamp("submitted_at").toInstant(),
                rs.getObject("planned_decision_on", LocalDate.class),
                rs.getObject("latest_decision_on", LocalDate.class),
                rs.getObject("assigned_to", UUID.class),
                rs.getString("result"),
                rs.getTimestamp("closed_at") == null
                        ? null
                        : rs.getTimestamp("closed_at").toInstant(),
                rs.getInt("version"),
                rs.getBoolean("waiting_for_resident"),
                (Boolean) rs.getObject("keep"),
                rs.getObject("disposal_on", LocalDate.class),
                rs.getObject("actor_person_id", UUID.class),
                rs.getString("actor_name"),
                rs.getString("actor_identity_number"),
                rs.getString("acting_as"),
                rs.getString("applicant_organisation_number"));
    }

    boolean closed() {
        return closedAt != null;
    }
}
