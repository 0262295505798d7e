package se.samla.records;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseEvents;
import se.samla.cases.CaseHandling;
import se.samla.cases.CaseSubmitted;
import se.samla.catalog.Catalog;
import se.samla.shared.Confidentiality;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * Registers the documents of registered cases as they arise, in the same transaction as the case change:
 * the application and its files and the resident's messages (incoming), messages to the resident and the
 * decision (outgoing), and memos (internal). A document of a secret case is marked with the case type's
 * OSL provision when registered; its public forms leave out whatever could reveal what is secret.
 *
 * <p>These listeners are plain {@code @EventListener}s, in the caller's transaction, unlike Samla's other module
 * listeners: OSL 5 kap. 1 § wants a public document registered without delay when it arrives or is drawn up, so a
 * case change and the registration of its document are committed together or not at all, and the register never
 * lags behind the case. The disposal's reaction is here for the same reason: a case is never half disposed.
 */
@Service
class Registrar {

    static final String SYSTEM = "system:registrering";

    enum Direction {
        INCOMING,
        OUTGOING,
        INTERNAL
    }

    enum Kind {
        APPLICATION,
        FILE,
        MESSAGE,
        DECISION,
        MEMO,
        LETTER,
        OTHER
    }

    private final JdbcClient jdbc;
    private final CaseHandling cases;
    private final Catalog catalog;
    private final AuditLog audit;
    private final se.samla.identity.PopulationRegister population;
    private final Clock clock;

    Registrar(
            JdbcClient jdbc,
            CaseHandling cases,
            Catalog catalog,
            AuditLog audit,
            se.samla.identity.PopulationRegister population,
            Clock clock) {
        this.population = population;
        this.jdbc = jdbc;
        this.cases = cases;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(CaseSubmitted e) {
        var facts = cases.registrationFacts(e.caseId()).orElseThrow();
        var type = catalog.version(e.tenantId(), facts.caseType(), facts.caseTypeVersion())
                .orElseThrow();
        if (!type.definition().isRegistered()) {
            return;
        }
        boolean secret = facts.confidentiality().reaches(Confidentiality.CONFIDENTIAL);
        String typeName = type.definition().name().sv();
        String party = facts.applicantName() == null ? "Anonym" : facts.applicantName();
        jdbc.sql("""
                INSERT INTO records.case_file (case_id, tenant_id, reference, case_type, title, public_title, osl_provision,
                    secrecy_marked_at, secrecy_marked_by, party_protected, opened_on)
                VALUES (:c, :t, :r, :type, :title, :public, :osl, :at, :by, :protected, :opened)
                """)
                .param("opened", LocalDate.ofInstant(clock.instant(), SwedishTime.ZONE))
                .param("protected", population.hasProtectedIdentity(facts.applicantIdentityNumber()))
                .param("c", e.caseId())
                .param("t", CurrentTenant.require().value())
                .param("r", facts.reference())
                .param("type", facts.caseType())
                .param("title", typeName + " – " + party)
                .param("public", typeName)
                .param("osl", secret ? facts.provision() : null)
                .param("at", secret ? Timestamp.from(clock.instant()) : null)
                .param("by", secret ? SYSTEM : null)
                .update();
        // the register's titles, which the one search looks in before it fetches each title's newest cases
        jdbc.sql("""
                INSERT INTO records.register_title (tenant_id, title) VALUES (:t, :title)
                ON CONFLICT (tenant_id, title) DO NOTHING
                """)
                .param("t", CurrentTenant.require().value())
                .param("title", typeName)
                .update();
        register(
                e.caseId(),
                Direction.INCOMING,
                Kind.APPLICATION,
                e.caseId(),
                party,
                // the signature is part of the application; the register says it was signed, not by whom
                "Ansökan: " + typeName + (facts.signed() ? ", underskriven med e-legitimation" : ""),
                facts.signed() ? "Ansökan, underskriven med e-legitimation" : "Ansökan",
                facts.applicantName() == null ? "anonymous" : SYSTEM);
        registerNewFiles(e.caseId(), party);
    }

    /** A guardian's signature of the application comes in later, and is registered as it comes. */
    @EventListener
    void on(CaseEvents.CoSignatureAnswered e) {
        if (!"SIGNED".equals(e.outcome()) || !registered(e.caseId())) {
            return;
        }
        String title = "Underskrift av vårdnadshavare, med e-legitimation";
        register(e.caseId(), Direction.INCOMING, Kind.OTHER, e.signatureId(), party(e.caseId()), title, title, SYSTEM);
    }

    @EventListener
    void on(CaseEvents.MessageFromResident e) {
        if (!registered(e.caseId())) {
            return;
        }
        String party = party(e.caseId());
        cases.message(e.caseId(), e.messageId())
                .ifPresent(m -> register(
                        e.caseId(),
                        Direction.INCOMING,
                        Kind.MESSAGE,
                        m.id(),
                        party,
                        "Meddelande från " + m.authorName(),
                        "Meddelande från sökande",
                        SYSTEM));
        // files sent with the answer to a completion request
        registerNewFiles(e.caseId(), party);
    }

    @EventListener
    void on(CaseEvents.MessageSentToResident e) {
        if (!registered(e.caseId())) {
            return;
        }
        String party = party(e.caseId());
        cases.message(e.caseId(), e.messageId())
                .ifPresent(m -> register(
                        e.caseId(),
                        Direction.OUTGOING,
                        Kind.MESSAGE,
                        m.id(),
                        party,
                        "Meddelande till sökande från " + m.authorName(),
                        "Meddelande till sökande",
                        SYSTEM));
    }

    @EventListener
    void on(CaseEvents.DecisionMade e) {
        if (!registered(e.caseId())) {
            return;
        }
        String party = party(e.caseId());
        var facts = cases.registrationFacts(e.caseId()).orElseThrow();
        String outcome = catalog.version(e.tenantId(), facts.caseType(), facts.caseTypeVersion())
                .flatMap(t -> t.definition().result(e.outcome()))
                .map(r -> r.name().sv())
                .orElse(e.outcome());
        register(
                e.caseId(),
                Direction.OUTGOING,
                Kind.DECISION,
                e.caseId(),
                party,
                "Beslut: " + outcome,
                secret(e.caseId()) ? "Beslut" : "Beslut: " + outcome,
                SYSTEM);
    }

    /** The handover to another municipality is an outgoing document of the case, registered with its closing. */
    @EventListener
    void on(CaseEvents.TransferredOut e) {
        if (!registered(e.caseId())) {
            return;
        }
        String description = "Överlämnande av ärendet till " + e.toName()
                + (e.secrecyProvision() == null ? "" : "; sekretessen följer med enligt " + e.secrecyProvision());
        register(
                e.caseId(),
                Direction.OUTGOING,
                Kind.OTHER,
                e.transferId(),
                e.toName(),
                description,
                "Överlämnande av ärendet till " + e.toName(),
                SYSTEM);
    }

    /** A case handed over by another municipality arrives as an incoming document: the handover itself. */
    @EventListener
    void on(CaseEvents.TransferredIn e) {
        if (!registered(e.caseId())) {
            return;
        }
        String description = "Överlämnat ärende från " + e.fromName() + ", deras diarienummer " + e.fromReference()
                + (e.secrecyProvision() == null ? "" : "; sekretess enligt " + e.secrecyProvision());
        register(
                e.caseId(),
                Direction.INCOMING,
                Kind.OTHER,
                e.transferId(),
                e.fromName(),
                description,
                "Överlämnat ärende från " + e.fromName(),
                SYSTEM);
    }

    @EventListener
    void on(CaseEvents.NoteAdded e) {
        if (!registered(e.caseId())) {
            return;
        }
        register(
                e.caseId(),
                Direction.INTERNAL,
                Kind.MEMO,
                e.noteId(),
                null,
                "Tjänsteanteckning",
                "Tjänsteanteckning",
                SYSTEM);
    }

    /**
     * A disposed case takes the person with it from the register too: its entries keep their number, date,
     * direction and kind, in their public form, and requests for its documents lose who asked. In the disposal's
     * own transaction, so that no case is ever half disposed.
     */
    @EventListener
    void on(CaseEvents.Disposed e) {
        jdbc.sql("UPDATE records.case_file SET title = public_title WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", e.caseId())
                .update();
        jdbc.sql("""
                UPDATE records.entry SET counterpart = NULL, public_counterpart = NULL, description = public_description
                WHERE tenant_id = :tenant AND case_id = :c
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", e.caseId())
                .update();
        jdbc.sql("""
                UPDATE records.document_request SET requester_name = NULL, requester_email = NULL, message = NULL
                WHERE tenant_id = :tenant
                  AND entry_id IN (SELECT id FROM records.entry WHERE tenant_id = :tenant AND case_id = :c)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", e.caseId())
                .update();
    }

    /**
     * Notes how and when an outgoing document left (expediering). It runs after the post's own transaction, through
     * the event registry, not inside it: the document itself was registered when it was drawn up, and this adds
     * the channel seconds later. A letter of a document not registered before (a completion request) is registered
     * now, as a letter.
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(se.samla.messaging.PostEvents.LetterDispatched e) {
        // an answer in the secure mailbox belongs to no case until its thread becomes one
        if (e.caseId() == null || !registered(e.caseId())) {
            return;
        }
        Kind kind = switch (e.kind()) {
            case "DECISION" -> Kind.DECISION;
            case "MESSAGE" -> Kind.MESSAGE;
            default -> Kind.LETTER;
        };
        UUID source = kind == Kind.LETTER ? e.letterId() : e.sourceId();
        if (kind == Kind.LETTER) {
            String title = switch (e.kind()) {
                case "SIGNATURE_REQUEST" -> "Begäran om underskrift till vårdnadshavare";
                case "INVOICE" -> "Faktura";
                case "CREDIT_NOTE" -> "Kreditfaktura";
                case "REMINDER" -> "Betalningspåminnelse";
                default -> "Begäran om komplettering";
            };
            register(e.caseId(), Direction.OUTGOING, Kind.LETTER, source, party(e.caseId()), title, title, SYSTEM);
        }
        jdbc.sql("""
                UPDATE records.entry SET dispatched_at = coalesce(dispatched_at, :at),
                    dispatched_via = CASE WHEN dispatched_via IS NULL THEN :via ELSE dispatched_via || ', ' || :via END
                WHERE tenant_id = :tenant AND (case_id = :c AND kind = :k AND source_id = :s
                  AND (dispatched_via IS NULL OR position(:via in dispatched_via) = 0))
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", e.caseId())
                .param("k", kind.name())
                .param("s", source)
                .param("at", Timestamp.from(e.at()))
                .param("via", e.channel().name())
                .update();
    }

    private void registerNewFiles(UUID caseId, String party) {
        for (var file : cases.allFiles(caseId)) {
            register(
                    caseId,
                    Direction.INCOMING,
                    Kind.FILE,
                    file.id(),
                    party,
                    "Bilaga: " + file.filename(),
                    "Bilaga",
                    SYSTEM);
        }
    }

    /**
     * Registers one document under the case's next number; a document already registered (the same
     * source) is left as it is.
     *
     * @return the new entry's id, or empty when it was registered before
     */
    Optional<UUID> register(
            UUID caseId,
            Direction direction,
            Kind kind,
            UUID sourceId,
            String counterpart,
            String description,
            String publicDescription,
            String by) {
        return register(caseId, direction, kind, sourceId, counterpart, description, publicDescription, by, null);
    }

    /** The same, with a secrecy marking of its own where the document needs one that its case has not. */
    Optional<UUID> register(
            UUID caseId,
            Direction direction,
            Kind kind,
            UUID sourceId,
            String counterpart,
            String description,
            String publicDescription,
            String by,
            String ownProvision) {
        if (sourceId != null
                && jdbc.sql(
                                        "SELECT count(*) FROM records.entry WHERE tenant_id = :tenant AND case_id = :c AND kind = :k AND source_id = :s")
                                .param("tenant", CurrentTenant.require().value())
                                .param("c", caseId)
                                .param("k", kind.name())
                                .param("s", sourceId)
                                .query(Integer.class)
                                .single()
                        > 0) {
            return Optional.empty();
        }
        // the case file's row is the lock that keeps the numbers of one case in order
        var file = jdbc.sql("""
                UPDATE records.case_file SET last_number = last_number + 1 WHERE tenant_id = :tenant AND case_id = :c
                RETURNING last_number, osl_provision, party_protected
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getBoolean(3)})
                .single();
        int number = (Integer) file[0];
        String provision = ownProvision != null ? ownProvision : (String) file[1];
        boolean secret = provision != null;
        boolean hidden = secret || (Boolean) file[2];
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO records.entry (id, tenant_id, case_id, number, registered_on, registered_at, registered_by,
                    direction, kind, source_id, counterpart, public_counterpart, description, public_description,
                    osl_provision, secrecy_marked_at, secrecy_marked_by)
                VALUES (:id, :t, :c, :n, :on, :at, :by, :dir, :kind, :source, :cp, :pcp, :d, :pd, :osl, :mat, :mby)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("c", caseId)
                .param("n", number)
                .param("on", LocalDate.ofInstant(now, SwedishTime.ZONE))
                .param("at", Timestamp.from(now))
                .param("by", by)
                .param("dir", direction.name())
                .param("kind", kind.name())
                .param("source", sourceId)
                .param("cp", counterpart)
                .param("pcp", hidden ? null : counterpart)
                .param("d", description)
                .param("pd", publicDescription)
                .param("osl", provision)
                .param("mat", secret ? Timestamp.from(now) : null)
                .param("mby", secret ? (ownProvision != null ? by : SYSTEM) : null)
                .update();
        audit.record(new AuditRecord(
                Actor.of(by),
                "DOCUMENT_REGISTERED",
                "case",
                caseId.toString(),
                Map.of("number", Integer.toString(number), "direction", direction.name())));
        return Optional.of(id);
    }

    /**
     * Marks a registered document as secret under an OSL provision, or removes the marking (null). A marked
     * document's counterpart leaves the public register. The marking is a warning: each request for the
     * document is assessed again.
     */
    boolean markDocument(UUID caseId, int number, String provision, String by) {
        int changed = jdbc.sql("""
                UPDATE records.entry SET osl_provision = CAST(:p AS text), secrecy_marked_at = CASE WHEN CAST(:p AS text) IS NULL THEN NULL ELSE now() END,
                    secrecy_marked_by = CASE WHEN CAST(:p AS text) IS NULL THEN NULL ELSE :by END,
                    public_counterpart = CASE WHEN CAST(:p AS text) IS NULL AND NOT (SELECT party_protected
                        FROM records.case_file f WHERE f.tenant_id = :tenant AND f.case_id = :c) THEN counterpart ELSE NULL END
                WHERE tenant_id = :tenant AND case_id = :c AND number = :n
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", provision)
                .param("by", by)
                .param("c", caseId)
                .param("n", number)
                .update();
        if (changed == 1) {
            audit.record(new AuditRecord(
                    Actor.of(by),
                    provision == null ? "SECRECY_MARKING_REMOVED" : "SECRECY_MARKED",
                    "case",
                    caseId.toString(),
                    provision == null
                            ? Map.of("number", Integer.toString(number))
                            : Map.of("number", Integer.toString(number), "provision", provision)));
        }
        return changed == 1;
    }

    /** Marks the case as secret (or removes the marking); documents registered from now on carry it. */
    boolean markCase(UUID caseId, String provision, String by) {
        int changed = jdbc.sql("""
                UPDATE records.case_file SET osl_provision = CAST(:p AS text), secrecy_marked_at = CASE WHEN CAST(:p AS text) IS NULL THEN NULL ELSE now() END,
                    secrecy_marked_by = CASE WHEN CAST(:p AS text) IS NULL THEN NULL ELSE :by END WHERE tenant_id = :tenant AND case_id = :c
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", provision)
                .param("by", by)
                .param("c", caseId)
                .update();
        if (changed == 1) {
            audit.record(new AuditRecord(
                    Actor.of(by),
                    provision == null ? "CASE_SECRECY_MARKING_REMOVED" : "CASE_SECRECY_MARKED",
                    "case",
                    caseId.toString(),
                    provision == null ? Map.of() : Map.of("provision", provision)));
        }
        return changed == 1;
    }

    boolean registered(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM records.case_file WHERE tenant_id = :tenant AND case_id = :c")
                        .param("tenant", CurrentTenant.require().value())
                        .param("c", caseId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private boolean secret(UUID caseId) {
        return jdbc.sql(
                        "SELECT osl_provision IS NOT NULL FROM records.case_file WHERE tenant_id = :tenant AND case_id = :c")
                .param("tenant", CurrentTenant.require().value())
                .param("c", caseId)
                .query(Boolean.class)
                .single();
    }

    private String party(UUID caseId) {
        return cases.registrationFacts(caseId)
                .map(f -> f.applicantName() == null ? "Anonym" : f.applicantName())
                .orElse("Anonym");
    }
}
