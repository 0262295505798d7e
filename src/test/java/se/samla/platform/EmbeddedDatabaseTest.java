package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL keeps its data in the data directory, so a second start finds it again, with
 * PostgreSQL's durable settings, and never on a directory another running Samla uses.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void aSecondStartReusesTheData() throws Exception {
        DatabaseSettings settings =
                new DatabaseSettings(null, null, null, null, null, directory.resolve("pg"), 2, false, false);
        try (DatabaseServer first = DatabaseServer.open(settings);
                Connection c = DriverManager.getConnection(
                        first.url(), DatabaseServer.connectionProperties(first.ownerUser(), null));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (note text)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        }
        assertThat(Files.exists(directory.resolve("pg").resolve("PG_VERSION"))).isTrue();
        try (DatabaseServer second = DatabaseServer.open(settings);
                Connection c = DriverManager.getConnection(
                        second.url(), DatabaseServer.connectionProperties(second.ownerUser(), null));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT note FROM kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void commitsAreDurable() throws Exception {
        DatabaseSettings settings =
                new DatabaseSettings(null, null, null, null, null, directory.resolve("pg"), 2, false, false);
        try (DatabaseServer server = DatabaseServer.open(settings);
                Connection c = DriverManager.getConnection(
                        server.url(), DatabaseServer.connectionProperties(server.ownerUser(), null));
                Statement s = c.createStatement()) {
            for (String setting : new String[] {"fsync", "full_page_writes", "synchronous_commit"}) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void aDataDirectoryInUseIsRefusedWithoutTouchingItsServer() throws Exception {
        DatabaseSettings settings =
                new DatabaseSettings(null, null, null, null, null, directory.resolve("pg"), 2, false, false);
        try (DatabaseServer first = DatabaseServer.open(settings)) {
            assertThatThrownBy(() -> DatabaseServer.open(settings))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running Samla");
            try (Connection c = DriverManager.getConnection(
                            first.url(), DatabaseServer.connectionProperties(first.ownerUser(), null));
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT 1")) {
                assertThat(r.next()).as("the first server still answers").isTrue();
            }
        }
    }

    @Test
    void aFailedStartIsOneLineWithTheCauseAndTheFix() {
        var cause = new EmbeddedDatabaseException(
                "the data directory /srv/samla/postgres is in use by another running Samla.",
                "Stop the other Samla first, or give this one its own SAMLA_DATA_DIR.",
                null);
        var analysis = new EmbeddedDatabaseFailureAnalyzer()
                .analyze(
                        new org.springframework.beans.factory.BeanCreationException("databaseServer", "failed", cause));
        assertThat(analysis.getDescription())
                .doesNotContain("\n")
                .contains(
                        "Samla cannot start its embedded database",
                        "in use by another running Samla",
                        "give this one its own SAMLA_DATA_DIR");
    }

    @Test
    void aLockFileLeftByACrashWhosePidWentToAnUnrelatedProcessNeitherStopsTheStartNorThatProcess() throws Exception {
        DatabaseSettings settings =
                new DatabaseSettings(null, null, null, null, null, directory.resolve("pg"), 2, false, false);
        DatabaseServer.open(settings).close();
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            // what a killed postmaster leaves behind, after a reboot gave its pid to another program
            Files.writeString(
                    directory.resolve("pg").resolve("postmaster.pid"),
                    unrelated.pid() + "\n" + directory.resolve("pg")
                            + "\n1700000000\n5432\n/tmp\nlocalhost\n  5432001         0\nready   \n");
            try (DatabaseServer again = DatabaseServer.open(settings);
                    Connection c = DriverManager.getConnection(
                            again.url(), DatabaseServer.connectionProperties(again.ownerUser(), null));
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT 1")) {
                assertThat(r.next()).isTrue();
            }
            assertThat(unrelated.isAlive())
                    .as("the unrelated process is left alone")
                    .isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
