package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventPublicationRepository;
import se.samla.SamlaIntegrationTest;

/**
 * A publication is claimed for resubmission only while nobody handles it: a listener running on another
 * instance (PROCESSING) or a resubmission in flight keeps it, until it has been so long that the instance
 * must be gone.
 */
class ResubmissionClaimsTest extends SamlaIntegrationTest {

    @Autowired
    EventPublicationRepository publications;

    @Autowired
    OutstandingEvents outstanding;

    /** The scheduled resubmission would take these test publications: it waits while the test holds its lock. */
    @BeforeEach
    void holdTheScheduledResubmission() {
        jdbc.sql("""
                INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
                VALUES ('platform.events.resubmit', '2999-01-01', '2000-01-01', 'ResubmissionClaimsTest')
                ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until, locked_by = excluded.locked_by
                """).update();
    }

    @AfterEach
    void forgetThem() {
        jdbc.sql("DELETE FROM event_publication WHERE listener_id = 'claims.test.listener'")
                .update();
        jdbc.sql("UPDATE shedlock SET lock_until = '2000-01-01' WHERE name = 'platform.events.resubmit'")
                .update();
    }

    @Test
    void onlyAWaitingOrFailedPublicationIsClaimed() {
        Instant now = Instant.now();
        UUID waiting = publication("PUBLISHED", now.minus(Duration.ofMinutes(10)), null);
        UUID failed = publication("FAILED", now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(6)));
        UUID failedJustNow = publication("FAILED", now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(1)));
        UUID failedFirstTry = publication("FAILED", now.minus(Duration.ofMinutes(10)), null);
        UUID running = publication("PROCESSING", now.minus(Duration.ofMinutes(10)), now.minusSeconds(1));
        UUID resubmitted = publication("RESUBMITTED", now.minus(Duration.ofMinutes(10)), now.minusSeconds(1));

        assertThat(publications.markResubmitted(waiting, now)).isTrue();
        assertThat(publications.markResubmitted(failed, now)).isTrue();
        // a failing listener is left alone for a while after each try
        assertThat(publications.markResubmitted(failedJustNow, now)).isFalse();
        assertThat(publications.markResubmitted(failedFirstTry, now)).isTrue();
        assertThat(publications.markResubmitted(running, now)).isFalse();
        assertThat(publications.markResubmitted(resubmitted, now)).isFalse();
        // the second of two instances that listed the same waiting publication gets nothing
        assertThat(publications.markResubmitted(waiting, now)).isFalse();

        assertThat(status(waiting)).isEqualTo("RESUBMITTED");
        assertThat(attempts(waiting)).isEqualTo(1);
        assertThat(status(running)).isEqualTo("PROCESSING");
        assertThat(attempts(running)).isZero();
    }

    @Test
    void aHandlingLostWithItsInstanceIsFailedSoItCanBeClaimedAgain() {
        Instant now = Instant.now();
        Duration lost = OutstandingEvents.RESUBMISSION_LOST.plusMinutes(1);
        Duration recent = OutstandingEvents.RESUBMISSION_LOST.minusMinutes(1);
        UUID lostFirstRun = publication("PROCESSING", now.minus(lost), null);
        UUID lostResubmittedRun = publication("PROCESSING", now.minus(Duration.ofHours(2)), now.minus(lost));
        UUID lostResubmission = publication("RESUBMITTED", now.minus(Duration.ofHours(2)), now.minus(lost));
        UUID runningLong = publication("PROCESSING", now.minus(recent), null);
        UUID runningAgain = publication("PROCESSING", now.minus(Duration.ofHours(2)), now.minus(recent));
        // published long ago, its listener begun just now (it waited in a queue): lost counts from the start
        UUID startedLate = publication("PUBLISHED", now.minus(lost), null);
        publications.markProcessing(startedLate);

        outstanding.failLost(now);

        assertThat(status(lostFirstRun)).isEqualTo("FAILED");
        assertThat(status(lostResubmittedRun)).isEqualTo("FAILED");
        assertThat(status(lostResubmission)).isEqualTo("FAILED");
        assertThat(status(runningLong)).isEqualTo("PROCESSING");
        assertThat(status(runningAgain)).isEqualTo("PROCESSING");
        assertThat(status(startedLate)).isEqualTo("PROCESSING");
        assertThat(publications.markResubmitted(lostFirstRun, now)).isTrue();
        assertThat(publications.markResubmitted(runningAgain, now)).isFalse();
    }

    private UUID publication(String status, Instant published, Instant lastResubmission) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                    completion_attempts, last_resubmission_date)
                VALUES (:id, 'claims.test.listener', 'java.lang.String', :event, :published, :status, 0, :last)
                """)
                .param("id", id)
                .param("event", "\"" + id + "\"")
                .param("published", Timestamp.from(published))
                .param("status", status)
                .param("last", lastResubmission == null ? null : Timestamp.from(lastResubmission))
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM event_publication WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private int attempts(UUID id) {
        return jdbc.sql("SELECT completion_attempts FROM event_publication WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }
}
