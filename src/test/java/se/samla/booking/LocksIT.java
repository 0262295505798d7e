package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.demo.DemoLock;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.platform.Mqtt;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/**
 * Doors that open for a booking, through the machine's Mosquitto: Samla publishes grants and revocations, the demo
 * lock (subscribed like a real controller) opens to the PIN only in the booked window and reports back, and what
 * reaches Samla unsigned, moved to another door, replayed or for an unknown credential is refused.
 */
class LocksIT extends SamlaIntegrationTest {

    static final String DOOR = "studierum-1-dorr";

    Bookings bookings;
    DoorAccess doors;
    DemoLock lock;
    LockMessages messages;
    LockOutbox outbox;
    Mqtt mqtt;
    Resources resources;

    @BeforeEach
    void setUp() {
        bookings = context.getBean(Bookings.class);
        doors = context.getBean(DoorAccess.class);
        lock = context.getBean(DemoLock.class);
        messages = context.getBean(LockMessages.class);
        outbox = context.getBean(LockOutbox.class);
        mqtt = context.getBean(Mqtt.class);
        resources = context.getBean(Resources.class);
        await(mqtt::connected, "Samla connected to the broker");
    }

    /** A resident of their own, so the tests' credentials do not mix. */
    SignedInUser.Resident someone(int n) {
        TestLogins.Login login =
                logins().resident(vanersborg, "Låntagare " + n, BookingIT.personalIdentityNumber(800 + n));
        return (SignedInUser.Resident) login.user();
    }

    /** Books the study room at a free hour some days ahead. */
    Bookings.Booking bookStudyRoom(SignedInUser.Resident who, int days, int hour) {
        Instant start = LocalDate.now(SwedishTime.ZONE)
                .plusDays(days)
                .atTime(hour, 0)
                .atZone(SwedishTime.ZONE)
                .toInstant();
        return CurrentTenant.callAs(
                vanersborg.id(),
                () -> bookings.book(
                        who,
                        Principal.self(who),
                        resources.of(vanersborg.id(), "studierum-1").orElseThrow(),
                        start));
    }

    String pinOf(SignedInUser.Resident who, UUID booking) {
        return CurrentTenant.callAs(vanersborg.id(), () -> doors.of(who)).stream()
                .filter(c -> booking.equals(c.bookingId()) && c.door().equals(DOOR))
                .findFirst()
                .orElseThrow()
                .pin();
    }

    static void await(BooleanSupplier condition, String what) {
        Instant until = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("waited in vain: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    int doorEvents(String outcome) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM booking.door_event WHERE door = :d AND outcome = :o")
                        .param("d", DOOR)
                        .param("o", outcome)
                        .query(Integer.class)
                        .single());
    }

    @Test
    void theDoorOpensToTheBookersPinOnlyInTheBookedTimeAndNotAfterCancelling() {
        var borrower = someone(11);
        var booking = bookStudyRoom(borrower, 2, 9);
        String credential = CurrentTenant.callAs(vanersborg.id(), () -> doors.of(borrower)).stream()
                .filter(c -> booking.id().equals(c.bookingId()) && c.door().equals(DOOR))
                .findFirst()
                .orElseThrow()
                .id()
                .toString();
        await(() -> lock.holds("vanersborg", DOOR, credential), "the grant reached the lock");
        String pin = pinOf(borrower, booking.id());

        // a quarter of an hour before: the margin lets in; an hour before and after the end: shut; a wrong PIN: shut
        assertThat(lock.enter("vanersborg", DOOR, pin, booking.startsAt().minus(Duration.ofMinutes(10)))
                        .opened())
                .isTrue();
        assertThat(lock.enter("vanersborg", DOOR, pin, booking.startsAt().minus(Duration.ofHours(1)))
                        .opened())
                .isFalse();
        assertThat(lock.enter("vanersborg", DOOR, pin, booking.endsAt().plus(Duration.ofMinutes(20)))
                        .opened())
                .isFalse();
        String wrong = pin.equals("000000") ? "111111" : "000000";
        assertThat(lock.enter("vanersborg", DOOR, wrong, booking.startsAt()).opened())
                .isFalse();

        // the lock's report came back through the broker: checked, stored and audited, and the booking marked used
        // (its event carries the real moment, which lies before the booked window, so Samla finds it outside)
        await(() -> doorEvents("OUTSIDE_WINDOW") + doorEvents("OPENED") > 0, "the door's report reached Samla");
        await(() -> doorEvents("REFUSED_AT_DOOR") > 0, "the refusals at the door reached Samla");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'DOOR_OPENED'")
                                .query(Integer.class)
                                .single()))
                .isPositive();

        // cancelled, the grant is revoked at the lock
        CurrentTenant.runAs(vanersborg.id(), () -> bookings.cancel(borrower, booking.id(), false));
        await(() -> !lock.holds("vanersborg", DOOR, credential), "the revocation reached the lock");
        assertThat(lock.enter("vanersborg", DOOR, pin, booking.startsAt()).opened())
                .isFalse();
    }

    @Test
    void anOpeningInsideTheWindowMarksTheBookingUsedAndItIsNotReleased() {
        var borrower = someone(12);
        var booking = bookStudyRoom(borrower, 3, 11);
        UUID credential = CurrentTenant.callAs(vanersborg.id(), () -> doors.of(borrower)).stream()
                .filter(c -> booking.id().equals(c.bookingId()) && c.door().equals(DOOR))
                .findFirst()
                .orElseThrow()
                .id();
        // the booking began five minutes ago (moved in the database, as a clock would), and its window with it
        shiftToNow(booking.id(), Duration.ofMinutes(-5));
        var outcome = doors.onDoorEvent(vanersborg.id(), DOOR, signedEvent("opened", credential, Instant.now(), DOOR));
        assertThat(outcome).isEqualTo(DoorAccess.Outcome.OPENED);
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT opened_at IS NOT NULL FROM booking.booking WHERE id = :id")
                                .param("id", booking.id())
                                .query(Boolean.class)
                                .single()))
                .isTrue();

        // a booking whose door nobody opened is released after the resource's twenty minutes; an opened one is not
        var nobody = someone(13);
        var missed = bookStudyRoom(nobody, 3, 13);
        var waiter = someone(17);
        CurrentTenant.runAs(
                vanersborg.id(),
                () -> context.getBean(WaitingList.class)
                        .join(
                                waiter,
                                Principal.self(waiter),
                                resources.of(vanersborg.id(), "studierum-1").orElseThrow(),
                                missed.startsAt()));
        shiftToNow(missed.id(), Duration.ofMinutes(-25));
        // the line waited for that hour: it moves with it
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("""
                        UPDATE booking.waiting w SET starts_at = b.starts_at, ends_at = b.ends_at
                        FROM booking.booking b WHERE b.id = :b AND w.person_id = :p
                        """)
                        .param("b", missed.id())
                        .param("p", waiter.personId())
                        .update());
        shiftToNow(booking.id(), Duration.ofMinutes(-25));
        int released = transactions.call(
                vanersborg.id(), () -> context.getBean(NoShows.class).release());
        assertThat(released).isGreaterThanOrEqualTo(1);
        assertThat(bookingStatus(missed.id())).isEqualTo("RELEASED");
        assertThat(bookingStatus(booking.id())).isEqualTo("CONFIRMED");
        // the rest of the released hour is offered to the one in line, for a quarter of an hour
        var offer = CurrentTenant.callAs(vanersborg.id(), () -> bookings.of(waiter)).stream()
                .filter(b -> b.status().equals("OFFERED"))
                .findFirst()
                .orElseThrow();
        assertThat(offer.offerExpiresAt())
                .isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(16)));
    }

    String bookingStatus(UUID id) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT status FROM booking.booking WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single());
    }

    /** Moves a booking, its occupancy and its credentials so that it began {@code ago} ago. */
    void shiftToNow(UUID booking, Duration ago) {
        transactions.run(vanersborg.id(), () -> {
            Instant start = Instant.now().plus(ago).truncatedTo(ChronoUnit.SECONDS);
            Instant end = start.plus(Duration.ofHours(1));
            // out of the way first, so the exclusion constraint never sees two at the new time
            jdbc.sql("UPDATE booking.occupancy SET active = false WHERE booking_id = :id")
                    .param("id", booking)
                    .update();
            jdbc.sql("UPDATE booking.booking SET starts_at = :s, ends_at = :e WHERE id = :id")
                    .param("s", java.sql.Timestamp.from(start))
                    .param("e", java.sql.Timestamp.from(end))
                    .param("id", booking)
                    .update();
            jdbc.sql("""
                    UPDATE booking.credential SET valid_from = :s, valid_to = :e WHERE booking_id = :id
                    """)
                    .param("s", java.sql.Timestamp.from(start.minus(Duration.ofMinutes(15))))
                    .param("e", java.sql.Timestamp.from(end.plus(Duration.ofMinutes(15))))
                    .param("id", booking)
                    .update();
        });
    }

    byte[] signedEvent(String type, UUID credential, Instant at, String door) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("id", UUID.randomUUID().toString());
        event.put("tenant", "vanersborg");
        event.put("door", door);
        if (credential != null) {
            event.put("credential", credential.toString());
        }
        event.put("at", at.toString());
        return messages.signEvent("vanersborg", door, event).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatIsUnsignedMovedReplayedOrUnknownIsRefused() throws Exception {
        var borrower = someone(14);
        var booking = bookStudyRoom(borrower, 4, 15);
        UUID credential = CurrentTenant.callAs(vanersborg.id(), () -> doors.of(borrower)).stream()
                .filter(c -> booking.id().equals(c.bookingId()) && c.door().equals(DOOR))
                .findFirst()
                .orElseThrow()
                .id();
        Instant now = Instant.now();

        String unsigned = "{\"payload\":\"{\\\"type\\\":\\\"opened\\\",\\\"id\\\":\\\"x1\\\",\\\"door\\\":\\\"" + DOOR
                + "\\\",\\\"at\\\":\\\"" + now + "\\\"}\",\"mac\":\"AAAA\"}";
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, unsigned.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(DoorAccess.Outcome.UNSIGNED);
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, "not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(DoorAccess.Outcome.UNSIGNED);
        // a signed event for one door, published on another's topic: that door's key did not sign it
        assertThat(doors.onDoorEvent(vanersborg.id(), "bibliotek-entre", signedEvent("opened", credential, now, DOOR)))
                .isEqualTo(DoorAccess.Outcome.UNSIGNED);
        // a topic that names no door is dropped before anything is stored
        assertThat(doors.onDoorEvent(vanersborg.id(), "x".repeat(3000), signedEvent("opened", credential, now, DOOR)))
                .isEqualTo(DoorAccess.Outcome.MALFORMED);
        // a door this municipality does not have
        assertThat(doors.onDoorEvent(
                        vanersborg.id(), "okand-dorr", signedEvent("opened", credential, now, "okand-dorr")))
                .isEqualTo(DoorAccess.Outcome.UNKNOWN_DOOR);
        // an old message sent again
        assertThat(doors.onDoorEvent(
                        vanersborg.id(), DOOR, signedEvent("opened", credential, now.minus(Duration.ofHours(2)), DOOR)))
                .isEqualTo(DoorAccess.Outcome.REPLAYED);
        byte[] once = signedEvent("refused", null, now, DOOR);
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, once)).isEqualTo(DoorAccess.Outcome.REFUSED_AT_DOOR);
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, once)).isEqualTo(DoorAccess.Outcome.REPLAYED);
        // a credential nobody was given, and a real one days before its window
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, signedEvent("opened", UUID.randomUUID(), now, DOOR)))
                .isEqualTo(DoorAccess.Outcome.UNKNOWN_CREDENTIAL);
        assertThat(doors.onDoorEvent(vanersborg.id(), DOOR, signedEvent("opened", credential, now, DOOR)))
                .isEqualTo(DoorAccess.Outcome.OUTSIDE_WINDOW);
        // another municipality does not know the door
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        assertThat(doors.onDoorEvent(trollhattan.id(), DOOR, signedEvent("opened", credential, now, DOOR)))
                .isEqualTo(DoorAccess.Outcome.UNKNOWN_DOOR);
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'DOOR_MESSAGE_REFUSED'")
                                .query(Integer.class)
                                .single()))
                .isGreaterThanOrEqualTo(4);

        // a forged message published straight on the broker goes the same way, and the consumer lives on
        int before = doorEvents("OPENED");
        int grantsBefore = lock.grantsHeld("vanersborg", DOOR);
        var forger = new MqttClient(mqtt.url(), "forger-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        forger.connect(options);
        forger.publish(
                LockMessages.eventsTopic("vanersborg", DOOR),
                new MqttMessage(unsigned.getBytes(StandardCharsets.UTF_8)));
        forger.publish(
                LockMessages.eventsTopic("vanersborg", DOOR), new MqttMessage("{{{".getBytes(StandardCharsets.UTF_8)));
        forger.publish(
                LockMessages.eventsTopic("vanersborg", "y".repeat(3000)),
                new MqttMessage(unsigned.getBytes(StandardCharsets.UTF_8)));
        // a controller that knows its door's key cannot make a grant: the lock takes only what Samla signed
        var forgedGrant = new LinkedHashMap<String, Object>();
        forgedGrant.put("type", "grant");
        forgedGrant.put("id", UUID.randomUUID().toString());
        forgedGrant.put("tenant", "vanersborg");
        forgedGrant.put("door", DOOR);
        forgedGrant.put("credential", UUID.randomUUID().toString());
        forgedGrant.put("pinHash", messages.pinHash("vanersborg", DOOR, "123456"));
        forgedGrant.put("qrHash", "x");
        forgedGrant.put("validFrom", now.toString());
        forgedGrant.put("validTo", now.plus(Duration.ofDays(365)).toString());
        forger.publish(
                LockMessages.grantsTopic("vanersborg", DOOR),
                new MqttMessage(
                        messages.signEvent("vanersborg", DOOR, forgedGrant).getBytes(StandardCharsets.UTF_8)));
        forger.disconnect();
        forger.close();
        var later = someone(15);
        bookStudyRoom(later, 4, 17);
        await(() -> lock.grantsHeld("vanersborg", DOOR) > grantsBefore, "the broker still carries grants");
        assertThat(doorEvents("OPENED")).isEqualTo(before);
        assertThat(lock.enter("vanersborg", DOOR, "123456", now.plusSeconds(60)).opened())
                .as("the forged grant's PIN")
                .isFalse();
    }

    @Test
    void grantsWaitInTheOutboxWhileTheBrokerIsAwayAndNoneIsLost() {
        var tenant = vanersborg;
        mqtt.stop();
        try {
            var borrower = someone(16);
            bookStudyRoom(borrower, 5, 8);
            int waitingBefore = outbox.waiting(tenant);
            assertThat(waitingBefore).isGreaterThanOrEqualTo(2); // one grant per door
            outbox.publish(tenant);
            assertThat(outbox.waiting(tenant)).isEqualTo(waitingBefore);
            assertThat(transactions.read(
                            tenant.id(),
                            () -> jdbc.sql("SELECT max(attempts) FROM booking.lock_outbox WHERE sent_at IS NULL")
                                    .query(Integer.class)
                                    .single()))
                    .isPositive();
        } finally {
            mqtt.start();
        }
        await(mqtt::connected, "Samla connected again");
        transactions.run(
                tenant.id(),
                () -> jdbc.sql("UPDATE booking.lock_outbox SET next_attempt_at = now() WHERE sent_at IS NULL")
                        .update());
        await(() -> outbox.waiting(tenant) == 0, "the waiting grants went out");
    }
}
