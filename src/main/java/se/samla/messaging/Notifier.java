package se.samla.messaging;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Sends a notification once: skips an event already delivered, writes the text in Swedish, delivers it,
 * and records the delivery. A failure is thrown on, so the event publication stays open and is tried
 * again (after a restart too).
 */
@Service
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final MessageSource messages;
    private final Tenants tenants;
    private final Environment environment;
    private final MailDelivery delivery;

    Notifier(
            JdbcClient jdbc,
            TenantTransactions transactions,
            MessageSource messages,
            Tenants tenants,
            Environment environment,
            ObjectProvider<JavaMailSender> smtp) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.messages = messages;
        this.tenants = tenants;
        this.environment = environment;
        JavaMailSender sender = smtp.getIfAvailable();
        this.delivery = sender != null ? new SmtpDelivery(sender) : new LocalMailbox(jdbc);
    }

    boolean deliversLocally() {
        return delivery instanceof LocalMailbox;
    }

    /** The demo mailbox's latest letters for the tenant. */
    List<LocalMailbox.Letter> latestLetters(TenantId tenantId, int limit) {
        return transactions.read(tenantId, () -> ((LocalMailbox) delivery).latest(limit));
    }

    void send(TenantId tenantId, Notification n) {
        if (n.recipient() == null || n.recipient().isBlank()) {
            return;
        }
        Tenant tenant = tenants.byId(tenantId).orElseThrow();
        transactions.run(tenantId, () -> {
            boolean done = jdbc.sql(
                                    "SELECT count(*) FROM messaging.delivery WHERE tenant_id = :tenant AND event_key = :k AND status = 'SENT'")
                            .param("tenant", CurrentTenant.require().value())
                            .param("k", n.eventKey())
                            .query(Integer.class)
                            .single()
                    > 0;
            if (done) {
                return;
            }
            Object[] args = new Object[n.args().size() + 2];
            args[0] = tenant.name();
            args[1] = link(tenant, n.path());
            for (int i = 0; i < n.args().size(); i++) {
                args[i + 2] = n.args().get(i);
            }
            String subject = messages.getMessage("messaging." + n.kind() + ".subject", args, SWEDISH);
            String body = messages.getMessage("messaging." + n.kind() + ".body", args, SWEDISH) + "\n\n"
                    + footer(n.kind(), args);
            String from = environment.getProperty("samla.messaging.from", "no-reply@samla.example");
            String channel =
                    delivery.deliver(tenant.name() + " <" + from + ">", n.recipient(), subject, body, n.attachment());
            jdbc.sql("""
                    INSERT INTO messaging.delivery (id, tenant_id, event_key, case_id, channel, recipient, subject, status, created_at)
                    VALUES (:id, :t, :k, :c, :ch, :r, :s, 'SENT', now())
                    ON CONFLICT (tenant_id, event_key) DO UPDATE SET status = 'SENT', error = NULL
                    """)
                    .param("id", UUID.randomUUID())
                    .param("t", tenantId.value())
                    .param("k", n.eventKey())
                    .param("c", n.caseId())
                    .param("ch", channel)
                    .param("r", n.recipient())
                    .param("s", subject)
                    .update();
            log.info("Sent notification {} for case {} by {}", n.kind(), n.caseId(), channel);
        });
    }

    /**
     * Forgets where a disposed case's notifications went: the delivery records keep what was sent and when, not
     * to whom, and the demo mailbox's letters about it go.
     */
    void forget(TenantId tenantId, java.util.UUID caseId, String reference) {
        transactions.run(tenantId, () -> {
            jdbc.sql("""
                    DELETE FROM messaging.local_mailbox m WHERE m.tenant_id = :tenant AND m.body LIKE :ref
                      AND m.recipient IN (SELECT d.recipient FROM messaging.delivery d
                                          WHERE d.tenant_id = :tenant AND d.case_id = :c)
                    """)
                    .param("tenant", tenantId.value())
                    .param("ref", "%" + reference + "%")
                    .param("c", caseId)
                    .update();
            jdbc.sql("UPDATE messaging.delivery SET recipient = 'gallrad' WHERE tenant_id = :tenant AND case_id = :c")
                    .param("tenant", CurrentTenant.require().value())
                    .param("c", caseId)
                    .update();
        });
    }

    /** The kind's own closing lines where it has them (a report's lead to its public page), else Mina sidor's. */
    private String footer(String kind, Object[] args) {
        String own = messages.getMessage("messaging." + kind + ".footer", args, null, SWEDISH);
        return own != null ? own : messages.getMessage("messaging.footer", args, SWEDISH);
    }

    /** Where the resident follows their cases: the tenant's own host, or the platform host with its prefix. */
    String link(Tenant tenant) {
        return link(tenant, "/mina-sidor");
    }

    String link(Tenant tenant, String path) {
        String configured = environment.getProperty("samla.messaging.base-url");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base;
        if (configured != null && !configured.isBlank()) {
            base = configured
                    .replace("{slug}", tenant.slug())
                    .replace(
                            "{host}",
                            tenant.hosts().isEmpty()
                                    ? "localhost"
                                    : tenant.hosts().get(0));
        } else if (tenant.hosts().isEmpty()) {
            base = "http://localhost:" + port + "/t/" + tenant.slug();
        } else {
            base = "http://" + tenant.hosts().get(0) + ":" + port;
        }
        return base + path;
    }
}
