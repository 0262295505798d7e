package se.samla.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.samla.shared.CurrentTenant;

/**
 * The booking rows and the times they occupy. Every way a booking comes about (booked, a series, approved, offered from
 * the waiting list) writes through here, so a time is taken in one way only: by an occupancy that the exclusion
 * constraint lets in.
 */
@Component
class Ledger {

    /** Statuses in which a booking holds its time. */
    static final List<String> HOLDING = List.of("PENDING", "OFFERED", "CONFIRMED");

    /** A booking as stored. */
    record Row(
            UUID id,
            String resource,
            Instant startsAt,
            Instant endsAt,
            UUID personId,
            String bookerName,
            String identityNumber,
            String principalKind,
            String principalIdentifier,
            String principalName,
            Resource.BookerCategory category,
            int priceSek,
            String status,
            UUID seriesId,
            int sequence,
            Instant offerExpiresAt,
            Instant openedAt) {

        boolean holds() {
            return HOLDING.contains(status);
        }

        /** Whom it is for, for people to read: the organisation, or the booker themselves. */
        String forWhom() {
            return principalName != null ? principalName : bookerName;
        }
    }

    /** Who books, and for whom. */
    record Booker(
            UUID personId,
            String name,
            String identityNumber,
            String principalKind,
            String principalIdentifier,
            String principalName) {}

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a booking and takes its time, or nothing.
     *
     * @return the new booking's id, or empty when any of the units is taken at that time
     */
    Optional<UUID> take(
            Booker booker,
            Resource resource,
            Collection<String> units,
            Instant start,
            Instant end,
            Resource.BookerCategory category,
            int price,
            String status,
            UUID seriesId,
            Instant offerExpiresAt,
            Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO booking.booking (id, tenant_id, resource, starts_at, ends_at, booker_person_id, booker_name,
                    booker_identity_number, principal_kind, principal_identifier, principal_name, category, price_sek,
                    status, series_id, offer_expires_at, created_at)
                VALUES (:id, :tenant, :resource, :starts, :ends, :person, :name, :number, :kind, :identifier,
                    :principalName, :category, :price, :status, :series, :offerExpires, :now)
                """)
                .param("id", id)
                .param("tenant", CurrentTenant.require().value())
                .param("resource", resource.code())
                .param("starts", Timestamp.from(start))
                .param("ends", Timestamp.from(end))
                .param("person", booker.personId())
                .param("name", booker.name())
                .param("number", booker.identityNumber())
                .param("kind", booker.principalKind())
                .param("identifier", booker.principalIdentifier())
                .param("principalName", booker.principalName())
                .param("category", category.name())
                .param("price", price)
                .param("status", status)
                .param("series", seriesId)
                .param("offerExpires", offerExpiresAt == null ? null : Timestamp.from(offerExpiresAt))
                .param("now", Timestamp.from(now))
                .update();
        for (String unit : units) {
            // ON CONFLICT DO NOTHING works with an exclusion constraint: a taken unit inserts nothing and the
            // transaction goes on, so a series or a waiting list can try the next time
            int inserted = jdbc.sql("""
                    INSERT INTO booking.occupancy (tenant_id, booking_id, unit, during)
                    VALUES (:tenant, :booking, :unit, tstzrange(:starts, :ends))
                    ON CONFLICT DO NOTHING
                    """)
                    .param("tenant", CurrentTenant.require().value())
                    .param("booking", id)
                    .param("unit", unit)
                    .param("starts", Timestamp.from(start))
                    .param("ends", Timestamp.from(end))
                    .update();
            if (inserted == 0) {
                jdbc.sql("DELETE FROM booking.booking WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", id)
                        .update();
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }

    /** Frees the booking's time and gives it its new status, if it is in one of {@code from}. */
    boolean end(UUID id, List<String> from, String status, Instant now) {
        int changed = jdbc.sql("""
                UPDATE booking.booking SET status = :status, cancelled_at = :now, sequence = sequence + 1
                WHERE tenant_id = :tenant AND id = :id AND status IN (:from)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("status", status)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("from", from)
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("UPDATE booking.occupancy SET active = false WHERE tenant_id = :tenant AND booking_id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .update();
        return true;
    }

    /** Moves a booking that holds its time from one status to another, keeping the time. */
    boolean move(UUID id, String from, String to) {
        return jdbc.sql(
                                "UPDATE booking.booking SET status = :to WHERE tenant_id = :tenant AND id = :id AND status = :from")
                        .param("tenant", CurrentTenant.require().value())
                        .param("to", to)
                        .param("id", id)
                        .param("from", from)
                        .update()
                == 1;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT * FROM booking.booking WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(Ledger::row)
                .optional();
    }

    /** The booking, locked until the transaction ends, so two changes of it do not cross. */
    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT * FROM booking.booking WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
                .param("tenant", CurrentTenant.require().value())
                .param("id", id)
                .query(Ledger::row)
                .optional();
    }

    List<Row> query(String where, java.util.Map<String, ?> params) {
        return jdbc.sql("SELECT * FROM booking.booking WHERE tenant_id = :tenant AND (" + where
                        + ") ORDER BY starts_at")
                .params(params)
                .param("tenant", CurrentTenant.require().value())
                .query(Ledger::row)
                .list();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp offer = rs.getTimestamp("offer_expires_at");
        Timestamp opened = rs.getTimestamp("opened_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("resource"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getObject("booker_person_id", UUID.class),
                rs.getString("booker_name"),
                rs.getString("booker_identity_number"),
                rs.getString("principal_kind"),
                rs.getString("principal_identifier"),
                rs.getString("principal_name"),
                Resource.BookerCategory.valueOf(rs.getString("category")),
                rs.getInt("price_sek"),
                rs.getString("status"),
                rs.getObject("series_id", UUID.class),
                rs.getInt("sequence"),
                offer == null ? null : offer.toInstant(),
                opened == null ? null : opened.toInstant());
    }
}
