package se.samla.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.shared.CurrentTenant;

/**
 * Requests for official documents: made by anyone (a name is never required), followed with a secret link,
 * and decided by a registrar after a fresh secrecy assessment.
 */
@Service
class DocumentRequests {

    enum Outcome {
        RELEASED,
        RELEASED_MASKED,
        REFUSED
    }

    /** A request with the document it asks for. */
    record Request(
            UUID id,
            UUID entryId,
            UUID caseId,
            String reference,
            int number,
            String kind,
            UUID sourceId,
            String publicDescription,
            String description,
            String documentSecrecy,
            Instant requestedAt,
            String requesterName,
            String requesterEmail,
            String message,
            String status,
            Instant decidedAt,
            String decidedByName,
            String provision,
            String reasons,
            String releasedText,
            UUID releasedFile,
            int version) {

        static Request map(ResultSet rs, int row) throws SQLException {
            return new Request(
                    rs.getObject("id", UUID.class),
                    rs.getObject("entry_id", UUID.class),
                    rs.getObject("case_id", UUID.class),
                    rs.getString("reference"),
                    rs.getInt("number"),
                    rs.getString("kind"),
                    rs.getObject("source_id", UUID.class),
                    rs.getString("public_description"),
                    rs.getString("description"),
                    rs.getString("entry_provision"),
                    rs.getTimestamp("requested_at").toInstant(),
                    rs.getString("requester_name"),
                    rs.getString("requester_email"),
                    rs.getString("message"),
                    rs.getString("status"),
                    rs.getTimestamp("decided_at") == null
                            ? null
                            : rs.getTimestamp("decided_at").toInstant(),
                    rs.getString("decided_by_name"),
                    rs.getString("osl_provision"),
                    rs.getString("reasons"),
                    rs.getString("released_text"),
                    rs.getObject("released_file", UUID.class),
                    rs.getInt("version"));
        }
    }

    private static final String SELECT = """
            SELECT q.*, e.case_id, f.reference, e.number, e.kind, e.source_id, e.public_description, e.description,
                   e.osl_provision AS entry_provision
            FROM records.document_request q JOIN records.entry e ON e.tenant_id = q.tenant_id AND e.id = q.entry_id
            JOIN records.case_file f ON f.tenant_id = e.tenant_id AND f.case_id = e.case_id
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A file a request released whole, with the request that released it (its name is made from the reference). */
    record ReleasedFile(Request request, CaseHandling.FileContent file) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseHandling cases;

    DocumentRequests(JdbcClient jdbc, AuditLog audit, CaseHandling cases) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cases = cases;
    }

    /** Records the request; returns the secret the requester follows it with. Empty when there is no such document. */
    @Transactional
    Optional<String> request(UUID entryId, String name, String email, String message) {
        boolean exists = jdbc.sql("SELECT count(*) FROM records.entry WHERE tenant_id = :tenant AND id = :e")
                        .param("tenant", CurrentTenant.require().value())
                        .param("e", entryId)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!exists) {
            return Optional.empty();
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO records.document_request (id, tenant_id, token_sha256, entry_id, requested_at, requester_name,
                    requester_email, message)
                VALUES (:id, :t, :h, :e, now(), :n, :m, :msg)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("h", hash(token))
                .param("e", entryId)
                .param("n", name)
                .param("m", email)
                .param("msg", message)
                .update();
        audit.record(new AuditRecord(
                Actor.anonymous(),
                "DOCUMENT_REQUESTED",
                "document-request",
                id.toString(),
                Map.of("entry", entryId.toString())));
        return Optional.of(token);
    }

    @Transactional(readOnly = true)
    Optional<Request> byToken(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE q.tenant_id = :tenant AND q.token_sha256 = :h")
                .param("tenant", CurrentTenant.require().value())
                .param("h", hash(token))
                .query(Request::map)
                .optional();
    }

    /**
     * The file the request's link leads to; empty unless the request released a file whole (a masked copy or a
     * refusal hands out no file). The caller closes the stream.
     */
    @Transactional(readOnly = true)
    Optional<ReleasedFile> releasedFile(String token) {
        return byToken(token)
                .filter(r -> "RELEASED".equals(r.status()) && r.releasedFile() != null)
                .flatMap(r -> cases.file(r.caseId(), r.releasedFile()).map(f -> new ReleasedFile(r, f)));
    }

    @Transactional(readOnly = true)
    Optional<Request> byId(UUID id) {
        return jdbc.sql(SELECT + " WHERE q.tenant_id = :tenant AND q.id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(Request::map)
                .optional();
    }

    /** Open requests first, oldest first (they are to be answered promptly), then the latest decided ones. */
    @Transactional(readOnly = true)
    List<Request> queue() {
        return jdbc.sql(SELECT + """
                 WHERE q.tenant_id = :tenant AND (q.status = 'OPEN' OR q.decided_at > now() - interval '30 days')
                 ORDER BY q.status <> 'OPEN', q.requested_at LIMIT 500
                """)
                .param("tenant", CurrentTenant.require().value())
                .query(Request::map)
                .list();
    }

    /**
     * Decides the request. False when it was decided or changed since the registrar saw it.
     *
     * @param releasedText what is handed out of a text document: the whole, or the registrar's masked copy
     * @param releasedFile a file handed out whole
     */
    @Transactional
    boolean decide(
            UUID id,
            int seenVersion,
            Outcome outcome,
            String provision,
            String reasons,
            String releasedText,
            UUID releasedFile,
            String byAuditId,
            String byName) {
        int changed = jdbc.sql("""
                UPDATE records.document_request SET status = :s, decided_at = now(), decided_by = :by, decided_by_name = :name,
                    osl_provision = :p, reasons = :r, released_text = :text, released_file = :file, version = version + 1
                WHERE tenant_id = :tenant AND id = :id AND version = :seen AND status = 'OPEN'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("s", outcome.name())
                .param("by", byAuditId)
                .param("name", byName)
                .param("p", provision)
                .param("r", reasons)
                .param("text", releasedText)
                .param("file", releasedFile)
                .param("id", id)
                .param("seen", seenVersion)
                .update();
        if (changed == 0) {
            return false;
        }
        audit.record(new AuditRecord(
                Actor.of(byAuditId),
                "DOCUMENT_REQUEST_DECIDED",
                "document-request",
                id.toString(),
                provision == null
                        ? Map.of("outcome", outcome.name())
                        : Map.of("outcome", outcome.name(), "provision", provision)));
        return true;
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long ageInDays(Instant requestedAt, java.time.Clock clock) {
        return java.time.Duration.between(requestedAt, clock.instant()).toDays();
    }
}
