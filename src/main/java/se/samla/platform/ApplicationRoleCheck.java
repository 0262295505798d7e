package se.samla.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Refuses to run as a role for which row-level security would not apply. */
final class ApplicationRoleCheck {

    private ApplicationRoleCheck() {}

    static void requireRowLevelSecurityApplies(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            r.next();
            if (r.getBoolean(2) || r.getBoolean(3)) {
                throw new IllegalStateException("The database role '" + r.getString(1)
                        + "' is a superuser or bypasses row-level security, so one municipality could see "
                        + "another's data. Set SAMLA_DB_USER to an ordinary role (see README).");
            }
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(dataSource.toString(), e);
        }
    }
}
