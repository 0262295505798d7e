package se.samla.platform;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/**
 * HikariCP takes SQL state 0A000 ("feature not supported") for a broken connection and closes it, so the rollback that
 * follows fails and hides why the statement was refused. PostgreSQL itself answers 0A000 on a sound connection, and so
 * does Citus for a statement it will not run (a row moved to another municipality, a query it cannot plan); such an
 * answer, one the server sent, keeps the connection.
 */
final class ServerRefusalKeepsConnection implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if ("0A000".equals(e.getSQLState()) && e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return Override.DO_NOT_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }
}
