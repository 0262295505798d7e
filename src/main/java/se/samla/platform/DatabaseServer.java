package se.samla.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Samla talks to: either its own embedded server (files kept under the data
 * directory, so a second start finds the data again) or a server named by configuration.
 */
final class DatabaseServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
    static final String EMBEDDED_OWNER = "samla_owner";
    static final String EMBEDDED_APP = "samla_app";
    private static final String EMBEDDED_DATABASE = "samla";
    // zonky's lock file in the data directory, held by the JVM whose server uses it
    private static final String EMBEDDED_LOCK = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String url;
    private final String ownerUser;
    private final String ownerPassword;
    private final String appUser;
    private final String appPassword;
    private final EmbeddedPostgres embedded;
    private final ProcessHandle postmaster;
    private boolean citus;

    private DatabaseServer(
            String url,
            String ownerUser,
            String ownerPassword,
            String appUser,
            String appPassword,
            EmbeddedPostgres embedded,
            ProcessHandle postmaster) {
        this.url = url;
        this.ownerUser = ownerUser;
        this.ownerPassword = ownerPassword;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.embedded = embedded;
        this.postmaster = postmaster;
    }

    static DatabaseServer open(DatabaseSettings settings) {
        if (settings.embedded()) {
            return startEmbedded(
                    settings.ephemeral() ? temporaryDirectory() : settings.dataDirectory(), settings.ephemeral());
        }
        DatabaseServer server = new DatabaseServer(
                settings.url(),
                settings.effectiveOwnerUser(),
                settings.effectiveOwnerPassword(),
                settings.user(),
                settings.password(),
                null,
                null);
        server.probe();
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("samla-pg-").resolve("data");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make a temporary data directory: " + e.getMessage(), e);
        }
    }

    private static DatabaseServer startEmbedded(Path dataDirectory, boolean deleteOnClose) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path logFile = directory.resolveSibling("postgres.log");
        requireUsable(directory);
        requireNotInUse(directory);
        LeftoverPostgres.stop(directory);
        boolean reused = Files.exists(directory.resolve("PG_VERSION"));
        long logStart = size(logFile);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.toFile())
                    .setCleanDataDirectory(deleteOnClose)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // zonky starts PostgreSQL with -F (no fsync) and synchronous_commit=off, which loses
                    // acknowledged commits in a crash; these come later on the command line and win
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Spring's context close stops the server after the web server and the pool; zonky's own
                    // JVM hook would stop it in the middle of requests still being answered
                    .setRegisterShutdownHook(false)
                    // recovery after a crash replays the WAL before the server answers
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // a file, not a pipe into this JVM: the server's messages outlive a killed JVM, and a
                    // failed start can be explained from them
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw startFailure(directory, logFile, logStart, e);
        }
        log.info(
                "Embedded PostgreSQL {} data in {} (port {})",
                reused ? "reuses" : "created",
                directory,
                postgres.getPort());
        Optional<ProcessHandle> postmaster = LeftoverPostgres.runningPostmaster(directory);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                        CREATE ROLE %2$s LOGIN NOSUPERUSER NOBYPASSRLS;
                      END IF;
                    END $$""".formatted(EMBEDDED_OWNER, EMBEDDED_APP));
            var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'");
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE + " OWNER " + EMBEDDED_OWNER + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new EmbeddedDatabaseException(
                    "the server in " + directory + " started but refused to set up the " + "samla database ("
                            + e.getMessage() + ").",
                    "See " + logFile + " for PostgreSQL's own messages.",
                    e);
        }
        String url = postgres.getJdbcUrl(EMBEDDED_OWNER, EMBEDDED_DATABASE).replaceFirst("\\?.*$", "");
        // trust authentication inside the embedded server: no passwords to keep
        return new DatabaseServer(url, EMBEDDED_OWNER, null, EMBEDDED_APP, null, postgres, postmaster.orElse(null));
    }

    private static void requireUsable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(
                    "cannot create the data directory " + directory + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ").",
                    "Set SAMLA_DATA_DIR to a directory that the user running Samla may write to.",
                    e);
        }
        if (!Files.isReadable(directory) || !Files.isWritable(directory) || !Files.isExecutable(directory)) {
            throw new EmbeddedDatabaseException(
                    "the data directory " + directory + " is not readable and writable " + "by the user running Samla.",
                    "Give that user the directory (chown -R), or set SAMLA_DATA_DIR " + "to another directory.",
                    null);
        }
    }

    /** Another running Samla holds zonky's lock on the directory; its server must not be touched. */
    private static void requireNotInUse(Path directory) {
        Path lockFile = directory.resolve(EMBEDDED_LOCK);
        if (!Files.exists(directory.resolve("postgresql.conf"))) {
            return; // initdb wants an empty directory, so no lock file before it; nobody else can use it yet
        }
        boolean held;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            held = lock == null;
        } catch (OverlappingFileLockException e) {
            held = true;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(
                    "cannot lock " + lockFile + " (" + e.getMessage() + ").",
                    "Give the user running Samla the data directory (chown -R), or set SAMLA_DATA_DIR.",
                    e);
        }
        if (held) {
            throw new EmbeddedDatabaseException(
                    "the data directory " + directory + " is in use by another running " + "Samla.",
                    "Stop the other Samla first, or give this one its own SAMLA_DATA_DIR.",
                    null);
        }
    }

    private static EmbeddedDatabaseException startFailure(Path directory, Path logFile, long logStart, Exception e) {
        String reason = lastError(logFile, logStart).orElse(e.getMessage());
        String fix;
        if (reason.contains("Address already in use") || reason.contains("could not bind")) {
            fix = "Another program took the port PostgreSQL was given; start Samla again.";
        } else if (reason.contains("lock file") || reason.contains("shared memory block is still in use")) {
            fix = "A PostgreSQL not started by Samla uses " + directory + "; stop it, or set SAMLA_DATA_DIR.";
        } else if (reason.contains("Permission denied") || reason.contains("permissions")) {
            fix = "Give the user running Samla the data directory (chown -R, chmod 700), or set SAMLA_DATA_DIR.";
        } else if (reason.contains("No space left")) {
            fix = "Free space on the disk of " + directory + ".";
        } else {
            fix = "See " + logFile + " for PostgreSQL's own messages.";
        }
        return new EmbeddedDatabaseException("PostgreSQL did not start on " + directory + " (" + reason + ").", fix, e);
    }

    /** PostgreSQL's own words for why it did not start, from the messages written by this start. */
    private static Optional<String> lastError(Path logFile, long from) {
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
            channel.position(Math.min(from, channel.size()));
            String text = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            // the server's FATAL line names the cause; pg_ctl's and initdb's own lines only say that it failed
            return lines.stream()
                    .filter(l -> l.contains("FATAL:") || l.contains("PANIC:"))
                    .findFirst()
                    .map(l -> l.replaceFirst("^.*?(FATAL|PANIC):\\s*", ""))
                    .or(() -> lines.stream()
                            .filter(l -> l.startsWith("pg_ctl:") || l.startsWith("initdb:"))
                            .findFirst());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the start failure is what gets reported
        }
    }

    /** Fails fast, with a message that names the URL, when the configured server cannot be reached. */
    private void probe() {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url, connectionProperties(appUser, appPassword))) {
            citus = CitusDistribution.isCitus(c);
            log.info("Connected to {} at {}", citus ? "a Citus cluster" : "PostgreSQL", url);
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(url, e);
        }
    }

    static Properties connectionProperties(String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // short, so a request fails fast while the server is away; also bounds the probe at start
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        // batches of inserts travel as multi-row statements: an uploaded dataset of 100,000 rows is stored in seconds
        properties.setProperty("reWriteBatchedInserts", "true");
        return properties;
    }

    String url() {
        return url;
    }

    String ownerUser() {
        return ownerUser;
    }

    String ownerPassword() {
        return ownerPassword;
    }

    String appUser() {
        return appUser;
    }

    String appPassword() {
        return appPassword;
    }

    /** Whether the database is a Citus cluster's coordinator (found when the server was first reached). */
    boolean isCitus() {
        return citus;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded == null) {
            return;
        }
        embedded.close();
        // pg_ctl gives up after 5 s, but the shutdown checkpoint may take longer on a busy machine; leaving
        // before the server is gone would leave it running for the next start to find
        if (postmaster != null && postmaster.isAlive()) {
            try {
                postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "The embedded PostgreSQL (pid {}) did not stop within {} s; the next start stops it",
                        postmaster.pid(),
                        STOP_WAIT.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
