package se.samla.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Who waits for a taken time, first come first served. When the time is freed it is held for the first in line (an
 * OFFERED booking, which no one else can take) until a deadline; taken up it becomes theirs, let go or run out it
 * goes to the next.
 */
@Service
class WaitingList {

    /** A place in line, as the one waiting sees it. */
    record Place(
            UUID id,
            String resource,
            Instant startsAt,
            Instant endsAt,
            String status,
            UUID offeredBooking,
            Instant offerExpiresAt) {}

    private static final String SYSTEM = "system:booking";

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Ledger ledger;
    private final BookingRules rules;
    private final DoorAccess doors;
    private final BookingNotices notices;
    private final AuditLog audit;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final Clock clock;

    WaitingList(
            JdbcClient jdbc,
            Resources resources,
            Ledger ledger,
            BookingRules rules,
            DoorAccess doors,
            BookingNotices notices,
            AuditLog audit,
            TenantTransactions transactions,
            Tenants tenants,
            Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.ledger = ledger;
        this.rules = rules;
        this.doors = doors;
        this.notices = notices;
        this.audit = audit;
        this.transactions = transactions;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Puts the resident in line for a taken time of the resource.
     *
     * @throws Bookings.Refused when it is no time of the resource, has begun, is free (book it instead), or the
     *     resident already waits for it
     */
    @Transactional
    UUID join(SignedInUser.Resident resident, Principal principal, Resource resource, Instant start) {
        Slots.Slot slot =
                rules.slot(resource, start).orElseThrow(() -> new Bookings.Refused("booking.error.no-such-time"));
        if (!slot.start().isAfter(clock.instant())) {
            throw new Bookings.Refused("booking.error.too-soon");
        }
        try {
            // the line follows the facility's rules as a booking does, but for how soon: a taken time soon may still
            // be freed, and is offered then
            rules.check(resident.personId(), principal, resource, slot, 0);
        } catch (Bookings.Refused refused) {
            if (!refused.messageKey.equals("booking.error.too-soon")) {
                throw refused;
            }
        }
        boolean taken = jdbc.sql("""
                        SELECT count(*) FROM booking.occupancy
                        WHERE tenant_id = :tenant AND active AND unit IN (:units) AND during && tstzrange(:from, :to)
                        """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("units", resources.occupies(resource))
                        .param("from", Timestamp.from(slot.start()))
                        .param("to", Timestamp.from(slot.end()))
                        .query(Integer.class)
                        .single()
                > 0;
        if (!taken) {
            throw new Bookings.Refused("booking.error.free-book-it");
        }
        UUID id = UUID.randomUUID();
        Ledger.Booker booker = Bookings.booker(resident, principal);
        int inserted = jdbc.sql("""
                INSERT INTO booking.waiting (id, tenant_id, resource, starts_at, ends_at, person_id, booker_name,
                    identity_number, principal_kind, principal_identifier, principal_name, created_at, status)
                VALUES (:id, :t, :resource, :starts, :ends, :person, :name, :number, :kind, :identifier, :principalName,
                    :now, 'WAITING')
                ON CONFLICT DO NOTHING
                """)
                .param("id", id)
                .param("t", CurrentTenant.require().value())
                .param("resource", resource.code())
                .param("starts", Timestamp.from(slot.start()))
                .param("ends", Timestamp.from(slot.end()))
                .param("person", booker.personId())
                .param("name", booker.name())
                .param("number", booker.identityNumber())
                .param("kind", booker.principalKind())
                .param("identifier", booker.principalIdentifier())
                .param("principalName", booker.principalName())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            throw new Bookings.Refused("booking.error.already-waiting");
        }
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "BOOKING_WAITING",
                "waiting",
                id.toString(),
                Map.of("resource", resource.code())));
        return id;
    }

    /** The resident's places in line that are still open: waiting, or offered and not yet taken up. */
    @Transactional(readOnly = true)
    List<Place> of(SignedInUser.Resident resident) {
        return jdbc.sql("""
                SELECT w.*, b.offer_expires_at FROM booking.waiting w LEFT JOIN booking.booking b ON b.tenant_id = w.tenant_id AND b.id = w.booking_id
                WHERE w.tenant_id = :tenant AND w.person_id = :person AND w.status IN ('WAITING', 'OFFERED') AND w.ends_at > :now
                ORDER BY w.starts_at
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("person", resident.personId())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> {
                    Timestamp expires = rs.getTimestamp("offer_expires_at");
                    return new Place(
                            rs.getObject("id", UUID.class),
                            rs.getString("resource"),
                            rs.getTimestamp("starts_at").toInstant(),
                            rs.getTimestamp("ends_at").toInstant(),
                            rs.getString("status"),
                            rs.getObject("booking_id", UUID.class),
                            expires == null ? null : expires.toInstant());
                })
                .list();
    }

    /** Leaves the line; an offer held for the resident is let go to the next. */
    @Transactional
    boolean withdraw(SignedInUser.Resident resident, UUID placeId) {
        var place = jdbc.sql("""
                SELECT status, booking_id FROM booking.waiting
                WHERE tenant_id = :tenant AND id = :id AND person_id = :person AND status IN ('WAITING', 'OFFERED') FOR UPDATE
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", placeId)
                .param("person", resident.personId())
                .query((rs, n) -> rs.getObject("booking_id", UUID.class) == null
                        ? Optional.<UUID>empty()
                        : Optional.of(rs.getObject("booking_id", UUID.class)))
                .optional();
        if (place.isEmpty()) {
            audit.record(new AuditRecord(
                    Actor.of(resident.auditId()), "ACCESS_REFUSED", "waiting", placeId.toString(), Map.of()));
            return false;
        }
        jdbc.sql("UPDATE booking.waiting SET status = 'WITHDRAWN' WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", placeId)
                .update();
        place.get().ifPresent(booking -> {
            if (ledger.end(booking, List.of("OFFERED"), "EXPIRED", clock.instant())) {
                offerNext(ledger.find(booking).orElseThrow());
            }
        });
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()), "BOOKING_WAITING_WITHDRAWN", "waiting", placeId.toString(), Map.of()));
        return true;
    }

    /**
     * Takes up an offered time: it becomes the resident's booking (or waits for approval where the resource wants
     * it).
     *
     * @throws Bookings.Refused when there is no such offer of theirs, or it has run out
     */
    @Transactional
    Ledger.Row accept(SignedInUser.Resident resident, UUID bookingId) {
        Ledger.Row offered = ledger.lock(bookingId)
                .filter(b ->
                        b.personId().equals(resident.personId()) && b.status().equals("OFFERED"))
                .orElseThrow(() -> new Bookings.Refused("booking.error.no-offer"));
        if (!offered.offerExpiresAt().isAfter(clock.instant())) {
            throw new Bookings.Refused("booking.error.offer-expired");
        }
        Resource resource =
                resources.of(CurrentTenant.require(), offered.resource()).orElseThrow();
        String status = resource.approval() ? "PENDING" : "CONFIRMED";
        ledger.move(bookingId, "OFFERED", status);
        jdbc.sql("UPDATE booking.booking SET accepted_at = :now WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", bookingId)
                .update();
        jdbc.sql(
                        "UPDATE booking.waiting SET status = 'BOOKED' WHERE tenant_id = :tenant AND booking_id = :b AND status = 'OFFERED'")
                .param("tenant", CurrentTenant.require().value())
                .param("b", bookingId)
                .update();
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()), "BOOKING_OFFER_TAKEN", "booking", bookingId.toString(), Map.of()));
        Ledger.Row booked = ledger.find(bookingId).orElseThrow();
        if (status.equals("CONFIRMED")) {
            doors.grant(booked);
            notices.tell(booked, BookingNotices.Kind.CONFIRMED);
        } else {
            notices.tell(booked, BookingNotices.Kind.PENDING);
        }
        return booked;
    }

    /** Lets an offered time go: the next in line gets it. */
    @Transactional
    boolean decline(SignedInUser.Resident resident, UUID bookingId) {
        var offered = ledger.lock(bookingId)
                .filter(b ->
                        b.personId().equals(resident.personId()) && b.status().equals("OFFERED"));
        if (offered.isEmpty() || !ledger.end(bookingId, List.of("OFFERED"), "EXPIRED", clock.instant())) {
            return false;
        }
        jdbc.sql(
                        "UPDATE booking.waiting SET status = 'DECLINED' WHERE tenant_id = :tenant AND booking_id = :b AND status = 'OFFERED'")
                .param("tenant", CurrentTenant.require().value())
                .param("b", bookingId)
                .update();
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()), "BOOKING_OFFER_DECLINED", "booking", bookingId.toString(), Map.of()));
        offerNext(ledger.find(bookingId).orElseThrow());
        return true;
    }

    /**
     * Offers a freed time to those in line for it (or for a part of it), first come first: each gets it held until
     * a deadline, if it is still free for them. Runs in the transaction that freed it.
     */
    void offerNext(Ledger.Row freed) {
        Instant now = clock.instant();
        if (!freed.endsAt().isAfter(now)) {
            return;
        }
        Resource resource =
                resources.of(CurrentTenant.require(), freed.resource()).orElse(null);
        if (resource == null) {
            return;
        }
        List<Map<String, Object>> line = jdbc.sql("""
                SELECT * FROM booking.waiting
                WHERE tenant_id = :tenant AND status = 'WAITING' AND resource IN (:resources) AND starts_at < :ends AND ends_at > :starts
                  AND ends_at > :now
                ORDER BY created_at, id
                FOR UPDATE SKIP LOCKED
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("resources", resources.sharing(CurrentTenant.require(), resource))
                .param("starts", Timestamp.from(freed.startsAt()))
                .param("ends", Timestamp.from(freed.endsAt()))
                .param("now", Timestamp.from(now))
                .query()
                .listOfRows();
        for (Map<String, Object> place : line) {
            Resource wanted = resources
                    .of(CurrentTenant.require(), (String) place.get("resource"))
                    .orElse(null);
            if (wanted == null) {
                continue;
            }
            Instant start = ((Timestamp) place.get("starts_at")).toInstant();
            Instant end = ((Timestamp) place.get("ends_at")).toInstant();
            // until the start at the latest; a time that has begun (released when nobody came) is offered for a
            // quarter of an hour, for whoever waits nearby
            Instant deadline = now.plus(Duration.ofHours(wanted.offerHours()));
            Instant latest = start.isAfter(now) ? start : now.plus(Duration.ofMinutes(15));
            if (deadline.isAfter(latest)) {
                deadline = latest;
            }
            if (deadline.isAfter(end)) {
                deadline = end;
            }
            var booker = new Ledger.Booker(
                    (UUID) place.get("person_id"),
                    (String) place.get("booker_name"),
                    (String) place.get("identity_number"),
                    (String) place.get("principal_kind"),
                    (String) place.get("principal_identifier"),
                    (String) place.get("principal_name"));
            var category = booker.principalKind().equals("ORGANISATION")
                    ? (booker.principalIdentifier().startsWith("8")
                            ? Resource.BookerCategory.ASSOCIATION
                            : Resource.BookerCategory.COMPANY)
                    : Resource.BookerCategory.RESIDENT;
            var held = ledger.take(
                    booker,
                    wanted,
                    resources.occupies(wanted),
                    start,
                    end,
                    category,
                    BookingRules.price(wanted, category, new Slots.Slot(start, end)),
                    "OFFERED",
                    null,
                    deadline,
                    now);
            if (held.isEmpty()) {
                continue; // still taken for this one (another part of the hall): the next may fit
            }
            jdbc.sql(
                            "UPDATE booking.waiting SET status = 'OFFERED', booking_id = :b WHERE tenant_id = :tenant AND id = :id")
                    .param("tenant", CurrentTenant.require().value())
                    .param("b", held.get())
                    .param("id", place.get("id"))
                    .update();
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "BOOKING_OFFERED",
                    "booking",
                    held.get().toString(),
                    Map.of("waiting", place.get("id").toString())));
            notices.tell(ledger.find(held.get()).orElseThrow(), BookingNotices.Kind.OFFERED);
        }
    }

    /** Offers whose deadline has passed run out, and go to the next in line; looked at every minute. */
    @Scheduled(fixedDelayString = "${samla.booking.offer-check-interval:PT1M}", initialDelayString = "PT40S")
    @SchedulerLock(name = "booking.waiting.expire-offers", lockAtMostFor = "PT5M")
    void expireOffers() {
        for (Tenant tenant : tenants.all()) {
            transactions.run(tenant.id(), this::expireOffersNow);
        }
    }

    /** The run-out offers of the current tenant, let go; for the job and for tests that do not wait a minute. */
    int expireOffersNow() {
        Instant now = clock.instant();
        List<Ledger.Row> expired =
                ledger.query("status = 'OFFERED' AND offer_expires_at <= :now", Map.of("now", Timestamp.from(now)));
        int count = 0;
        for (Ledger.Row row : expired) {
            if (!ledger.end(row.id(), List.of("OFFERED"), "EXPIRED", now)) {
                continue;
            }
            jdbc.sql(
                            "UPDATE booking.waiting SET status = 'EXPIRED' WHERE tenant_id = :tenant AND booking_id = :b AND status = 'OFFERED'")
                    .param("tenant", CurrentTenant.require().value())
                    .param("b", row.id())
                    .update();
            audit.record(new AuditRecord(
                    Actor.system(SYSTEM),
                    "BOOKING_OFFER_EXPIRED",
                    "booking",
                    row.id().toString(),
                    Map.of()));
            Ledger.Row ended = ledger.find(row.id()).orElseThrow();
            notices.tell(ended, BookingNotices.Kind.OFFER_EXPIRED);
            offerNext(ended);
            count++;
        }
        return count;
    }
}
