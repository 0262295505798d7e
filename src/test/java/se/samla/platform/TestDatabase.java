package se.samla.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.context.ApplicationContext;

/** For tests that must act as someone other than the application: a database superuser, or a second instance. */
public final class TestDatabase {

    private TestDatabase() {}

    /**
     * A superuser connection, as an intruder with full database access would have: on the embedded server, or on a
     * server of the tests' own that names its superuser ({@code -Dsamla.test.superuser=postgres}, as {@code
     * citus/test.sh} does for its cluster).
     */
    public static Connection superuser(ApplicationContext context) throws SQLException {
        DatabaseServer server = context.getBean(DatabaseServer.class);
        String superuser = server.isEmbedded() ? "postgres" : System.getProperty("samla.test.superuser");
        if (superuser == null) {
            throw new IllegalStateException("superuser access is only arranged for the embedded test database"
                    + " or with -Dsamla.test.superuser");
        }
        return DriverManager.getConnection(server.url(), DatabaseServer.connectionProperties(superuser, null));
    }

    /** Whether the tests run against a Citus cluster (citus/cluster.sh) rather than one PostgreSQL. */
    public static boolean isCitus(ApplicationContext context) {
        return context.getBean(DatabaseServer.class).isCitus();
    }

    public static String url(ApplicationContext context) {
        return context.getBean(DatabaseServer.class).url();
    }

    public static String applicationUser(ApplicationContext context) {
        return context.getBean(DatabaseServer.class).appUser();
    }

    public static String ownerUser(ApplicationContext context) {
        return context.getBean(DatabaseServer.class).ownerUser();
    }
}
