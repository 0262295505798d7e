package se.samla.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import se.samla.shared.CurrentFederation;
import se.samla.shared.CurrentTenant;
import se.samla.shared.FederationId;
import se.samla.shared.TenantId;

/**
 * Tells PostgreSQL, at the start of every transaction, which tenant it works for. The setting is
 * transaction-local, so it can never leak to the next user of a pooled connection, and with no tenant
 * the row-level security policies show no tenant rows at all. A federation, when one is set, narrows what the
 * tenant's rows show to the cases of the federation's units, read only.
 */
class TenantScopedTransactionManager extends JdbcTransactionManager {

    static final String SETTING = "samla.tenant_id";
    static final String FEDERATION_SETTING = "samla.federation_id";

    TenantScopedTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        String tenant = CurrentTenant.get().map(TenantId::toString).orElse("");
        String federation = CurrentFederation.get().map(FederationId::toString).orElse("");
        try (PreparedStatement ps = con.prepareStatement(
                "SELECT set_config('" + SETTING + "', ?, true), set_config('" + FEDERATION_SETTING + "', ?, true)")) {
            ps.setString(1, tenant);
            ps.setString(2, federation);
            ps.execute();
        }
    }
}
