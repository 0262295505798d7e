package se.samla.messaging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseLetter;
import se.samla.identity.PopulationRegister;
import se.samla.messaging.view.LetterView;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * The municipality's letters: each document of a case that goes to its applicant (a decision, a completion request,
 * a message sent as a letter) becomes one PDF/A letter, kept for Mina sidor, and gets its first way out by the
 * resident's choice. Letters are made once per document however often their event is handled.
 */
@Service
class Letters {

    static final String SYSTEM = "system:post";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Letters.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    /** A letter as its recipient and staff see it in lists. */
    record Letter(
            UUID id,
            UUID caseId,
            String reference,
            String kind,
            String subject,
            boolean mustDeliver,
            Instant createdAt,
            Instant openedAt,
            Instant receivedAt,
            String receivedVia,
            boolean receivedDeemed,
            LocalDate appealUntil,
            String signedBy,
            String signedWith) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final LetterRenderer renderer;
    private final PostChoices choices;
    private final TenantPostSettings settings;
    private final Tenants tenants;
    private final PopulationRegister population;
    private final MessageSource messages;
    private final CaseHandling cases;
    private final OrganisationCertificates certificates;
    private final DecisionSeal seal;
    private final Clock clock;

    Letters(
            JdbcClient jdbc,
            AuditLog audit,
            LetterRenderer renderer,
            PostChoices choices,
            TenantPostSettings settings,
            Tenants tenants,
            PopulationRegister population,
            MessageSource messages,
            CaseHandling cases,
            OrganisationCertificates certificates,
            DecisionSeal seal,
            Clock clock) {
        this.certificates = certificates;
        this.seal = seal;
        this.jdbc = jdbc;
        this.audit = audit;
        this.renderer = renderer;
        this.choices = choices;
        this.settings = settings;
        this.tenants = tenants;
        this.population = population;
        this.messages = messages;
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * Makes the letter of a case's document and its first dispatch, once. Nothing is made for a case without an
     * applicant who logged in (an anonymous case gets no post).
     *
     * @param kind DECISION, COMPLETION_REQUEST or MESSAGE
     * @return the letter, new or made before
     */
    @Transactional
    Optional<UUID> create(String kind, UUID caseId, UUID sourceId) {
        var existing = jdbc.sql(
                        "SELECT id FROM messaging.letter WHERE tenant_id = :tenant AND kind = :k AND source_id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("k", kind)
                .param("s", sourceId)
                .query(UUID.class)
                .optional();
        if (existing.isPresent()) {
            return existing;
        }
        var content = cases.letter(caseId, kind, sourceId);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        return make(content.get());
    }

    /**
     * Makes a letter that is no case's document (an answer in the secure mailbox) and its first dispatch, once per
     * source.
     */
    @Transactional
    UUID create(CaseLetter letter) {
        return create(letter, null);
    }

    /** As {@link #create(CaseLetter)}, with an iCalendar file that goes with the letter (a booking's). */
    @Transactional
    UUID create(CaseLetter letter, String calendar) {
        return jdbc.sql("SELECT id FROM messaging.letter WHERE tenant_id = :tenant AND kind = :k AND source_id = :s")
                .param("tenant", CurrentTenant.require().value())
                .param("k", letter.kind())
                .param("s", letter.sourceId())
                .query(UUID.class)
                .optional()
                .or(() -> make(letter, calendar))
                .orElseThrow();
    }

    private Optional<UUID> make(CaseLetter letter) {
        return make(letter, null);
    }

    private Optional<UUID> make(CaseLetter letter, String calendar) {
        String kind = letter.kind();
        UUID caseId = letter.caseId();
        UUID sourceId = letter.sourceId();
        Tenant tenant = tenants.current();
        byte[] pdf = renderer.render(view(tenant, letter));
        String signedBy = null;
        String signedWith = null;
        if ("DECISION".equals(kind) && certificates.available(tenant.id())) {
            // the decision leaves signed by the municipality; DSS's check of it is made, and kept, the first time the
            // letter is shown here (a full validation costs more than the signature and most letters are read
            // elsewhere)
            try {
                var signer = certificates.of(tenant.id());
                pdf = seal.seal(
                        pdf,
                        signer,
                        messages.getMessage(
                                "letter.seal.reason",
                                new Object[] {letter.signedBy() == null ? tenant.name() : letter.signedBy()},
                                SWEDISH),
                        tenant.name(),
                        clock.instant());
                signedBy = tenant.name();
                signedWith = DecisionSeal.fingerprint(signer.certificate());
            } catch (RuntimeException e) {
                // an expired or unreadable certificate must not keep a decision from its applicant: it goes unsigned,
                // and the registry is told
                log.warn("Decision letter of case {} not signed: {}", caseId, e.getMessage());
                certificates.forget(tenant.id());
                audit.record(new AuditRecord(
                        Actor.system(SYSTEM),
                        "LETTER_NOT_SIGNED",
                        "case",
                        caseId.toString(),
                        Map.of("reason", String.valueOf(e.getMessage()))));
            }
        }
        UUID id = UUID.randomUUID();
        String subject = subject(tenant, letter);
        int inserted = jdbc.sql("""
                INSERT INTO messaging.letter (id, tenant_id, case_id, reference, kind, source_id, person_id,
                    identity_number, recipient_name, subject, must_deliver, pdf, pdf_sha256, created_at, signed_by,
                    signed_with, calendar)
                VALUES (:id, :t, :c, :ref, :k, :s, :p, :pin, :name, :subject, :must, :pdf, :sha, :at, :signedBy,
                    :signedWith, :calendar)
                ON CONFLICT (tenant_id, kind, source_id) DO NOTHING
                """)
                .param("id", id)
                .param("t", tenant.id().value())
                .param("c", caseId)
                .param("ref", letter.reference())
                .param("k", kind)
                .param("s", sourceId)
                .param("p", letter.personId())
                .param("pin", letter.identityNumber())
                .param("name", letter.recipientName())
                .param("subject", subject)
                .param("must", letter.mustBeDelivered())
                .param("pdf", pdf)
                .param("sha", sha256(pdf))
                .param("at", Timestamp.from(clock.instant()))
                .param("signedBy", signedBy)
                .param("signedWith", signedWith)
                .param("calendar", calendar)
                .update();
        if (inserted == 0) {
            // another instance made it a moment ago
            return jdbc.sql(
                            "SELECT id FROM messaging.letter WHERE tenant_id = :tenant AND kind = :k AND source_id = :s")
                    .param("tenant", CurrentTenant.require().value())
                    .param("k", kind)
                    .param("s", sourceId)
                    .query(UUID.class)
                    .optional();
        }
        var choice = choices.of(letter.personId());
        PostChannel channel = choice.map(PostChoices.Choice::channel).orElse(PostChannel.DIGITAL_MAILBOX);
        String reason = choice.isPresent() ? "CHOSEN" : "DEFAULT";
        if (channel == PostChannel.PAPER) {
            onPaper(id, letter.identityNumber(), reason);
        } else {
            dispatch(id, channel, "PENDING", reason);
        }
        audit.record(new AuditRecord(
                Actor.system(SYSTEM),
                "LETTER_CREATED",
                "letter",
                id.toString(),
                caseId == null
                        ? Map.of("kind", kind, "source", sourceId.toString(), "channel", channel.name())
                        : Map.of("kind", kind, "case", caseId.toString(), "channel", channel.name())));
        return Optional.of(id);
    }

    /** A paper dispatch: into the print queue, or, without an address to print, onto staff's list. */
    UUID onPaper(UUID letterId, String identityNumber, String reason) {
        boolean addressed = population.postalAddress(identityNumber).isPresent();
        return dispatch(letterId, PostChannel.PAPER, addressed ? "PRINT_QUEUED" : "NO_ADDRESS", reason);
    }

    UUID dispatch(UUID letterId, PostChannel channel, String status, String reason) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO messaging.dispatch (id, tenant_id, letter_id, channel, status, reason, next_attempt_at,
                    message_id, created_at, updated_at)
                VALUES (:id, :t, :l, :c, :s, :r, :next, :m, :at, :at)
                ON CONFLICT (tenant_id, letter_id) WHERE channel = 'PAPER' AND status IN ('PRINT_QUEUED', 'NO_ADDRESS', 'PRINTED')
                DO NOTHING
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("l", letterId)
                .param("c", channel.name())
                .param("s", status)
                .param("r", reason)
                .param("next", "PENDING".equals(status) ? now : null)
                .param("m", id.toString())
                .param("at", now)
                .update();
        return id;
    }

    /** The resident's letters, newest first; the reading is audited. */
    @Transactional
    List<Letter> of(se.samla.identity.SignedInUser.Resident resident) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                Map.of("page", "post")));
        return newestOf(resident.personId(), Integer.MAX_VALUE);
    }

    /**
     * The person's letters not yet opened on Mina sidor, oldest first: those delivered to a digital mailbox or on
     * paper are read there, so they are not counted. The caller audits the reading.
     */
    List<Letter> unreadOf(UUID personId) {
        return jdbc.sql("""
                SELECT id, case_id, reference, kind, subject, must_deliver, created_at, opened_at, received_at,
                       received_via, received_deemed, appeal_until, signed_by, signed_with
                FROM messaging.letter
                WHERE tenant_id = :tenant AND (person_id = :p AND pdf IS NOT NULL AND opened_at IS NULL
                  AND (received_via IS NULL OR received_via = 'MY_PAGES'))
                ORDER BY created_at
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .query((rs, n) -> letter(rs))
                .list();
    }

    /** The person's newest letters, at most {@code limit}; the caller audits the reading. */
    List<Letter> newestOf(UUID personId, int limit) {
        return jdbc.sql("""
                SELECT * FROM messaging.letter WHERE tenant_id = :tenant AND person_id = :p AND pdf IS NOT NULL
                ORDER BY created_at DESC LIMIT :limit
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .param("limit", limit)
                .query((rs, n) -> letter(rs))
                .list();
    }

    /**
     * What a letter is, for one reader: its content, for the right resident only.
     *
     * @param signatureHolds for a signed letter, whether its signature still holds when checked now; else true
     */
    record Content(Letter letter, byte[] pdf, boolean signatureHolds) {}

    /**
     * One of the resident's letters, opened: audited, and marked read the first time. A letter sent as an e-mail
     * notice counts as received when first opened. Any other id, or another person's letter, is empty and the
     * refusal audited.
     */
    @Transactional
    Optional<Content> open(se.samla.identity.SignedInUser.Resident resident, UUID letterId) {
        var found = jdbc.sql(
                        "SELECT * FROM messaging.letter WHERE tenant_id = :tenant AND id = :id AND person_id = :p AND pdf IS NOT NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("id", letterId)
                .param("p", resident.personId())
                .query((rs, n) -> new Content(letter(rs), rs.getBytes("pdf"), true))
                .optional()
                .map(this::checked);
        if (found.isPresent() && !found.get().signatureHolds()) {
            // not handed out, so neither opened nor received: the appeal period does not start on it
            return found;
        }
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                found.isPresent() ? "LETTER_OPENED" : "ACCESS_REFUSED",
                "letter",
                letterId.toString(),
                Map.of("by", "resident")));
        found.ifPresent(c -> {
            if (c.letter().openedAt() == null) {
                Instant now = clock.instant();
                jdbc.sql(
                                "UPDATE messaging.letter SET opened_at = :at WHERE tenant_id = :tenant AND id = :id AND opened_at IS NULL")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", letterId)
                        .param("at", Timestamp.from(now))
                        .update();
                // reading it in Mina sidor is receiving it, if nothing brought it sooner
                received(letterId, c.letter().caseId(), c.letter().kind(), now, "MY_PAGES", false);
            }
        });
        return found;
    }

    /** A signed letter is checked again as it is shown: one changed since it was signed is told as such. */
    private Content checked(Content content) {
        if (content.letter().signedBy() == null) {
            return content;
        }
        var verdict = content.letter().signedWith() == null
                ? DecisionSeal.Verdict.unsigned()
                : seal.check(
                        content.pdf(),
                        content.letter().signedWith(),
                        certificates.of(CurrentTenant.require()).certificate());
        // the first check is kept with the letter as the proof of its signature
        jdbc.sql("""
                UPDATE messaging.letter SET seal_indication = :i, seal_report = :r
                WHERE tenant_id = :tenant AND id = :id AND seal_report IS NULL
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("i", verdict.indication())
                .param("r", verdict.report())
                .param("id", content.letter().id())
                .update();
        if (!verdict.intact()) {
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "LETTER_SIGNATURE_BROKEN",
                    "letter",
                    content.letter().id().toString(),
                    Map.of("indication", verdict.indication())));
        }
        return new Content(content.letter(), content.pdf(), verdict.intact());
    }

    /**
     * The letter reached the resident, or is taken to have: the earliest receipt counts, and a decision's appeal
     * deadline runs from its day.
     *
     * @param via DIGITAL_MAILBOX, MY_PAGES (opened there) or PAPER
     * @param deemed whether the day is reckoned (paper) rather than known
     */
    void received(UUID letterId, UUID caseId, String kind, Instant at, String via, boolean deemed) {
        LocalDate day = at.atZone(SwedishTime.ZONE).toLocalDate();
        LocalDate appealUntil = "DECISION".equals(kind) ? SwedishWorkingDays.appealDeadline(day) : null;
        int changed = jdbc.sql("""
                UPDATE messaging.letter SET received_at = :at, received_via = :via, received_deemed = :deemed,
                    appeal_until = :appeal
                WHERE tenant_id = :tenant AND (id = :id AND (received_at IS NULL OR received_at > :at))
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", letterId)
                .param("at", Timestamp.from(at))
                .param("via", via)
                .param("deemed", deemed)
                .param("appeal", appealUntil)
                .update();
        if (changed > 0 && "DECISION".equals(kind)) {
            cases.decisionReceived(caseId, at, via, deemed, appealUntil);
        }
    }

    static Letter letter(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Letter(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                rs.getString("reference"),
                rs.getString("kind"),
                rs.getString("subject"),
                rs.getBoolean("must_deliver"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("received_at")),
                rs.getString("received_via"),
                rs.getBoolean("received_deemed"),
                rs.getObject("appeal_until", LocalDate.class),
                rs.getString("signed_by"),
                rs.getString("signed_with"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * After the disposal of a case its letters keep what they were and when they went, not to whom or what they
     * said: the content, the recipient and the subject's reference go.
     */
    @Transactional
    void forget(UUID caseId) {
        jdbc.sql("""
                UPDATE messaging.letter SET pdf = NULL, pdf_sha256 = NULL, person_id = NULL, identity_number = NULL,
                    recipient_name = NULL, reference = NULL, subject = kind, seal_report = NULL
                WHERE tenant_id = :tenant AND case_id = :c
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .update();
        // and whatever of them was still on its way stays where it is
        jdbc.sql("""
                UPDATE messaging.dispatch SET status = 'REPLACED', reason = 'DISPOSED', next_attempt_at = NULL
                WHERE tenant_id = :tenant AND status IN ('PENDING', 'PRINT_QUEUED', 'NO_ADDRESS', 'FAILED')
                  AND letter_id IN (SELECT id FROM messaging.letter WHERE tenant_id = :tenant AND case_id = :c)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .update();
    }

    /** Whether a letter of this document was ever made (it may have been forgotten since). */
    boolean exists(String kind, UUID sourceId) {
        return jdbc.sql(
                                "SELECT count(*) FROM messaging.letter WHERE tenant_id = :tenant AND kind = :k AND source_id = :s")
                        .param("tenant", CurrentTenant.require().value())
                        .param("k", kind)
                        .param("s", sourceId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The letters of these documents keep what they were and when they went, not to whom or what they said. */
    void forgetSources(List<UUID> sourceIds) {
        if (sourceIds.isEmpty()) {
            return;
        }
        UUID[] ids = sourceIds.toArray(UUID[]::new);
        jdbc.sql("""
                UPDATE messaging.letter SET pdf = NULL, pdf_sha256 = NULL, person_id = NULL, identity_number = NULL,
                    recipient_name = NULL, reference = NULL, subject = kind, seal_report = NULL
                WHERE tenant_id = :tenant AND source_id = ANY(:s)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("s", ids)
                .update();
        jdbc.sql("""
                UPDATE messaging.dispatch SET status = 'REPLACED', reason = 'DISPOSED', next_attempt_at = NULL
                WHERE tenant_id = :tenant AND status IN ('PENDING', 'PRINT_QUEUED', 'NO_ADDRESS', 'FAILED')
                  AND letter_id IN (SELECT id FROM messaging.letter WHERE tenant_id = :tenant AND source_id = ANY(:s))
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("s", ids)
                .update();
    }

    String subject(Tenant tenant, CaseLetter letter) {
        return messages.getMessage(
                "post.subject." + letter.kind(), new Object[] {letter.reference(), letter.caseTypeName()}, SWEDISH);
    }

    LetterView view(Tenant tenant, CaseLetter letter) {
        var post = settings.of(tenant.id());
        String unit =
                tenants.unit(tenant.id(), letter.unit()).map(u -> u.name().sv()).orElse(letter.unit());
        List<LetterView.Part> parts = new ArrayList<>();
        for (CaseLetter.Part part : letter.parts()) {
            parts.add(new LetterView.Part(part.heading(), paragraphs(part.text())));
        }
        List<String> appeal = "DECISION".equals(letter.kind())
                ? List.of(
                        messages.getMessage("letter.appeal.when", null, SWEDISH),
                        messages.getMessage("letter.appeal.how", new Object[] {unit, tenant.name()}, SWEDISH),
                        messages.getMessage("letter.appeal.what", new Object[] {letter.reference()}, SWEDISH))
                : List.of();
        return new LetterView(
                tenant.name(),
                post.letterhead(),
                List.of(),
                letter.reference(),
                letter.drawnUpAt().atZone(SwedishTime.ZONE).toLocalDate().toString(),
                letter.caseTypeName(),
                unit,
                letter.title(),
                parts,
                letter.signedBy(),
                appeal,
                post.footer(),
                new LetterView.Labels(
                        messages.getMessage("letter.label.date", null, SWEDISH),
                        messages.getMessage(
                                letter.caseId() == null ? "letter.label.thread" : "letter.label.reference",
                                null,
                                SWEDISH),
                        messages.getMessage(
                                letter.caseId() == null ? "letter.label.subject" : "letter.label.case", null, SWEDISH),
                        messages.getMessage("letter.appeal.heading", null, SWEDISH),
                        messages.getMessage("letter.label.page", null, SWEDISH),
                        messages.getMessage("letter.label.of", null, SWEDISH)));
    }

    private static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.strip().split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
