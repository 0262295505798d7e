package se.samla.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo operator's own records: its account holders (each a mailbox that is open or closed, and the senders it
 * refuses) and what arrived in each. Not a municipality's data, so outside the tenants' row-level security: the
 * resident's mailbox is theirs, and what a municipality disposes of stays here, as a paper letter stays in a drawer.
 */
@Service
@ConditionalOnProperty(name = "samla.demo-operator.enabled", havingValue = "true", matchIfMissing = true)
class DemoMailboxes {

    record Account(String recipientId, boolean open, List<String> refusedSenders, Instant changedAt) {}

    record Arrival(
            String senderId,
            String senderName,
            String recipientId,
            String messageId,
            String subject,
            String contentType,
            byte[] body,
            String transactionId) {}

    record Delivered(
            UUID id,
            String senderName,
            String subject,
            String contentType,
            Instant deliveredAt,
            Instant readAt,
            String transactionId) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Environment environment;
    private final DemoOperatorMisbehaviour misbehaviour;
    private final String[] demoHolders;

    DemoMailboxes(
            JdbcClient jdbc,
            Clock clock,
            Environment environment,
            DemoOperatorMisbehaviour misbehaviour,
            @Value("${samla.demo-operator.accounts:191212121212}") String[] accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.environment = environment;
        this.misbehaviour = misbehaviour;
        this.demoHolders = accounts;
    }

    /** The demo residents who have a mailbox: opened once, at the first start; what the demo later changes stays. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void openDemoAccounts() {
        for (String account : demoHolders) {
            if (!account.isBlank()) {
                jdbc.sql("""
                        INSERT INTO demo_operator.account (recipient_id, open, changed_at) VALUES (:r, true, :at)
                        ON CONFLICT (recipient_id) DO NOTHING
                        """)
                        .param("r", account.strip())
                        .param("at", java.sql.Timestamp.from(clock.instant()))
                        .update();
            }
        }
    }

    DemoOperatorMisbehaviour misbehaviour() {
        return misbehaviour;
    }

    /** Where this operator takes deliveries, as isReachable tells senders. */
    String serviceAddress() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String context = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + context + MinaMeddelandenClient.DEMO_PATH + "/service";
    }

    @Transactional(readOnly = true)
    Optional<Account> account(String recipientId) {
        return jdbc.sql("SELECT * FROM demo_operator.account WHERE recipient_id = :r")
                .param("r", recipientId)
                .query(DemoMailboxes::accountRow)
                .optional();
    }

    private static Account accountRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(
                rs.getString("recipient_id"),
                rs.getBoolean("open"),
                Arrays.asList((String[]) rs.getArray("refused_senders").getArray()),
                rs.getTimestamp("changed_at").toInstant());
    }

    /**
     * A mailbox is read by its holder only, as at a real operator after an e-ID login: here the demo resident logged
     * in to the municipality with the same personal identity number. Anyone else is sent to log in, or refused.
     */
    void requireHolder(Optional<se.samla.identity.SignedInUser> viewer, String recipientId) {
        boolean holder = viewer.filter(se.samla.identity.SignedInUser.Resident.class::isInstance)
                .map(u -> ((se.samla.identity.SignedInUser.Resident) u)
                        .identityNumber()
                        .digits()
                        .equals(recipientId))
                .orElse(false);
        if (!holder) {
            throw new org.springframework.security.access.AccessDeniedException("Only the holder reads a mailbox");
        }
    }

    @Transactional(readOnly = true)
    List<Account> accounts() {
        return jdbc.sql("SELECT * FROM demo_operator.account ORDER BY recipient_id")
                .query(DemoMailboxes::accountRow)
                .list();
    }

    /** Opens or closes a holder's mailbox, making the account if there is none. */
    @Transactional
    void setOpen(String recipientId, boolean open) {
        jdbc.sql("""
                INSERT INTO demo_operator.account (recipient_id, open, changed_at) VALUES (:r, :o, :at)
                ON CONFLICT (recipient_id) DO UPDATE SET open = :o, changed_at = :at
                """)
                .param("r", recipientId)
                .param("o", open)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    /** Stores an arrival once per sender and message id; returns the transaction id it was (first) taken under. */
    @Transactional
    String store(Arrival arrival) {
        jdbc.sql("""
                INSERT INTO demo_operator.delivery (id, sender_org, sender_name, recipient_id, message_id, subject,
                    content_type, body, transaction_id, delivered_at)
                VALUES (:id, :s, :sn, :r, :m, :subject, :ct, :b, :tx, :at)
                ON CONFLICT (sender_org, message_id) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("s", arrival.senderId())
                .param("sn", arrival.senderName())
                .param("r", arrival.recipientId())
                .param("m", arrival.messageId())
                .param("subject", arrival.subject())
                .param("ct", arrival.contentType())
                .param("b", arrival.body())
                .param("tx", arrival.transactionId())
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("SELECT transaction_id FROM demo_operator.delivery WHERE sender_org = :s AND message_id = :m")
                .param("s", arrival.senderId())
                .param("m", arrival.messageId())
                .query(String.class)
                .single();
    }

    @Transactional(readOnly = true)
    List<Delivered> deliveries(String recipientId) {
        return jdbc.sql("""
                SELECT id, sender_name, subject, content_type, delivered_at, read_at, transaction_id
                FROM demo_operator.delivery WHERE recipient_id = :r ORDER BY delivered_at DESC
                """)
                .param("r", recipientId)
                .query((rs, n) -> new Delivered(
                        rs.getObject("id", UUID.class),
                        rs.getString("sender_name"),
                        rs.getString("subject"),
                        rs.getString("content_type"),
                        rs.getTimestamp("delivered_at").toInstant(),
                        rs.getTimestamp("read_at") == null
                                ? null
                                : rs.getTimestamp("read_at").toInstant(),
                        rs.getString("transaction_id")))
                .list();
    }

    /** One arrival's content, read by its holder (marked read the first time). */
    @Transactional
    Optional<byte[]> open(String recipientId, UUID id) {
        var body = jdbc.sql("SELECT body FROM demo_operator.delivery WHERE id = :id AND recipient_id = :r")
                .param("id", id)
                .param("r", recipientId)
                .query(byte[].class)
                .optional();
        body.ifPresent(
                b -> jdbc.sql("UPDATE demo_operator.delivery SET read_at = :at WHERE id = :id AND read_at IS NULL")
                        .param("id", id)
                        .param("at", java.sql.Timestamp.from(clock.instant()))
                        .update());
        return body;
    }

    /** How many copies of one message a holder has: the test of idempotent delivery. */
    @Transactional(readOnly = true)
    int copies(String senderId, String messageId) {
        return jdbc.sql("SELECT count(*) FROM demo_operator.delivery WHERE sender_org = :s AND message_id = :m")
                .param("s", senderId)
                .param("m", messageId)
                .query(Integer.class)
                .single();
    }
}
