package se.samla.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.samla.shared.CurrentTenant;

/** The demo run's mailbox: notifications are kept in the database and shown on /demo-postlada. */
final class LocalMailbox implements MailDelivery {

    record Letter(String recipient, String subject, String body, Instant receivedAt, String attachmentName) {}

    private final JdbcClient jdbc;

    LocalMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String deliver(
            String from, String recipient, String subject, String body, Notification.Attachment attachment) {
        jdbc.sql("""
                INSERT INTO messaging.local_mailbox (id, tenant_id, recipient, subject, body, received_at,
                    attachment_name, attachment)
                VALUES (:id, :t, :r, :s, :b, now(), :an, :a)
                """)
                .param("an", attachment == null ? null : attachment.filename())
                .param("a", attachment == null ? null : attachment.content())
                .param("id", UUID.randomUUID())
                .param("t", CurrentTenant.require().value())
                .param("r", recipient)
                .param("s", subject)
                .param("b", body)
                .update();
        return "LOCAL_MAILBOX";
    }

    List<Letter> latest(int limit) {
        return jdbc.sql(
                        "SELECT * FROM messaging.local_mailbox WHERE tenant_id = :tenant ORDER BY received_at DESC LIMIT :n")
                .param("tenant", CurrentTenant.require().value())
                .param("n", limit)
                .query((rs, n) -> new Letter(
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getString("attachment_name")))
                .list();
    }
}
