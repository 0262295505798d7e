package se.samla.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
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
    static final String FEDERATION_UNITS_SETTING = "samla.federation_units";

    TenantScopedTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        Optional<TenantId> tenant = CurrentTenant.get();
        Optional<FederationId> federation = CurrentFederation.get();
        String units = "";
        if (tenant.isPresent() && federation.isPresent()) {
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT coalesce(array_agg(unit_code ORDER BY unit_code), '{}')::text FROM tenancy.federation_unit
                    WHERE federation_id = ? AND tenant_id = ?""")) {
                ps.setObject(1, federation.get().value());
                ps.setObject(2, tenant.get().value());
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    units = r.getString(1);
                }
            }
        }
        // SET LOCAL statements rather than set_config(): Citus passes SET LOCAL on to the workers that the transaction
        // reaches (citus.propagate_set_commands = 'local'), so their row-level security sees the same tenant. The ids
        // are
        // typed values, never text from a request; the unit codes are quoted all the same.
        try (Statement s = con.createStatement()) {
            s.execute("SET LOCAL " + SETTING + " = "
                    + literal(tenant.map(TenantId::toString).orElse(""))
                    + "; SET LOCAL " + FEDERATION_SETTING + " = "
                    + literal(federation.map(FederationId::toString).orElse(""))
                    + "; SET LOCAL " + FEDERATION_UNITS_SETTING + " = " + literal(units));
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
