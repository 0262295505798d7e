package se.samla.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether the database can be reached, as the last failed request, job or probe says. An outage is said
 * once when it starts (with its reason) and once when it ends (with how long it lasted), so operators see
 * two lines instead of a stack trace per request. While the database is away, a light probe on its own
 * thread asks the connection pool every few seconds; its first success ends the outage, so nothing waits
 * for a visitor to find out that the server is back.
 */
class DatabaseAvailability implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
    /** What clients are told to wait before they try again; a few probe intervals. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Clock clock;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "samla-db-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Instant downSince;
    private Instant lastRecovery = Instant.MIN;
    private ScheduledFuture<?> probe;

    DatabaseAvailability(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether this failure means the database cannot be reached (rather than a fault in a query). */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 is connection exceptions; 57P01-57P03 are the server shutting down or not yet accepting. */
    private static boolean isConnectionState(String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    synchronized boolean available() {
        return downSince == null;
    }

    /**
     * Notes a failure to reach the database, by work that started at {@code startedAt}. Work that started
     * before the last recovery was failing because of the outage that already ended, and starts no new one.
     *
     * @return whether the failure was one of reaching the database
     */
    boolean failed(Throwable failure, Instant startedAt) {
        if (!isConnectionFailure(failure)) {
            return false;
        }
        synchronized (this) {
            if (downSince != null || startedAt.isBefore(lastRecovery)) {
                return true;
            }
            downSince = clock.instant();
            probe = prober.scheduleWithFixedDelay(
                    this::probe, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.warn(
                "The database cannot be reached ({}); requests that need it are answered 503 until it is back",
                reason(failure));
        return true;
    }

    boolean failed(Throwable failure) {
        return failed(failure, clock.instant());
    }

    /** Notes that a connection was made: ends an outage, if there was one. */
    void reached() {
        Duration outage;
        synchronized (this) {
            if (downSince == null) {
                return;
            }
            Instant now = clock.instant();
            outage = Duration.between(downSince, now);
            downSince = null;
            lastRecovery = now;
            probe.cancel(false);
            probe = null;
        }
        log.info("The database can be reached again, after {} s", Math.max(1, Math.round(outage.toMillis() / 1000.0)));
    }

    /** Asks the pool for a working connection, so a success also means the pool has reconnected. */
    boolean check() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid((int) PROBE_INTERVAL.toSeconds())) {
                reached();
                return true;
            }
            return !failed(new SQLTransientConnectionException("the connection did not answer", "08006"));
        } catch (SQLException | RuntimeException e) {
            if (!failed(e)) {
                // some other fault than reaching the server (a refused login, say): not this class's to hide
                log.warn("Checking the database failed: {}", reason(e));
            }
            return false;
        }
    }

    private void probe() {
        check();
    }

    /** The innermost message: the one that names the cause (connection refused, the server shutting down). */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
