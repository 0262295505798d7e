package se.samla.booking;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.JsonNode;

/**
 * Who may open which door when. A confirmed booking of a resource with doors gives its booker a PIN and a QR code
 * valid in the booked time plus the resource's margin; a library borrower may get standing access in the unmanned
 * hours. Grants and revocations go to the lock controllers through the outbox, in the transaction that made them; what
 * the doors report back is checked and audited here, (a booking whose door stays shut is released by {@link NoShows}).
 */
@Service
public class DoorAccess {

    private static final Logger log = LoggerFactory.getLogger(DoorAccess.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SYSTEM = "system:locks";
    /** How far a door's clock may be from ours before its event is taken for a replay. */
    static final Duration SKEW = Duration.ofMinutes(5);

    /** A credential as its holder sees it. */
    record Credential(
            UUID id, UUID bookingId, String door, String pin, String qrToken, Instant validFrom, Instant validTo) {}

    /** What Samla made of a door's event. */
    public enum Outcome {
        OPENED,
        REFUSED_AT_DOOR,
        ALARM,
        UNSIGNED,
        REPLAYED,
        UNKNOWN_DOOR,
        UNKNOWN_CREDENTIAL,
        OUTSIDE_WINDOW,
        MALFORMED
    }

    private final JdbcClient jdbc;
    private final Resources resources;
    private final LockMessages messages;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    DoorAccess(
            JdbcClient jdbc,
            Resources resources,
            LockMessages messages,
            AuditLog audit,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.messages = messages;
        this.audit = audit;
        this.transactions = transactions;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Gives the booker of a confirmed booking a credential for each of the resource's doors, in one PIN. */
    void grant(Ledger.Row booking) {
        Resource resource =
                resources.of(CurrentTenant.require(), booking.resource()).orElse(null);
        if (resource == null || resource.doors().isEmpty()) {
            return;
        }
        Duration margin = Duration.ofMinutes(resource.accessMarginMinutes());
        issue(
                booking.id(),
                booking.personId(),
                resource,
                booking.startsAt().minus(margin),
                booking.endsAt().plus(margin),
                Map.of());
    }

    /**
     * Gives a borrower standing access to the resource's doors in its unmanned hours for a year; an earlier standing
     * credential of theirs for it is revoked.
     *
     * @throws Bookings.Refused when the resource has no doors or no unmanned hours
     */
    @Transactional
    Credential standing(SignedInUser.Resident resident, Resource resource) {
        if (resource.doors().isEmpty() || resource.unmannedHours().isEmpty()) {
            throw new Bookings.Refused("booking.error.no-standing-access");
        }
        List<UUID> earlier = jdbc.sql("""
                SELECT id FROM booking.credential WHERE tenant_id = :tenant AND person_id = :p AND booking_id IS NULL AND revoked_at IS NULL
                  AND door IN (:doors)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", resident.personId())
                .param("doors", resource.doors())
                .query(UUID.class)
                .list();
        earlier.forEach(this::revokeOne);
        Instant now = clock.instant();
        Map<String, String> schedule = new LinkedHashMap<>();
        resource.unmannedHours().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> schedule.put(e.getKey().name(), e.getValue()));
        List<Credential> issued =
                issue(null, resident.personId(), resource, now, now.plus(Duration.ofDays(365)), schedule);
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "DOOR_ACCESS_STANDING",
                "resource",
                resource.code(),
                Map.of("credentials", String.valueOf(issued.size()))));
        return issued.get(0);
    }

    private List<Credential> issue(
            UUID bookingId, UUID personId, Resource resource, Instant from, Instant to, Map<String, String> schedule) {
        String pin = freePin(resource.doors(), to);
        byte[] qr = new byte[18];
        RANDOM.nextBytes(qr);
        String qrToken = Base64.getUrlEncoder().withoutPadding().encodeToString(qr);
        Instant now = clock.instant();
        String slug = tenants.current().slug();
        List<Credential> issued = new java.util.ArrayList<>();
        for (String door : resource.doors()) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO booking.credential (id, tenant_id, booking_id, person_id, door, pin, qr_token,
                        valid_from, valid_to, created_at)
                    VALUES (:id, :t, :b, :p, :door, :pin, :qr, :from, :to, :now)
                    """)
                    .param("id", id)
                    .param("t", CurrentTenant.require().value())
                    .param("b", bookingId)
                    .param("p", personId)
                    .param("door", door)
                    .param("pin", pin)
                    .param("qr", qrToken)
                    .param("from", Timestamp.from(from))
                    .param("to", Timestamp.from(to))
                    .param("now", Timestamp.from(now))
                    .update();
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("type", "grant");
            grant.put("id", UUID.randomUUID().toString());
            grant.put("tenant", slug);
            grant.put("door", door);
            grant.put("credential", id.toString());
            grant.put("pinHash", messages.pinHash(slug, door, pin));
            grant.put("qrHash", messages.pinHash(slug, door, qrToken));
            grant.put("validFrom", from.toString());
            grant.put("validTo", to.toString());
            if (!schedule.isEmpty()) {
                grant.put("schedule", schedule);
            }
            grant.put("issuedAt", now.toString());
            enqueue(LockMessages.grantsTopic(slug, door), grant);
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "DOOR_ACCESS_GRANTED",
                    "credential",
                    id.toString(),
                    bookingId == null ? Map.of("door", door) : Map.of("door", door, "booking", bookingId.toString())));
            issued.add(new Credential(id, bookingId, door, pin, qrToken, from, to));
        }
        return issued;
    }

    /**
     * A six-digit PIN no other credential of these doors holds while this one is valid, so a code always names one
     * person and a guess hits no one else's.
     */
    private String freePin(List<String> doors, Instant until) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String pin = String.format("%06d", RANDOM.nextInt(1_000_000));
            boolean taken = jdbc.sql("""
                            SELECT count(*) FROM booking.credential WHERE tenant_id = :tenant AND door IN (:doors) AND pin = :pin
                              AND revoked_at IS NULL AND valid_to > :now
                            """)
                            .param("tenant", CurrentTenant.require().value())
                            .param("doors", doors)
                            .param("pin", pin)
                            .param("now", Timestamp.from(clock.instant()))
                            .query(Integer.class)
                            .single()
                    > 0;
            if (!taken) {
                return pin;
            }
        }
        throw new IllegalStateException("No free PIN for " + doors + ": too many credentials in force");
    }

    /** Revokes the booking's credentials: the doors stop opening for them. */
    void revoke(UUID bookingId) {
        jdbc.sql(
                        "SELECT id FROM booking.credential WHERE tenant_id = :tenant AND booking_id = :b AND revoked_at IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("b", bookingId)
                .query(UUID.class)
                .list()
                .forEach(this::revokeOne);
    }

    private void revokeOne(UUID credentialId) {
        var door = jdbc.sql("""
                UPDATE booking.credential SET revoked_at = :now WHERE tenant_id = :tenant AND id = :id AND revoked_at IS NULL RETURNING door
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", credentialId)
                .query(String.class)
                .optional();
        door.ifPresent(d -> {
            Map<String, Object> revoke = new LinkedHashMap<>();
            revoke.put("type", "revoke");
            revoke.put("id", UUID.randomUUID().toString());
            revoke.put("tenant", tenants.current().slug());
            revoke.put("door", d);
            revoke.put("credential", credentialId.toString());
            revoke.put("issuedAt", clock.instant().toString());
            enqueue(LockMessages.grantsTopic(tenants.current().slug(), d), revoke);
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "DOOR_ACCESS_REVOKED",
                    "credential",
                    credentialId.toString(),
                    Map.of("door", d)));
        });
    }

    private void enqueue(String topic, Map<String, Object> payload) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO booking.lock_outbox (id, tenant_id, topic, payload, created_at, next_attempt_at)
                VALUES (:id, :t, :topic, :payload, :now, :now)
                """)
                .param("id", UUID.randomUUID())
                .param("t", CurrentTenant.require().value())
                .param("topic", topic)
                .param("payload", messages.signGrant(payload))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The resident's credentials that have not run out, for their bookings page; the reading is audited. */
    @Transactional
    List<Credential> of(SignedInUser.Resident resident) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                Map.of("page", "tilltrade")));
        return jdbc.sql("""
                SELECT * FROM booking.credential WHERE tenant_id = :tenant AND person_id = :p AND revoked_at IS NULL AND valid_to > :now
                ORDER BY valid_from
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("p", resident.personId())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Credential(
                        rs.getObject("id", UUID.class),
                        rs.getObject("booking_id", UUID.class),
                        rs.getString("door"),
                        rs.getString("pin"),
                        rs.getString("qr_token"),
                        rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_to").toInstant()))
                .list();
    }

    /**
     * What a door reports, as it came from the broker: checked (signature, topic against payload, a door of this
     * municipality, a message id not seen before, a time near ours, a credential that is valid then for that door),
     * stored and audited; an opening with a booking's credential marks the booking as used.
     */
    public Outcome onDoorEvent(TenantId tenant, String topicDoor, byte[] envelope) {
        if (topicDoor == null || !topicDoor.matches(LockMessages.NAME)) {
            // not even a door's name: nothing of it is stored or audited, which would let a sender fill the log
            log.warn("Door message refused: the topic names no door");
            return Outcome.MALFORMED;
        }
        String slug = tenants.byId(tenant).orElseThrow().slug();
        return transactions.call(tenant, () -> {
            if (resources.of(tenant).stream().noneMatch(r -> r.doors().contains(topicDoor))) {
                return refuse(topicDoor, null, Outcome.UNKNOWN_DOOR, "no such door here");
            }
            Optional<JsonNode> opened = messages.openEvent(slug, topicDoor, envelope);
            if (opened.isEmpty()) {
                return refuse(topicDoor, null, Outcome.UNSIGNED, "not signed in the door's key, or not for this door");
            }
            JsonNode event = opened.get();
            String door = event.path("door").asString("");
            String messageId = event.path("id").asString("");
            String type = event.path("type").asString("");
            Instant at;
            try {
                at = Instant.parse(event.path("at").asString(""));
            } catch (DateTimeParseException e) {
                return refuse(topicDoor, messageId, Outcome.MALFORMED, "no time");
            }
            if (!door.equals(topicDoor) || messageId.isBlank() || messageId.length() > 100 || type.isBlank()) {
                return refuse(topicDoor, null, Outcome.MALFORMED, "door or id missing or not the topic's");
            }
            Instant now = clock.instant();
            if (at.isBefore(now.minus(SKEW)) || at.isAfter(now.plus(SKEW))) {
                return refuse(door, messageId, Outcome.REPLAYED, "time too far from ours");
            }
            UUID credential = null;
            try {
                String text = event.path("credential").asString("");
                credential = text.isEmpty() ? null : UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return refuse(door, messageId, Outcome.MALFORMED, "credential is no id");
            }
            Outcome outcome = switch (type) {
                case "opened" -> checkOpening(door, credential, at);
                case "refused" -> Outcome.REFUSED_AT_DOOR;
                case "forced", "left-open" -> Outcome.ALARM;
                default -> Outcome.MALFORMED;
            };
            int stored = jdbc.sql("""
                    INSERT INTO booking.door_event (id, tenant_id, door, message_id, kind, credential_id, outcome,
                        occurred_at, received_at)
                    VALUES (:id, :t, :door, :m, :kind, :c, :outcome, :at, :now)
                    ON CONFLICT (tenant_id, door, message_id) DO NOTHING
                    """)
                    .param("id", UUID.randomUUID())
                    .param("t", tenant.value())
                    .param("door", door)
                    .param("m", messageId)
                    .param("kind", type)
                    .param("c", credential)
                    .param("outcome", outcome.name())
                    .param("at", Timestamp.from(at))
                    .param("now", Timestamp.from(now))
                    .update();
            if (stored == 0) {
                return refuse(door, messageId, Outcome.REPLAYED, "message id seen before");
            }
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "DOOR_" + type.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    "door",
                    door,
                    credential == null
                            ? Map.of("outcome", outcome.name())
                            : Map.of("outcome", outcome.name(), "credential", credential.toString())));
            if (outcome == Outcome.OPENED && credential != null) {
                jdbc.sql("""
                        UPDATE booking.booking SET opened_at = coalesce(opened_at, :at)
                        WHERE tenant_id = :tenant
                          AND id = (SELECT booking_id FROM booking.credential WHERE tenant_id = :tenant AND id = :c)
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("at", Timestamp.from(at))
                        .param("c", credential)
                        .update();
            }
            if (outcome != Outcome.OPENED && outcome != Outcome.REFUSED_AT_DOOR) {
                log.warn("Door {} reported {}: {}", door, type, outcome);
            }
            return outcome;
        });
    }

    private Outcome checkOpening(String door, UUID credential, Instant at) {
        if (credential == null) {
            return Outcome.UNKNOWN_CREDENTIAL;
        }
        var window = jdbc.sql("""
                SELECT valid_from, valid_to, revoked_at FROM booking.credential WHERE tenant_id = :tenant AND id = :id AND door = :door
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", credential)
                .param("door", door)
                .query((rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(),
                    rs.getTimestamp(2).toInstant(),
                    rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()
                })
                .optional();
        if (window.isEmpty()) {
            return Outcome.UNKNOWN_CREDENTIAL;
        }
        Instant[] w = window.get();
        boolean inWindow = !at.isBefore(w[0]) && at.isBefore(w[1]) && (w[2] == null || at.isBefore(w[2]));
        return inWindow ? Outcome.OPENED : Outcome.OUTSIDE_WINDOW;
    }

    private Outcome refuse(String door, String messageId, Outcome outcome, String why) {
        // a refused message is logged and audited, never stored as the door's word
        log.warn("Door message refused on {} ({}): {}", door, outcome, why);
        audit.record(new AuditRecord(
                Actor.system(SYSTEM),
                "DOOR_MESSAGE_REFUSED",
                "door",
                door == null ? "?" : door,
                Map.of("outcome", outcome.name(), "message", messageId == null ? "" : messageId)));
        return outcome;
    }
}
