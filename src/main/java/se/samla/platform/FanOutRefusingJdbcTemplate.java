package se.samla.platform;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's statements on a Citus cluster when {@code samla.db.refuse-fan-out} is on (the tests of the main
 * flows): a statement that ran on every shard, because it did not name its municipality, fails. Citus says so in a
 * warning (citus.multi_task_query_log_level), which only this template turns into an error, so a test's own checks,
 * made through a plain template in the same transaction, may still look across municipalities.
 */
final class FanOutRefusingJdbcTemplate extends JdbcTemplate {

    static final String CITUS_WARNING = "multi-task query about to be executed";

    FanOutRefusingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void handleWarnings(Statement statement) throws SQLException {
        for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
            if (w.getMessage() != null && w.getMessage().contains(CITUS_WARNING)) {
                // not the statement itself: the driver prints it with its values, which may be personal data
                throw new InvalidDataAccessApiUsageException(
                        "This statement ran on every shard of the Citus cluster: it must name its tenant (tenant_id = "
                                + ":tenant) to reach only its municipality's (see the caller below).");
            }
        }
    }
}
