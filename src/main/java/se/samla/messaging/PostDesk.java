package se.samla.messaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.PopulationRegister;
import se.samla.identity.PostalAddress;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffRole;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;

/**
 * The registry's post desk: letters waiting to be printed, put into batches whose PDF has an address sheet before
 * each letter, and marked as posted on the day they went; digital deliveries that failed for good, to send on
 * paper instead; and letters with no address to print. Only registrars; every batch download is audited, since
 * it holds names and addresses.
 */
@Service
class PostDesk {

    /** A letter waiting on staff, with why. */
    record Waiting(
            UUID dispatchId,
            UUID letterId,
            String reference,
            String subject,
            String channel,
            String reason,
            String error,
            int attempts,
            Instant since) {}

    record Batch(UUID id, int letters, Instant createdAt, LocalDate sentOn) {}

    record Overview(int queued, List<Batch> batches, List<Waiting> failed, List<Waiting> withoutAddress) {}

    /** A change that cannot be made, with the message key of why. */
    static final class Refused extends RuntimeException {
        final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Letters letters;
    private final LetterRenderer renderer;
    private final PopulationRegister population;
    private final Tenants tenants;
    private final TenantPostSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PostDesk(
            JdbcClient jdbc,
            AuditLog audit,
            Letters letters,
            LetterRenderer renderer,
            PopulationRegister population,
            Tenants tenants,
            TenantPostSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.letters = letters;
        this.renderer = renderer;
        this.population = population;
        this.tenants = tenants;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    private static void require(SignedInUser.Staff staff) {
        if (!staff.hasRole(StaffRole.REGISTRAR)) {
            throw new AccessDeniedException("The post desk is for registrars");
        }
    }

    @Transactional(readOnly = true)
    Overview overview(SignedInUser.Staff staff) {
        require(staff);
        int queued = waitingForPrint();
        var batches = jdbc.sql(
                        "SELECT * FROM messaging.print_batch WHERE tenant_id = :tenant ORDER BY created_at DESC LIMIT 20")
                .param("tenant", CurrentTenant.require().value())
                .query((rs, n) -> new Batch(
                        rs.getObject("id", UUID.class),
                        rs.getInt("letters"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getObject("sent_on", LocalDate.class)))
                .list();
        return new Overview(queued, batches, waiting("FAILED"), waiting("NO_ADDRESS"));
    }

    private List<Waiting> waiting(String status) {
        return jdbc.sql("""
                SELECT d.id, d.letter_id, l.reference, l.subject, d.channel, d.reason, d.last_error, d.attempts, d.updated_at
                FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.status = :s AND l.pdf IS NOT NULL ORDER BY d.updated_at LIMIT 200
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("s", status)
                .query((rs, n) -> new Waiting(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    private int waitingForPrint() {
        return jdbc.sql(
                        "SELECT count(*) FROM messaging.dispatch WHERE tenant_id = :tenant AND status = 'PRINT_QUEUED' AND print_batch_id IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .query(Integer.class)
                .single();
    }

    /** A letter on its way by paper: what its receipt and the register's note need. */
    private record Posted(UUID letterId, UUID caseId, String kind, UUID sourceId) {}

    /**
     * Paper letters handed to the post on {@code sentOn}: each is taken as received the tenant's number of working
     * days later (a decision's appeal deadline runs from that), and the register notes how it left.
     */
    private void posted(List<Posted> sent, LocalDate sentOn) {
        Instant postedAt = noon(sentOn);
        Instant receivedAt = noon(SwedishWorkingDays.after(
                sentOn, settings.of(CurrentTenant.require()).paperDeliveryWorkingDays()));
        for (Posted letter : sent) {
            letters.received(letter.letterId(), letter.caseId(), letter.kind(), receivedAt, "PAPER", true);
            events.publishEvent(new PostEvents.LetterDispatched(
                    CurrentTenant.require(),
                    letter.letterId(),
                    letter.caseId(),
                    letter.kind(),
                    letter.sourceId(),
                    PostChannel.PAPER,
                    postedAt));
        }
    }

    /** A day's post counts from noon, so that no time zone moves it to another day. */
    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(SwedishTime.ZONE).toInstant();
    }

    /** Puts every letter waiting for print into a new batch; empty when none waits. */
    @Transactional
    Optional<UUID> newBatch(SignedInUser.Staff staff) {
        require(staff);
        int waiting = waitingForPrint();
        if (waiting == 0) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO messaging.print_batch (id, tenant_id, letters, created_at, created_by)
                VALUES (:id, :t, 0, :at, :by)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("at", now)
                .param("by", staff.auditId())
                .update();
        int count = jdbc.sql("""
                UPDATE messaging.dispatch SET print_batch_id = :b, updated_at = :at
                WHERE tenant_id = :tenant
                  AND id IN (SELECT id FROM messaging.dispatch
                             WHERE tenant_id = :tenant AND status = 'PRINT_QUEUED' AND print_batch_id IS NULL
                             ORDER BY created_at FOR UPDATE SKIP LOCKED)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("b", id)
                .param("at", now)
                .update();
        jdbc.sql("UPDATE messaging.print_batch SET letters = :n WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("n", count)
                .param("id", id)
                .update();
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "PRINT_BATCH_CREATED",
                "print_batch",
                id.toString(),
                Map.of("letters", Integer.toString(count))));
        return Optional.of(id);
    }

    /** The batch as one PDF: for each letter an address sheet for a window envelope, then the letter. */
    @Transactional
    Optional<byte[]> batchPdf(SignedInUser.Staff staff, UUID batchId) {
        require(staff);
        var rows = jdbc.sql("""
                SELECT l.identity_number, l.reference, l.pdf FROM messaging.dispatch d
                JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.print_batch_id = :b AND l.pdf IS NOT NULL ORDER BY d.created_at
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("b", batchId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)})
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "PRINT_BATCH_DOWNLOADED",
                "print_batch",
                batchId.toString(),
                Map.of("letters", Integer.toString(rows.size()))));
        var tenant = tenants.current();
        var post = settings.of(tenant.id());
        try (PDDocument merged = new PDDocument()) {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (Object[] row : rows) {
                PostalAddress address =
                        population.postalAddress((String) row[0]).orElse(null);
                if (address == null) {
                    // no longer in the register (a protected identity since): set apart when the batch is posted
                    continue;
                }
                byte[] sheet = renderer.addressSheet(tenant.name(), post.letterhead(), address, (String) row[1]);
                append(merger, merged, sheet);
                append(merger, merged, (byte[]) row[2]);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            merged.save(out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(PDFMergerUtility merger, PDDocument into, byte[] pdf) throws IOException {
        try (PDDocument part = Loader.loadPDF(new RandomAccessReadBuffer(pdf))) {
            merger.appendDocument(into, part);
        }
    }

    /**
     * Marks a batch as handed to the post on {@code sentOn}: its letters are sent, and taken as received the
     * tenant's number of working days later, from which a decision's appeal deadline runs.
     */
    @Transactional
    void markSent(SignedInUser.Staff staff, UUID batchId, LocalDate sentOn) {
        require(staff);
        var batch = jdbc.sql(
                        "SELECT created_at, sent_on FROM messaging.print_batch WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", batchId)
                .query((rs, n) -> new Object[] {rs.getTimestamp(1).toInstant(), rs.getObject(2, LocalDate.class)})
                .optional()
                .orElseThrow(() -> new Refused("post.desk.error.no-batch"));
        if (batch[1] != null) {
            throw new Refused("post.desk.error.already-sent");
        }
        LocalDate today = LocalDate.now(clock.withZone(SwedishTime.ZONE));
        LocalDate created = ((Instant) batch[0]).atZone(SwedishTime.ZONE).toLocalDate();
        if (sentOn == null || sentOn.isAfter(today) || sentOn.isBefore(created)) {
            throw new Refused("post.desk.error.sent-on");
        }
        // a letter whose address went from the register since it was queued was not printed: it waits on the desk
        var queued = jdbc.sql("""
                SELECT d.id, l.identity_number FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.print_batch_id = :b AND d.status = 'PRINT_QUEUED'
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("b", batchId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        for (var dispatch : queued) {
            if (population.postalAddress(dispatch.getValue()).isEmpty()) {
                jdbc.sql("""
                        UPDATE messaging.dispatch SET status = 'NO_ADDRESS', print_batch_id = NULL, updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", dispatch.getKey())
                        .param("now", Timestamp.from(clock.instant()))
                        .update();
            }
        }
        jdbc.sql("UPDATE messaging.print_batch SET sent_on = :on, sent_by = :by WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", batchId)
                .param("on", sentOn)
                .param("by", staff.auditId())
                .update();
        var sent = jdbc.sql("""
                UPDATE messaging.dispatch d SET status = 'PRINTED', delivered_at = :at, updated_at = :now
                FROM messaging.letter l
                WHERE d.tenant_id = :tenant AND l.tenant_id = d.tenant_id AND d.letter_id = l.id
                  AND d.print_batch_id = :b AND d.status = 'PRINT_QUEUED'
                RETURNING d.letter_id, l.case_id, l.kind, l.source_id
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("b", batchId)
                .param("at", Timestamp.from(noon(sentOn)))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Posted(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getObject(4, UUID.class)))
                .list();
        posted(sent, sentOn);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "PRINT_BATCH_SENT",
                "print_batch",
                batchId.toString(),
                Map.of("sentOn", sentOn.toString(), "letters", Integer.toString(sent.size()))));
    }

    /** A letter without an address to print, as a PDF for staff to send through Skatteverket; audited. */
    @Transactional
    Optional<byte[]> unaddressedLetter(SignedInUser.Staff staff, UUID dispatchId) {
        require(staff);
        var pdf = jdbc.sql("""
                SELECT l.pdf FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.id = :id AND d.status = 'NO_ADDRESS' AND l.pdf IS NOT NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatchId)
                .query(byte[].class)
                .optional();
        pdf.ifPresent(p -> audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "LETTER_OPENED",
                "dispatch",
                dispatchId.toString(),
                Map.of("by", "registry"))));
        return pdf;
    }

    /**
     * A letter without an address, sent on paper another way (through Skatteverket's forwarding, for a protected
     * identity) on {@code sentOn}: posted, and taken as received as any paper letter.
     */
    @Transactional
    void sentWithoutAddress(SignedInUser.Staff staff, UUID dispatchId, LocalDate sentOn) {
        require(staff);
        var letter = jdbc.sql("""
                SELECT d.letter_id, l.case_id, l.kind, l.source_id, d.created_at FROM messaging.dispatch d
                JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.id = :id AND d.status = 'NO_ADDRESS' AND l.pdf IS NOT NULL FOR UPDATE OF d
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatchId)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getObject(4, UUID.class),
                    rs.getTimestamp(5).toInstant()
                })
                .optional()
                .orElseThrow(() -> new Refused("post.desk.error.not-failed"));
        LocalDate today = LocalDate.now(clock.withZone(SwedishTime.ZONE));
        LocalDate queued = ((Instant) letter[4]).atZone(SwedishTime.ZONE).toLocalDate();
        if (sentOn == null || sentOn.isAfter(today) || sentOn.isBefore(queued)) {
            throw new Refused("post.desk.error.sent-on-letter");
        }
        jdbc.sql(
                        "UPDATE messaging.dispatch SET status = 'PRINTED', delivered_at = :at, updated_at = :now WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatchId)
                .param("at", Timestamp.from(noon(sentOn)))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        posted(List.of(new Posted((UUID) letter[0], (UUID) letter[1], (String) letter[2], (UUID) letter[3])), sentOn);
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "LETTER_SENT_WITHOUT_ADDRESS",
                "letter",
                letter[0].toString(),
                Map.of("sentOn", sentOn.toString())));
    }

    /** A digital delivery that failed for good goes on paper instead. */
    @Transactional
    void sendOnPaper(SignedInUser.Staff staff, UUID dispatchId) {
        require(staff);
        var letter = jdbc.sql("""
                SELECT d.letter_id, l.identity_number FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE d.tenant_id = :tenant AND d.id = :id AND d.status = 'FAILED' AND l.pdf IS NOT NULL FOR UPDATE OF d
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatchId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new Refused("post.desk.error.not-failed"));
        jdbc.sql(
                        "UPDATE messaging.dispatch SET status = 'REPLACED', reason = 'STAFF', updated_at = :now WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatchId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        letters.onPaper(letter.getKey(), letter.getValue(), "STAFF");
        audit.record(new AuditRecord(
                Actor.of(staff.auditId()),
                "LETTER_SENT_ON_PAPER",
                "letter",
                letter.getKey().toString(),
                Map.of()));
    }
}
