package se.samla.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands event publications that nobody finished to their listeners again, once across all instances.
 *
 * <p>This replaces Spring Modulith's republication at start, which takes every incomplete publication:
 * with several instances, one starting would also take those another instance is handling right now, and
 * the listener would run twice. Here only publications older than {@link #IN_FLIGHT} are taken: younger
 * ones may still be queued or running on the instance that published them. Each is claimed before it is
 * handed over ({@link ResubmissionClaims}: one UPDATE takes it only while it waits or has failed, not
 * while a listener runs on it), so two instances resubmitting at once do not both hand it over; the scheduler lock
 * keeps them from trying at once in the first place.
 */
@Component
class OutstandingEvents {

    private static final Logger log = LoggerFactory.getLogger(OutstandingEvents.class);
    /** Longer than any listener takes, or waits in the executor's queue, on a live instance. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(5);
    /**
     * A resubmission, or a listener run, not finished after this long was lost with its instance: it is
     * marked failed, so it can be claimed again ({@link ResubmissionClaims} claims only waiting or failed
     * publications). (Spring Modulith's own staleness check for resubmissions counts from the first
     * publication, so it would fail a resubmission of an old event at once, while it runs.)
     */
    static final Duration RESUBMISSION_LOST = Duration.ofMinutes(15);
    /**
     * A publication whose listener failed is tried again no sooner than this after its last try (the claim says
     * so, see {@link ResubmissionClaims}).
     */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private final IncompleteEventPublications incomplete;
    private final JdbcClient jdbc;
    private final Clock clock;

    OutstandingEvents(IncompleteEventPublications incomplete, JdbcClient jdbc, Clock clock) {
        this.incomplete = incomplete;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    @SchedulerLock(name = "platform.events.resubmit", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    void resubmit() {
        Instant now = clock.instant();
        failLost(now);
        // younger ones are left in the database unread: under load they are many, and all still on their way
        incomplete.resubmitIncompletePublicationsOlderThan(IN_FLIGHT);
    }

    /** Marks failed what was handed to a listener so long ago that its instance must have died meanwhile. */
    int failLost(Instant now) {
        int lost = jdbc.sql("""
                UPDATE event_publication SET status = 'FAILED'
                WHERE completion_date IS NULL
                  AND (status = 'RESUBMITTED' AND last_resubmission_date < :before
                       OR status = 'PROCESSING' AND coalesce(last_resubmission_date, publication_date) < :before)
                """)
                .param("before", java.sql.Timestamp.from(now.minus(RESUBMISSION_LOST)))
                .update();
        if (lost > 0) {
            log.warn(
                    "{} event publications handed to a listener more than {} ago were never finished; they are tried again",
                    lost,
                    RESUBMISSION_LOST);
        }
        return lost;
    }
}
