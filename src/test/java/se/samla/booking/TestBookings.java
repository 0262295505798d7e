package se.samla.booking;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContext;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** For tests outside the booking package: a booking made as the service makes it, and waiting for what follows. */
public final class TestBookings {

    private TestBookings() {}

    public static UUIDAndStatus book(
            ApplicationContext context, TenantId tenant, SignedInUser.Resident who, String resource, Instant start) {
        var bookings = context.getBean(Bookings.class);
        var found = context.getBean(Resources.class).of(tenant, resource).orElseThrow();
        var booked = CurrentTenant.callAs(tenant, () -> bookings.book(who, Principal.self(who), found, start));
        return new UUIDAndStatus(booked.id(), booked.status());
    }

    /** Books the first of the times that is free for the person; the time booked. */
    public static Instant bookFirstFree(
            ApplicationContext context,
            TenantId tenant,
            SignedInUser.Resident who,
            String resource,
            java.util.List<Instant> starts) {
        return firstFree(context, tenant, who, resource, starts).start();
    }

    /** Books the first of the times that is free for the person; the booking and its time. */
    public static Booked firstFree(
            ApplicationContext context,
            TenantId tenant,
            SignedInUser.Resident who,
            String resource,
            java.util.List<Instant> starts) {
        for (Instant start : starts) {
            try {
                return new Booked(book(context, tenant, who, resource, start).id(), start);
            } catch (Bookings.Refused refused) {
                // taken, or against a rule: the next
            }
        }
        throw new AssertionError("none of the times of " + resource + " could be booked");
    }

    public record Booked(java.util.UUID id, Instant start) {}

    /** Cancels the person's booking, as they would in Mina sidor. */
    public static void cancel(
            ApplicationContext context, TenantId tenant, SignedInUser.Resident who, java.util.UUID booking) {
        CurrentTenant.callAs(tenant, () -> context.getBean(Bookings.class).cancel(who, booking, false));
    }

    /** A booking's id and status. */
    public record UUIDAndStatus(java.util.UUID id, String status) {}

    /** A valid made-up personal identity number (born 1961-02-03) of this serial, for a person of a test's own. */
    public static String personalIdentityNumber(int serial) {
        return BookingIT.personalIdentityNumber(serial);
    }

    /** Waits up to twenty seconds for the condition. */
    public static void until(BooleanSupplier condition, String what) {
        LocksIT.await(condition, what);
    }
}
