package se.samla.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.cases.CaseIntake;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * Personal data of the secure mailbox does not outlive its use: a thread the unit answered and the resident left is
 * closed after {@link #ANSWERED_AND_LEFT}; a closed thread that went into no case is disposed of, with its files and
 * what its answers' letters said, once its unit's time to keep it has passed (or the default, for a unit that takes
 * messages no more); a thread in a case goes with the case. Once across instances.
 */
@Component
class SecureMailboxDisposal {

    static final Duration ANSWERED_AND_LEFT = Duration.ofDays(60);
    /** How long a closed thread of a unit that no longer takes messages is kept. */
    static final int DEFAULT_KEEP_CLOSED_DAYS = 365;

    private static final Logger log = LoggerFactory.getLogger(SecureMailboxDisposal.class);

    private final MailboxThreads threads;
    private final CaseIntake intake;
    private final Letters letters;
    private final AuditLog audit;
    private final TenantPostSettings settings;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final Clock clock;

    SecureMailboxDisposal(
            MailboxThreads threads,
            CaseIntake intake,
            Letters letters,
            AuditLog audit,
            TenantPostSettings settings,
            Tenants tenants,
            TenantTransactions transactions,
            Clock clock) {
        this.threads = threads;
        this.intake = intake;
        this.letters = letters;
        this.audit = audit;
        this.settings = settings;
        this.tenants = tenants;
        this.transactions = transactions;
        this.clock = clock;
    }

    // days are the unit of keeping, so a few looks a day are enough
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT9M")
    @SchedulerLock(name = "messaging.secure-mailbox.dispose-closed", lockAtMostFor = "PT1H")
    void disposeClosed() {
        for (Tenant tenant : tenants.all()) {
            int gone = dispose(tenant);
            if (gone > 0) {
                log.info("Disposed of {} closed secure mailbox threads of {}", gone, tenant.slug());
            }
        }
    }

    /** @return how many threads of the tenant went */
    int dispose(Tenant tenant) {
        return transactions.call(tenant.id(), () -> {
            Instant now = clock.instant();
            threads.closeAnsweredBefore(now.minus(ANSWERED_AND_LEFT));
            var post = settings.of(CurrentTenant.require());
            threads.closeOutside(post.secureMailbox().stream()
                    .map(PostSettings.MailboxUnit::unit)
                    .toList());
            int gone = 0;
            for (var unit : post.secureMailbox()) {
                Instant before = now.minus(Duration.ofDays(unit.keepClosedDays()));
                for (var thread : threads.closedBefore(java.util.List.of(unit.unit()), false, before)) {
                    gone += dispose(thread, before) ? 1 : 0;
                }
            }
            Instant before = now.minus(Duration.ofDays(DEFAULT_KEEP_CLOSED_DAYS));
            var configured = post.secureMailbox().stream()
                    .map(PostSettings.MailboxUnit::unit)
                    .toList();
            for (var thread : threads.closedBefore(configured, true, before)) {
                gone += dispose(thread, before) ? 1 : 0;
            }
            return gone;
        });
    }

    /** The threads in the disposed case go with it; their files went with the case's. */
    @Transactional
    void forgetCase(UUID caseId) {
        threads.inCase(caseId).forEach(this::forget);
    }

    /** Disposes of the thread if it is still closed since before then; one written in a moment ago stays. */
    private boolean dispose(MailboxThreads.Thread thread, Instant before) {
        var answers = threads.answers(thread.id());
        if (!threads.deleteIfClosedBefore(thread.id(), before)) {
            return false;
        }
        letters.forgetSources(answers);
        intake.release(thread.submissionId());
        audit.record(new AuditRecord(
                Actor.system(Letters.SYSTEM),
                "MAILBOX_THREAD_DISPOSED",
                "thread",
                thread.id().toString(),
                Map.of()));
        return true;
    }

    private void forget(MailboxThreads.Thread thread) {
        letters.forgetSources(threads.answers(thread.id()));
        threads.delete(thread.id());
        audit.record(new AuditRecord(
                Actor.system(Letters.SYSTEM),
                "MAILBOX_THREAD_DISPOSED",
                "thread",
                thread.id().toString(),
                Map.of()));
    }
}
