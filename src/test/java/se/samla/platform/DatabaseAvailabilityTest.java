package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are an outage, and that an outage is said once when it starts and once when it ends. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseAvailabilityTest {

    static final class MovableClock extends Clock {

        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anOutageIsAFailureToReachTheServerAnywhereInTheCauseChain() {
        assertThat(DatabaseAvailability.isConnectionFailure(new CannotGetJdbcConnectionException("no")))
                .isTrue();
        assertThat(DatabaseAvailability.isConnectionFailure(
                        new ServletException("Request processing failed", new CannotCreateTransactionException("no"))))
                .isTrue();
        assertThat(DatabaseAvailability.isConnectionFailure(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(DatabaseAvailability.isConnectionFailure(new RuntimeException(new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(DatabaseAvailability.isConnectionFailure(new SQLException("shutting down", "57P01")))
                .isTrue();
        assertThat(DatabaseAvailability.isConnectionFailure(new SQLException("starting up", "57P03")))
                .isTrue();

        assertThat(DatabaseAvailability.isConnectionFailure(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseAvailability.isConnectionFailure(new DataIntegrityViolationException("duplicate")))
                .isFalse();
        assertThat(DatabaseAvailability.isConnectionFailure(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    void saysOnceWhenItStartsAndOnceWhenItEnds(CapturedOutput output) {
        MovableClock clock = new MovableClock();
        // nothing listens on port 1: the background probe fails quickly, as it would during an outage
        SimpleDriverDataSource nowhere =
                new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/samla");
        DatabaseAvailability availability = new DatabaseAvailability(nowhere, clock);
        try {
            Instant before = clock.now;
            assertThat(availability.failed(new IllegalStateException("a bug"))).isFalse();
            assertThat(availability.available()).isTrue();

            assertThat(availability.failed(new CannotGetJdbcConnectionException(
                            "no", new SQLException("Connection refused", "08001"))))
                    .isTrue();
            assertThat(availability.failed(new CannotCreateTransactionException("no")))
                    .isTrue();
            assertThat(availability.available()).isFalse();

            clock.now = clock.now.plus(Duration.ofSeconds(42));
            availability.reached();
            availability.reached();
            assertThat(availability.available()).isTrue();

            // a request that began during the outage that just ended starts no new one
            assertThat(availability.failed(new CannotCreateTransactionException("late"), before))
                    .isTrue();
            assertThat(availability.available()).isTrue();

            assertThat(output.getAll()
                            .lines()
                            .filter(l -> l.contains("The database cannot be reached (Connection refused)")))
                    .hasSize(1);
            assertThat(output.getAll().lines().filter(l -> l.contains("The database can be reached again, after 42 s")))
                    .hasSize(1);
            assertThat(output.getAll()).doesNotContain("\tat ");
        } finally {
            availability.destroy();
        }
    }
}
