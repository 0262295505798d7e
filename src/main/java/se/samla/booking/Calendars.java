package se.samla.booking;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.shared.CurrentTenant;

/**
 * Bookings in iCalendar (RFC 5545), written with ical4j: the invitation and cancellation that go with the booker's
 * post (RFC 5546 REQUEST and CANCEL), and private feeds a calendar app subscribes to, one per booker and one per
 * resource, each behind a secret token of which only a hash is kept.
 */
@Service
class Calendars {

    /** One appointment, as a calendar shows it; the uid stays the same through its changes, the sequence grows. */
    record Appointment(
            String uid,
            int sequence,
            Instant start,
            Instant end,
            String summary,
            String location,
            String description,
            String status,
            String attendeeName,
            String attendeeEmail) {}

    /** A feed that a token opens: of a booker's bookings, or of a resource's. */
    record Feed(UUID id, UUID personId, String resource) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Environment environment;
    private final Clock clock;

    Calendars(JdbcClient jdbc, AuditLog audit, Environment environment, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.environment = environment;
        this.clock = clock;
    }

    /** An invitation (REQUEST) or a cancellation (CANCEL) of one appointment, organised by the municipality. */
    String message(Appointment appointment, boolean cancel, String organiserName) {
        Calendar calendar = calendar(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event(appointment, cancel ? Status.VALUE_CANCELLED : appointment.status(), organiserName, true));
        return calendar.toString();
    }

    /**
     * Appointments as they stand (PUBLISH): a feed, or a whole series told at once, whose cancelled weeks say
     * CANCELLED so a calendar that has them takes them away.
     */
    String publish(List<Appointment> appointments, String organiserName) {
        Calendar calendar = calendar(ImmutableMethod.PUBLISH);
        for (Appointment appointment : appointments) {
            calendar.add(event(appointment, appointment.status(), organiserName, false));
        }
        return calendar.toString();
    }

    private static Calendar calendar(Method method) {
        Calendar calendar = new Calendar();
        calendar.add(new net.fortuna.ical4j.model.property.ProdId("-//Samla//Bokning 1.0//SV"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        return calendar;
    }

    private VEvent event(Appointment a, String status, String organiserName, boolean withAttendee) {
        // times in UTC: every calendar shows them in its own zone, with no VTIMEZONE to get wrong
        VEvent event = new VEvent(a.start(), a.end(), a.summary());
        event.add(new Uid(a.uid()));
        event.add(new DtStamp(clock.instant()));
        event.add(new Sequence(a.sequence()));
        event.add(new Status(status));
        if (a.location() != null && !a.location().isBlank()) {
            event.add(new Location(a.location()));
        }
        if (a.description() != null && !a.description().isBlank()) {
            event.add(new Description(a.description()));
        }
        String from = environment.getProperty("samla.messaging.from", "no-reply@samla.example");
        event.add(new Organizer(new ParameterList(List.of(new Cn(organiserName))), URI.create("mailto:" + from)));
        if (!withAttendee) {
            // RFC 5546: a PUBLISH names no attendees
            return event;
        }
        // RFC 5546 wants an attendee on a REQUEST; a booker whose e-mail Samla does not hold is named without one
        URI attendee = a.attendeeEmail() != null
                ? URI.create("mailto:" + a.attendeeEmail())
                : URI.create("urn:uuid:"
                        + UUID.nameUUIDFromBytes(a.uid().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.add(new Attendee(
                new ParameterList(List.of(new Cn(a.attendeeName()), Role.REQ_PARTICIPANT, PartStat.ACCEPTED)),
                attendee));
        return event;
    }

    /**
     * Makes a new secret feed, of the person's bookings or of a resource's; an earlier one of the same revoked, so a
     * link that was shared too widely stops working.
     *
     * @return the token for the feed's address; it is shown once, then only its hash is kept
     */
    @Transactional
    String newFeed(UUID personId, String resource, String by) {
        revokeFeeds(personId, resource, by);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO booking.feed (id, tenant_id, token_sha256, person_id, resource, created_by, created_at)
                VALUES (:id, :t, :hash, :person, :resource, :by, :now)
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("hash", sha256(token))
                .param("person", personId)
                .param("resource", resource)
                .param("by", by)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(new AuditRecord(Actor.of(by), "CALENDAR_FEED_CREATED", "feed", id.toString(), Map.of()));
        return token;
    }

    /** Revokes the person's (or the resource's) feed: its address answers nothing from now on. */
    @Transactional
    boolean revokeFeeds(UUID personId, String resource, String by) {
        int revoked = jdbc.sql("""
                UPDATE booking.feed SET revoked_at = :now
                WHERE tenant_id = :tenant AND revoked_at IS NULL AND person_id IS NOT DISTINCT FROM :person
                  AND resource IS NOT DISTINCT FROM :resource
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("person", personId)
                .param("resource", resource)
                .update();
        if (revoked > 0) {
            audit.record(new AuditRecord(
                    Actor.of(by),
                    "CALENDAR_FEED_REVOKED",
                    personId != null ? "person" : "resource",
                    personId != null ? personId.toString() : resource,
                    Map.of()));
        }
        return revoked > 0;
    }

    /** Whether the person (or resource) has a feed in force, for the page to offer revoking it. */
    @Transactional(readOnly = true)
    boolean hasFeed(UUID personId, String resource) {
        return jdbc.sql("""
                        SELECT count(*) FROM booking.feed WHERE tenant_id = :tenant AND revoked_at IS NULL
                          AND person_id IS NOT DISTINCT FROM :person AND resource IS NOT DISTINCT FROM :resource
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("person", personId)
                        .param("resource", resource)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The feed the token opens, if it is one in force. */
    Optional<Feed> feedOf(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT id, person_id, resource FROM booking.feed WHERE tenant_id = :tenant AND token_sha256 = :h AND revoked_at IS NULL")
                .param("tenant", CurrentTenant.require().value())
                .param("h", sha256(token))
                .query((rs, n) -> new Feed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("person_id", UUID.class),
                        rs.getString("resource")))
                .optional();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
