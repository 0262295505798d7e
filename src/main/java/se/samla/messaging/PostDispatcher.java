package se.samla.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseHandling;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Sends what is due: each pending dispatch is claimed for a while (so another instance leaves it alone), tried
 * outside any transaction, and its outcome recorded. A digital delivery goes only to a mailbox that takes the
 * municipality's post; one that cannot be made is tried again with growing waits, and after the last try, or at
 * once when the operator refuses the message itself, it waits on staff's list with its reason. A letter that must be
 * delivered and finds no mailbox goes on paper. Killed between sending and recording, the claim runs out and the
 * delivery is tried again under the same message id, which the operator recognises.
 */
@Component
class PostDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PostDispatcher.class);

    /** Waits after each failed try; after the last the dispatch fails for good. */
    static final List<Duration> BACKOFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(4));

    private static final int BATCH = 50;

    record Claimed(UUID id, UUID letterId, PostChannel channel, int attempts, String messageId) {}

    record Due(
            UUID caseId,
            String kind,
            UUID sourceId,
            String reference,
            String identityNumber,
            String subject,
            boolean mustDeliver,
            byte[] pdf,
            UUID personId,
            String calendar) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Tenants tenants;
    private final DigitalMailbox mailbox;
    private final Letters letters;
    private final PostChoices choices;
    private final Notifier notifier;
    private final TenantPostSettings settings;
    private final CaseHandling cases;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final java.util.concurrent.ExecutorService workers;
    private final Duration claim;
    private final org.springframework.context.MessageSource messages;
    private static final java.util.Locale SWEDISH = java.util.Locale.forLanguageTag("sv");

    PostDispatcher(
            JdbcClient jdbc,
            TenantTransactions transactions,
            Tenants tenants,
            DigitalMailbox mailbox,
            Letters letters,
            PostChoices choices,
            Notifier notifier,
            TenantPostSettings settings,
            CaseHandling cases,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${samla.post.dispatch-threads:4}") int threads,
            @org.springframework.beans.factory.annotation.Value("${samla.post.claim:PT10M}") Duration claim,
            org.springframework.context.MessageSource messages) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenants = tenants;
        this.mailbox = mailbox;
        this.letters = letters;
        this.choices = choices;
        this.notifier = notifier;
        this.settings = settings;
        this.cases = cases;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.claim = claim;
        this.messages = messages;
        // deliveries wait on the operator's answers: a few side by side keep the cores busy
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "post-dispatch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Scheduled(fixedDelayString = "${samla.post.dispatch-interval:PT1S}", initialDelayString = "PT10S")
    void dispatchDue() {
        for (Tenant tenant : tenants.all()) {
            try {
                while (runDue(tenant.id()) > 0) {
                    // more may have come due while this batch went out
                }
            } catch (RuntimeException e) {
                log.warn("Post dispatch for {} stopped: {}", tenant.slug(), withoutIdentityNumbers(e.getMessage()));
            }
        }
    }

    /** Unread letters that must be delivered go on paper: a day is the unit, so a look now and then is enough. */
    @Scheduled(fixedDelayString = "${samla.post.unread-check-interval:PT10M}", initialDelayString = "PT20S")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "messaging.post.unread-on-paper",
            lockAtMostFor = "PT10M")
    void unreadOnPaper() {
        for (Tenant tenant : tenants.all()) {
            try {
                sendUnreadOnPaper(tenant.id());
            } catch (RuntimeException e) {
                log.warn("Unread letters of {} not checked: {}", tenant.slug(), withoutIdentityNumbers(e.getMessage()));
            }
        }
    }

    /**
     * Handles the tenant's due dispatches, up to one batch: one reachability question for all its digital ones,
     * then the deliveries side by side. Returns how many were claimed.
     */
    int runDue(TenantId tenantId) {
        Instant now = clock.instant();
        List<Claimed> claimed = transactions.call(
                tenantId,
                () -> jdbc.sql("""
                UPDATE messaging.dispatch d SET attempts = d.attempts + 1, next_attempt_at = :lease, updated_at = :now
                WHERE d.tenant_id = :tenant
                  AND d.id IN (SELECT id FROM messaging.dispatch
                               WHERE tenant_id = :tenant AND status = 'PENDING' AND next_attempt_at <= :now
                               ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.letter_id, d.channel, d.attempts, d.message_id
                """)
                        .param("tenant", tenantId.value())
                        .param("lease", Timestamp.from(now.plus(claim)))
                        .param("now", Timestamp.from(now))
                        .param("n", BATCH)
                        .query((rs, n) -> new Claimed(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                PostChannel.valueOf(rs.getString(3)),
                                rs.getInt(4),
                                rs.getString(5)))
                        .list());
        if (claimed.isEmpty()) {
            return 0;
        }
        Tenant tenant = tenants.byId(tenantId).orElseThrow();
        Map<UUID, Due> letters = transactions.read(
                tenantId,
                () -> due(claimed.stream().map(Claimed::letterId).distinct().toList()));
        List<String> digital = claimed.stream()
                .filter(c -> c.channel() == PostChannel.DIGITAL_MAILBOX
                        && letters.containsKey(c.letterId())
                        && letters.get(c.letterId()).pdf() != null)
                .map(c -> letters.get(c.letterId()).identityNumber())
                .toList();
        Map<String, DigitalMailbox.Reachability> reachable = Map.of();
        DigitalMailbox.Failure unanswered = null;
        if (!digital.isEmpty()) {
            try {
                reachable = mailbox.reachability(tenant, digital);
            } catch (DigitalMailbox.Failure failure) {
                unanswered = failure;
            }
        }
        var where = reachable;
        var failure = unanswered;
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (Claimed dispatch : claimed) {
            running.add(
                    workers.submit(() -> handle(tenant, dispatch, letters.get(dispatch.letterId()), where, failure)));
        }
        for (var each : running) {
            try {
                each.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("A dispatch failed unexpectedly: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.size();
    }

    private void handle(
            Tenant tenant,
            Claimed dispatch,
            Due letter,
            Map<String, DigitalMailbox.Reachability> reachable,
            DigitalMailbox.Failure unanswered) {
        try {
            send(tenant, dispatch, letter, reachable, unanswered);
        } catch (RuntimeException e) {
            // not the operator's answer but Samla's own fault (a certificate missing, a message it cannot build):
            // trying again will not help, so it goes on staff's list with the reason
            log.warn("Dispatch {} failed: {}", dispatch.id(), withoutIdentityNumbers(e.toString()));
            transactions.run(
                    tenant.id(),
                    () -> failed(
                            dispatch,
                            new DigitalMailbox.Failure(
                                    DigitalMailbox.Failure.Kind.PERMANENT, "Samla could not send it: " + e, e)));
        }
    }

    private void send(
            Tenant tenant,
            Claimed dispatch,
            Due letter,
            Map<String, DigitalMailbox.Reachability> reachable,
            DigitalMailbox.Failure unanswered) {
        if (letter == null || letter.pdf() == null) {
            // disposed of since it was queued: nothing left to send
            transactions.run(tenant.id(), () -> finish(dispatch, "REPLACED", "DISPOSED", null));
            return;
        }
        switch (dispatch.channel()) {
            case DIGITAL_MAILBOX -> {
                if (unanswered != null) {
                    transactions.run(tenant.id(), () -> failed(dispatch, unanswered));
                } else {
                    toMailbox(
                            tenant,
                            dispatch,
                            letter,
                            reachable.getOrDefault(letter.identityNumber(), DigitalMailbox.Reachability.NONE));
                }
            }
            case EMAIL -> notice(tenant, dispatch, letter);
            case PAPER -> {
                // never pending: paper goes to the print queue when it is decided on
            }
        }
    }

    private void toMailbox(Tenant tenant, Claimed dispatch, Due letter, DigitalMailbox.Reachability where) {
        try {
            if (!where.reachable()) {
                String reason = where.mailbox() ? "SENDER_NOT_ACCEPTED" : "NO_MAILBOX";
                transactions.run(tenant.id(), () -> notReached(dispatch, letter, reason));
                return;
            }
            var receipt = mailbox.deliver(tenant, where, outgoing(tenant, dispatch, letter));
            if (!receipt.delivered()) {
                transactions.run(tenant.id(), () -> notReached(dispatch, letter, "MAILBOX_CLOSED"));
                return;
            }
            transactions.run(tenant.id(), () -> delivered(tenant, dispatch, letter, receipt));
        } catch (DigitalMailbox.Failure failure) {
            transactions.run(tenant.id(), () -> failed(dispatch, failure));
        }
    }

    private void notice(Tenant tenant, Claimed dispatch, Due letter) {
        var choice = transactions.read(tenant.id(), () -> choices.of(letter.personId()));
        String email = choice.map(PostChoices.Choice::email).orElse(null);
        if (email == null) {
            // the resident changed their mind since: the letter waits in Mina sidor, and paper takes over if it must
            transactions.run(tenant.id(), () -> notReached(dispatch, letter, "NO_EMAIL"));
            return;
        }
        try {
            notifier.send(
                    tenant.id(),
                    new Notification(
                                    "post:" + dispatch.id(),
                                    letter.caseId(),
                                    email,
                                    "post",
                                    List.of(letter.reference()))
                            .with(
                                    letter.calendar() == null
                                            ? null
                                            : new Notification.Attachment(
                                                    "bokning.ics",
                                                    "text/calendar; method=" + method(letter.calendar()),
                                                    letter.calendar())));
        } catch (RuntimeException e) {
            transactions.run(
                    tenant.id(),
                    () -> failed(
                            dispatch,
                            new DigitalMailbox.Failure(
                                    DigitalMailbox.Failure.Kind.TRANSIENT, "E-mail not sent: " + e.getMessage(), e)));
            return;
        }
        transactions.run(tenant.id(), () -> {
            Instant at = clock.instant();
            if (finish(dispatch, "DELIVERED", null, at)) {
                dispatched(dispatch, letter, PostChannel.EMAIL, at);
            }
        });
    }

    private DigitalMailbox.Outgoing outgoing(Tenant tenant, Claimed dispatch, Due letter) {
        var contact = tenant.contact();
        return new DigitalMailbox.Outgoing(
                dispatch.messageId(),
                letter.identityNumber(),
                letter.subject(),
                letter.reference(),
                messages.getMessage("post.mailbox.text", new Object[] {letter.subject(), tenant.name()}, SWEDISH),
                letter.pdf(),
                letter.reference().replaceAll("[^A-Za-z0-9-]+", "-") + ".pdf",
                new DigitalMailbox.Support(
                        messages.getMessage(
                                "post.mailbox.support", new Object[] {tenant.name(), letter.reference()}, SWEDISH),
                        contact == null ? null : contact.homepage(),
                        null,
                        contact == null ? null : contact.email()),
                letter.calendar());
    }

    /** The iTIP method the calendar file says (REQUEST, CANCEL or PUBLISH), for its content type. */
    static String method(String calendar) {
        var matcher =
                java.util.regex.Pattern.compile("(?m)^METHOD:([A-Z-]+)\\r?$").matcher(calendar);
        return matcher.find() ? matcher.group(1) : "PUBLISH";
    }

    private void delivered(Tenant tenant, Claimed dispatch, Due letter, DigitalMailbox.Receipt receipt) {
        Instant at = clock.instant();
        int changed = jdbc.sql("""
                UPDATE messaging.dispatch SET status = 'DELIVERED', delivered_at = :at, operator = :op,
                    transaction_id = :tx, last_error = NULL, next_attempt_at = NULL, updated_at = :at
                WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING' AND attempts = :attempts
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatch.id())
                .param("at", Timestamp.from(at))
                .param("op", receipt.operator())
                .param("tx", receipt.transactionId())
                .param("attempts", dispatch.attempts())
                .update();
        if (changed == 0) {
            return;
        }
        audit.record(new AuditRecord(
                Actor.system(Letters.SYSTEM),
                "LETTER_DELIVERED",
                "letter",
                dispatch.letterId().toString(),
                Map.of("channel", PostChannel.DIGITAL_MAILBOX.name(), "transaction", receipt.transactionId())));
        letters.received(dispatch.letterId(), letter.caseId(), letter.kind(), at, "DIGITAL_MAILBOX", false);
        dispatched(dispatch, letter, PostChannel.DIGITAL_MAILBOX, at);
    }

    private void dispatched(Claimed dispatch, Due letter, PostChannel channel, Instant at) {
        events.publishEvent(new PostEvents.LetterDispatched(
                se.samla.shared.CurrentTenant.require(),
                dispatch.letterId(),
                letter.caseId(),
                letter.kind(),
                letter.sourceId(),
                channel,
                at));
    }

    /** No digital way to the resident: the letter stays in Mina sidor, and goes on paper if it must be delivered. */
    private void notReached(Claimed dispatch, Due letter, String reason) {
        if (finish(dispatch, "REPLACED", reason, null) && letter.mustDeliver()) {
            letters.onPaper(dispatch.letterId(), letter.identityNumber(), reason);
        }
    }

    private void failed(Claimed dispatch, DigitalMailbox.Failure failure) {
        boolean last = failure.permanent() || dispatch.attempts() > BACKOFF.size();
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                UPDATE messaging.dispatch SET status = :s, last_error = :e, next_attempt_at = :next, updated_at = :now
                WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING' AND attempts = :attempts
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("id", dispatch.id())
                .param("s", last ? "FAILED" : "PENDING")
                .param("e", withoutIdentityNumbers(failure.getMessage()))
                .param("next", last ? null : Timestamp.from(now.plus(BACKOFF.get(dispatch.attempts() - 1))))
                .param("now", Timestamp.from(now))
                .param("attempts", dispatch.attempts())
                .update();
        if (last && changed > 0) {
            audit.record(new AuditRecord(
                    Actor.system(Letters.SYSTEM),
                    "LETTER_DELIVERY_FAILED",
                    "letter",
                    dispatch.letterId().toString(),
                    Map.of("channel", dispatch.channel().name(), "attempts", Integer.toString(dispatch.attempts()))));
            log.warn(
                    "Letter {} not delivered after {} tries: {}",
                    dispatch.letterId(),
                    dispatch.attempts(),
                    withoutIdentityNumbers(failure.getMessage()));
        }
    }

    /** An operator's or a library's text may quote a recipient: no personal identity number goes to a log or a list. */
    static String withoutIdentityNumbers(String text) {
        return text == null ? null : text.replaceAll("(?<!\\d)(18|19|20)\\d{10}(?!\\d)", "(personnummer)");
    }

    /**
     * Records a dispatch's outcome, only while this claim still holds it: a claim that ran out (an instance that
     * stalled) leaves the outcome to whoever claimed it next, so two never both record one.
     *
     * @return whether it was recorded
     */
    private boolean finish(Claimed dispatch, String status, String reason, Instant deliveredAt) {
        Instant now = clock.instant();
        return jdbc.sql("""
                                UPDATE messaging.dispatch SET status = :s, reason = coalesce(:r, reason), delivered_at = :d,
                                    next_attempt_at = NULL, updated_at = :now
                                WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING' AND attempts = :attempts
                                """)
                        .param("tenant", CurrentTenant.require().value())
                        .param("id", dispatch.id())
                        .param("s", status)
                        .param("r", reason)
                        .param("d", deliveredAt == null ? null : Timestamp.from(deliveredAt))
                        .param("now", Timestamp.from(now))
                        .param("attempts", dispatch.attempts())
                        .update()
                > 0;
    }

    private Map<UUID, Due> due(List<UUID> letterIds) {
        Map<UUID, Due> found = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT id, case_id, kind, source_id, reference, identity_number, subject, must_deliver, pdf, person_id,
                    calendar
                FROM messaging.letter WHERE tenant_id = :tenant AND id = ANY(:ids)
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("ids", letterIds.toArray(UUID[]::new))
                .query((rs, n) -> found.put(
                        rs.getObject(1, UUID.class),
                        new Due(
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getObject(4, UUID.class),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getBoolean(8),
                                rs.getBytes(9),
                                rs.getObject(10, UUID.class),
                                rs.getString(11))))
                .list();
        return found;
    }

    /**
     * A letter that must be delivered, sent as an e-mail notice and not opened in Mina sidor for the tenant's
     * number of days, goes on paper too.
     */
    void sendUnreadOnPaper(TenantId tenantId) {
        int days = settings.of(tenantId).unreadDays();
        transactions.run(tenantId, () -> {
            var unread = jdbc.sql("""
                    SELECT l.id, l.identity_number FROM messaging.letter l
                    JOIN messaging.dispatch d ON d.tenant_id = l.tenant_id AND d.letter_id = l.id AND d.channel = 'EMAIL'
                        AND d.status = 'DELIVERED'
                    WHERE l.tenant_id = :tenant AND l.must_deliver AND l.opened_at IS NULL AND l.received_at IS NULL
                      AND l.pdf IS NOT NULL AND d.delivered_at <= :before
                      AND NOT EXISTS (SELECT 1 FROM messaging.dispatch p
                                      WHERE p.tenant_id = :tenant AND p.letter_id = l.id AND p.channel = 'PAPER')
                    """)
                    .param("tenant", tenantId.value())
                    .param("before", Timestamp.from(clock.instant().minus(Duration.ofDays(days))))
                    .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                    .list();
            for (var letter : unread) {
                letters.onPaper(letter.getKey(), letter.getValue(), "UNREAD");
            }
        });
    }
}
