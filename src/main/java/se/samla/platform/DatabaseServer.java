package se.samla.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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

    private final String url;
    private final String ownerUser;
    private final String ownerPassword;
    private final String appUser;
    private final String appPassword;
    private final EmbeddedPostgres embedded;

    private DatabaseServer(String url, String ownerUser, String ownerPassword, String appUser, String appPassword,
            EmbeddedPostgres embedded) {
        this.url = url;
        this.ownerUser = ownerUser;
        this.ownerPassword = ownerPassword;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.embedded = embedded;
    }

    static DatabaseServer open(DatabaseSettings settings) {
        if (settings.embedded()) {
            return startEmbedded(settings.ephemeral() ? temporaryDirectory() : settings.dataDirectory(),
                    settings.ephemeral());
        }
        DatabaseServer server = new DatabaseServer(settings.url(), settings.effectiveOwnerUser(),
                settings.effectiveOwnerPassword(), settings.user(), settings.password(), null);
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
        try {
            Path directory = dataDirectory.toAbsolutePath();
            Files.createDirectories(directory.getParent());
            boolean reused = Files.exists(directory.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.toFile())
                    .setCleanDataDirectory(deleteOnClose)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .start();
            log.info("Embedded PostgreSQL {} data in {} (port {})", reused ? "reuses" : "created",
                    directory, postgres.getPort());
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
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
            }
            String url = postgres.getJdbcUrl(EMBEDDED_OWNER, EMBEDDED_DATABASE).replaceFirst("\\?.*$", "");
            // trust authentication inside the embedded server: no passwords to keep
            return new DatabaseServer(url, EMBEDDED_OWNER, null, EMBEDDED_APP, null, postgres);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
    }

    /** Fails fast, with a message that names the URL, when the configured server cannot be reached. */
    private void probe() {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(url, connectionProperties(appUser, appPassword))) {
            log.info("Connected to PostgreSQL at {}", url);
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

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
