package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;

/** A booking's booker and door code do not outlive their time; what is left counts and names no one. */
class BookingDisposalIT extends SamlaIntegrationTest {

    @Test
    void anOldBookingKeepsItsTimeButNotItsBooker() {
        var ung = (SignedInUser.Resident) logins().resident(vanersborg, "Ung Tolvansdotter", "201009202381")
                .user();
        var start = LocalDate.now(SwedishTime.ZONE)
                .plusDays(6)
                .atTime(22, 0)
                .atZone(SwedishTime.ZONE)
                .toInstant();
        UUID booking = TestBookings.book(context, vanersborg.id(), ung, "studierum-1", start)
                .id();
        // as if it was fourteen months ago
        transactions.run(vanersborg.id(), () -> {
            jdbc.sql("UPDATE booking.occupancy SET active = false WHERE booking_id = :b")
                    .param("b", booking)
                    .update();
            jdbc.sql("""
                    UPDATE booking.booking SET starts_at = starts_at - interval '14 months',
                        ends_at = ends_at - interval '14 months' WHERE id = :b
                    """).param("b", booking).update();
            jdbc.sql("""
                    UPDATE booking.credential SET valid_from = valid_from - interval '14 months',
                        valid_to = valid_to - interval '14 months' WHERE booking_id = :b
                    """).param("b", booking).update();
        });

        int cleared = transactions.call(
                vanersborg.id(), () -> context.getBean(BookingDisposal.class).dispose());

        assertThat(cleared).isGreaterThanOrEqualTo(1);
        var row = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT booker_name, booker_identity_number, booker_person_id, resource FROM booking.booking WHERE id = :b")
                        .param("b", booking)
                        .query()
                        .singleRow());
        assertThat(row.get("booker_name")).isEqualTo("gallrad");
        assertThat(row.get("booker_identity_number")).isNull();
        assertThat(row.get("booker_person_id").toString()).isEqualTo(BookingDisposal.NOBODY);
        assertThat(row.get("resource")).isEqualTo("studierum-1");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM booking.credential WHERE booking_id = :b")
                                .param("b", booking)
                                .query(Integer.class)
                                .single()))
                .isZero();
    }
}
