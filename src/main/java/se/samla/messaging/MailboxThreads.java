package se.samla.messaging;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseIntake;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * The secure mailbox's threads and messages as stored, for {@link SecureMailbox} (the resident's side) and
 * {@link UnitInbox} (the unit's): always in the caller's transaction, which has set the tenant and decided who may
 * see what.
 */
@Component
class MailboxThreads {

    record Thread(
            UUID id,
            String reference,
            String unit,
            UUID personId,
            String residentName,
            String identityNumber,
            String subject,
            int assuranceLevel,
            Confidentiality confidentiality,
            UUID submissionId,
            String status,
            UUID caseId,
            String caseReference,
            String waitingFor,
            int version,
            Instant createdAt,
            Instant updatedAt) {

        boolean open() {
            return "OPEN".equals(status);
        }

        boolean inCase() {
            return "CASE".equals(status);
        }
    }

    /** One message of a thread; {@code read}: whether the other side has opened the thread since it came. */
    record Message(
            UUID id,
            boolean fromResident,
            String authorName,
            String body,
            List<UUID> fileIds,
            Instant sentAt,
            boolean read) {}

    /** A thread with its messages and the files sent with them. */
    record Conversation(Thread thread, List<Message> messages, Map<UUID, CaseIntake.PendingFile> files) {}

    private final JdbcClient jdbc;
    private final CaseIntake intake;
    private final se.samla.audit.AuditLog audit;
    private final Clock clock;

    MailboxThreads(JdbcClient jdbc, CaseIntake intake, se.samla.audit.AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.intake = intake;
        this.clock = clock;
    }

    Optional<Thread> find(UUID id) {
        return jdbc.sql("SELECT * FROM messaging.thread WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(MailboxThreads::thread)
                .optional();
    }

    /** The thread, locked until the caller's transaction ends: every change to a thread takes its turn. */
    Optional<Thread> lock(UUID id) {
        return jdbc.sql("SELECT * FROM messaging.thread WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(MailboxThreads::thread)
                .optional();
    }

    Optional<UUID> ofSubmission(UUID submissionId) {
        return jdbc.sql("SELECT id FROM messaging.thread WHERE tenant_id = :tenant AND submission_id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("s", submissionId)
                .query(UUID.class)
                .optional();
    }

    List<Thread> ofPerson(UUID personId) {
        return jdbc.sql(
                        "SELECT * FROM messaging.thread WHERE tenant_id = :tenant AND person_id = :p ORDER BY updated_at DESC")
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .query(MailboxThreads::thread)
                .list();
    }

    /** The person's threads with an answer they have not read. */
    Set<UUID> unreadAnswers(UUID personId) {
        return Set.copyOf(jdbc.sql("""
                SELECT DISTINCT m.thread_id FROM messaging.thread_message m JOIN messaging.thread t ON t.tenant_id = m.tenant_id AND t.id = m.thread_id
                WHERE m.tenant_id = :tenant AND t.person_id = :p AND m.sender = 'UNIT' AND m.read_at IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .query(UUID.class)
                .list());
    }

    /** The threads of these units at these levels, those waiting for the unit first. */
    List<Thread> ofUnits(List<String> units, List<Confidentiality> levels, boolean all, int max) {
        return jdbc.sql("""
                SELECT * FROM messaging.thread
                WHERE tenant_id = :tenant AND (unit = ANY(:units) AND confidentiality = ANY(:levels) AND (:all OR status = 'OPEN'))
                ORDER BY status = 'OPEN' DESC, waiting_for = 'UNIT' DESC, updated_at DESC
                LIMIT :max
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units.toArray(String[]::new))
                .param("levels", levels.stream().map(Enum::name).toArray(String[]::new))
                .param("all", all)
                .param("max", max)
                .query(MailboxThreads::thread)
                .list();
    }

    /** The tenant's next thread number of the year, never given twice: M-2026-000042. */
    String nextReference() {
        int year = clock.instant().atZone(SwedishTime.ZONE).getYear();
        Integer number = jdbc.sql("""
                INSERT INTO messaging.thread_series (tenant_id, year, last_number) VALUES (:t, :y, 1)
                ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = messaging.thread_series.last_number + 1
                RETURNING last_number
                """)
                .param("t", CurrentTenant.require().value())
                .param("y", year)
                .query(Integer.class)
                .single();
        return "M-" + year + "-" + String.format("%06d", number);
    }

    void insertThread(
            UUID id,
            String reference,
            String unit,
            se.samla.identity.SignedInUser.Resident resident,
            String subject,
            int assuranceLevel,
            Confidentiality confidentiality,
            UUID submissionId) {
        jdbc.sql("""
                INSERT INTO messaging.thread (id, tenant_id, reference, unit, person_id, identity_number, resident_name,
                    subject, assurance_level, confidentiality, submission_id, status, waiting_for, created_at,
                    updated_at)
                VALUES (:id, :t, :ref, :unit, :p, :pin, :name, :subject, :assurance, :level, :s, 'OPEN', 'UNIT', :at,
                    :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("ref", reference)
                .param("unit", unit)
                .param("p", resident.personId())
                .param("pin", resident.identityNumber().digits())
                .param("name", resident.displayName())
                .param("subject", subject)
                .param("assurance", assuranceLevel)
                .param("level", confidentiality.name())
                .param("s", submissionId)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** The thread a message id belongs to, if it was used already. */
    Optional<UUID> threadOfMessage(UUID messageId) {
        return jdbc.sql("SELECT thread_id FROM messaging.thread_message WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", messageId)
                .query(UUID.class)
                .optional();
    }

    void insertMessage(
            UUID id,
            UUID threadId,
            boolean fromResident,
            String author,
            String authorName,
            String body,
            List<UUID> files) {
        jdbc.sql("""
                INSERT INTO messaging.thread_message (id, tenant_id, thread_id, sender, author, author_name, body,
                    file_ids, sent_at)
                VALUES (:id, :t, :thread, :sender, :author, :name, :body, :files, :at)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("thread", threadId)
                .param("sender", fromResident ? "RESIDENT" : "UNIT")
                .param("author", author)
                .param("name", authorName)
                .param("body", body.strip().replace("\r\n", "\n"))
                .param("files", files.toArray(UUID[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    void letterOf(UUID messageId, UUID letterId) {
        jdbc.sql("UPDATE messaging.thread_message SET letter_id = :l WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("l", letterId)
                .param("id", messageId)
                .update();
    }

    /**
     * Moves the locked thread on, if it is still as the page showed it.
     *
     * @return false when its version moved on since (someone else changed it)
     */
    boolean advance(Thread thread, int version, String status, String waitingFor) {
        return jdbc.sql("""
                        UPDATE messaging.thread SET status = :s, waiting_for = :w, version = version + 1, updated_at = :at,
                            closed_at = CASE WHEN :s = 'CLOSED' THEN CAST(:at AS timestamptz) END
                        WHERE tenant_id = :tenant AND id = :id AND version = :v AND status <> 'CASE'
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("s", status)
                        .param("w", waitingFor)
                        .param("at", Timestamp.from(clock.instant()))
                        .param("id", thread.id())
                        .param("v", version)
                        .update()
                > 0;
    }

    /** The resident wrote again: whatever its state, the thread (not in a case) waits for the unit. */
    void reopen(Thread thread) {
        jdbc.sql("""
                UPDATE messaging.thread SET status = 'OPEN', waiting_for = 'UNIT', closed_at = NULL,
                    version = version + 1, updated_at = :at
                WHERE tenant_id = :tenant AND id = :id AND status <> 'CASE'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", thread.id())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** @return false when the thread changed since the page was shown, or is in a case already */
    boolean inCase(Thread thread, int version, CaseIntake.Opened opened) {
        return jdbc.sql("""
                        UPDATE messaging.thread SET status = 'CASE', case_id = :c, case_reference = :ref,
                            waiting_for = 'UNIT', version = version + 1, updated_at = :at, closed_at = :at
                        WHERE tenant_id = :tenant AND id = :id AND version = :v AND status <> 'CASE'
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", opened.caseId())
                        .param("ref", opened.reference())
                        .param("at", Timestamp.from(clock.instant()))
                        .param("id", thread.id())
                        .param("v", version)
                        .update()
                > 0;
    }

    void markRead(UUID threadId, String sender) {
        jdbc.sql("""
                UPDATE messaging.thread_message SET read_at = :at WHERE tenant_id = :tenant AND thread_id = :t AND sender = :s AND read_at IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("t", threadId)
                .param("s", sender)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    Conversation conversation(Thread thread) {
        List<Message> list = jdbc.sql(
                        "SELECT * FROM messaging.thread_message WHERE tenant_id = :tenant AND thread_id = :t ORDER BY sent_at, id")
                .param("tenant", CurrentTenant.require().value())
                .param("t", thread.id())
                .query((rs, n) -> new Message(
                        rs.getObject("id", UUID.class),
                        "RESIDENT".equals(rs.getString("sender")),
                        rs.getString("author_name"),
                        rs.getString("body"),
                        uuids(rs.getArray("file_ids")),
                        rs.getTimestamp("sent_at").toInstant(),
                        rs.getTimestamp("read_at") != null))
                .list();
        Map<UUID, CaseIntake.PendingFile> files = new LinkedHashMap<>();
        for (Message m : list) {
            for (UUID fileId : m.fileIds()) {
                intake.heldFile(thread.submissionId(), fileId).ifPresent(f -> files.put(fileId, f.file()));
            }
        }
        return new Conversation(thread, list, files);
    }

    /** A file of a thread the reader may see (or none), the reading or its refusal audited. */
    Optional<CaseIntake.HeldFile> fileFor(String auditId, Optional<Thread> thread, UUID threadId, UUID fileId) {
        var file = thread.flatMap(t -> fileOf(t, fileId));
        audit.record(new se.samla.audit.AuditRecord(
                se.samla.audit.Actor.of(auditId),
                file.isPresent() ? "FILE_DOWNLOADED" : "ACCESS_REFUSED",
                "thread",
                threadId.toString(),
                Map.of("file", fileId.toString())));
        return file;
    }

    /** A file sent in this thread; a file id from anywhere else is nothing here. */
    Optional<CaseIntake.HeldFile> fileOf(Thread thread, UUID fileId) {
        boolean sentHere = jdbc.sql("""
                SELECT count(*) FROM messaging.thread_message WHERE tenant_id = :tenant AND thread_id = :t AND :f = ANY(file_ids)
                """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("t", thread.id())
                        .param("f", fileId)
                        .query(Integer.class)
                        .single()
                > 0;
        return sentHere ? intake.heldFile(thread.submissionId(), fileId) : Optional.empty();
    }

    /** The unit's answers in the thread: the sources of its letters. */
    List<UUID> answers(UUID threadId) {
        return jdbc.sql(
                        "SELECT id FROM messaging.thread_message WHERE tenant_id = :tenant AND thread_id = :t AND sender = 'UNIT'")
                .param("tenant", CurrentTenant.require().value())
                .param("t", threadId)
                .query(UUID.class)
                .list();
    }

    List<Thread> inCase(UUID caseId) {
        return jdbc.sql("SELECT * FROM messaging.thread WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(MailboxThreads::thread)
                .list();
    }

    /**
     * Closed threads (in no case), closed before the given time, of the given units, or with {@code except} of every
     * other unit.
     */
    List<Thread> closedBefore(List<String> units, boolean except, Instant before) {
        return jdbc.sql("""
                SELECT * FROM messaging.thread WHERE tenant_id = :tenant AND status = 'CLOSED' AND closed_at < :before
                  AND (unit = ANY(:units)) <> :except
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("units", units.toArray(String[]::new))
                .param("except", except)
                .param("before", Timestamp.from(before))
                .query(MailboxThreads::thread)
                .list();
    }

    /** Threads answered and left by the resident since before the given time are closed. */
    int closeAnsweredBefore(Instant before) {
        return jdbc.sql("""
                UPDATE messaging.thread SET status = 'CLOSED', closed_at = :now, version = version + 1, updated_at = :now
                WHERE tenant_id = :tenant AND status = 'OPEN' AND waiting_for = 'RESIDENT' AND updated_at < :before
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("before", Timestamp.from(before))
                .update();
    }

    void delete(UUID threadId) {
        jdbc.sql("DELETE FROM messaging.thread WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", threadId)
                .update();
    }

    /**
     * Deletes the thread if it is still closed since before the given time: one that was written in a moment ago
     * (the writer holds its lock, and this waits for it) stays.
     */
    boolean deleteIfClosedBefore(UUID threadId, Instant before) {
        return jdbc.sql("""
                        DELETE FROM messaging.thread WHERE tenant_id = :tenant AND id = :id AND status = 'CLOSED' AND closed_at < :before
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", threadId)
                        .param("before", Timestamp.from(before))
                        .update()
                > 0;
    }

    /** Open threads of units that no longer take messages are closed: nobody would answer them. */
    int closeOutside(List<String> units) {
        return jdbc.sql("""
                UPDATE messaging.thread SET status = 'CLOSED', closed_at = :now, version = version + 1, updated_at = :now
                WHERE tenant_id = :tenant AND status = 'OPEN' AND NOT (unit = ANY(:units))
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("units", units.toArray(String[]::new))
                .update();
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    static Thread thread(ResultSet rs, int row) throws SQLException {
        return new Thread(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("unit"),
                rs.getObject("person_id", UUID.class),
                rs.getString("resident_name"),
                rs.getString("identity_number"),
                rs.getString("subject"),
                rs.getInt("assurance_level"),
                Confidentiality.valueOf(rs.getString("confidentiality")),
                rs.getObject("submission_id", UUID.class),
                rs.getString("status"),
                rs.getObject("case_id", UUID.class),
                rs.getString("case_reference"),
                rs.getString("waiting_for"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
