package se.samla.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a Citus cluster (a national installation), spreads the municipal tables over the workers after every migration;
 * on plain PostgreSQL it does nothing. The migrations themselves are the same for both.
 *
 * <ul>
 *   <li>Every table with a {@code tenant_id} is distributed by it, all co-located with {@code tenancy.unit}: one
 *       municipality's rows of every table lie in the same shard, so a query that names the tenant runs on one worker
 *       as plain PostgreSQL would, joins and foreign keys included.
 *   <li>The list of municipalities and federations ({@link #REFERENCE_TABLES}) is copied whole to every worker: small,
 *       read everywhere, and what the municipal tables' foreign keys point at.
 *   <li>The rest stays on the coordinator as ordinary tables: Flyway's history (migrations run there), HTTP sessions and
 *       the scheduler's locks (no municipality; kept where every instance of the application finds them), the outbox
 *       of events between modules (written in the same transaction as the work that raised them, read only by the
 *       application), the rate limiter's counters (per address, not per municipality) and the demo mailbox operator
 *       (which stands for another organisation).
 * </ul>
 *
 * A table added by a later migration is distributed by the next run, so a new module needs nothing of its own.
 */
final class CitusDistribution implements Callback {

    private final String applicationRole;

    CitusDistribution(String applicationRole) {
        this.applicationRole = applicationRole;
    }

    private static final Logger log = LoggerFactory.getLogger(CitusDistribution.class);

    static final List<String> REFERENCE_TABLES =
            List.of("tenancy.tenant", "tenancy.federation", "tenancy.federation_unit");
    static final String COLOCATION_ANCHOR = "tenancy.unit";
    static final String SEARCH_INDEX = "cases.case_search";
    private static final String OWN_TENANT = "tenant_id = samla_current_tenant()";
    private static final String OWN_TENANT_ONLY = OWN_TENANT + " AND samla_current_federation() IS NULL";
    // the search functions, whose first argument is the tenant: a call on its own runs on the worker holding its shard
    static final List<String> DISTRIBUTED_FUNCTIONS =
            List.of("cases.index_case(uuid,uuid,text)", "cases.matching_cases(uuid,text,text[],text[],integer)");

    // Citus refuses a policy with a sub-query on a distributed table. Ours use one only so that plain PostgreSQL reads
    // the setting once per statement (see V33); a query on Citus names its tenant anyway, so the plain call costs
    // little.
    private static final Pattern SUB_SELECTED_SETTING =
            Pattern.compile("\\(\\s*SELECT (samla_current_[a-z_]+)\\(\\) AS \\1\\)");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            distribute(context.getConnection(), applicationRole);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not distribute the tables over the Citus cluster: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "citus-distribution";
    }

    static boolean isCitus(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'citus'")) {
            return r.next();
        }
    }

    static void distribute(Connection connection, String applicationRole) throws SQLException {
        if (!isCitus(connection)) {
            return;
        }
        Set<String> done = citusTables(connection);
        if (!done.contains(SEARCH_INDEX)) {
            openSearchIndex(connection, applicationRole);
        }
        List<String> tenantTables = inDependencyOrder(connection, tenantTables(connection));
        // before any table becomes Citus' own: making the reference tables turns the local tables that refer to them
        // into Citus tables at once
        for (String table : tenantTables) {
            if (!done.contains(table)) {
                withoutSubSelects(connection, table);
            }
        }
        // The audit log's trigger refuses changes to its own rows, which is safe on each shard (Citus calls every
        // trigger "unsafe"). No trigger of Samla's writes to another table: one on a shard could not.
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL citus.enable_unsafe_triggers TO on");
        }
        int reference = 0;
        for (String table : REFERENCE_TABLES) {
            if (!done.contains(table)) {
                call(connection, "SELECT create_reference_table(CAST(? AS regclass))", table);
                reference++;
            }
        }
        int distributed = 0;
        for (String table : tenantTables) {
            if (done.contains(table) || REFERENCE_TABLES.contains(table)) {
                continue;
            }
            if (table.equals(COLOCATION_ANCHOR)) {
                call(connection, "SELECT create_distributed_table(CAST(? AS regclass), 'tenant_id')", table);
            } else {
                call(
                        connection,
                        "SELECT create_distributed_table(CAST(? AS regclass), 'tenant_id', colocate_with => '"
                                + COLOCATION_ANCHOR + "')",
                        table);
            }
            distributed++;
        }
        for (String function : DISTRIBUTED_FUNCTIONS) {
            if (!isDistributedFunction(connection, function)) {
                call(
                        connection,
                        "SELECT create_distributed_function(CAST(? AS regprocedure), '$1', colocate_with => '"
                                + COLOCATION_ANCHOR + "')",
                        function);
            }
        }
        if (reference + distributed > 0) {
            log.info(
                    "Citus: {} reference and {} distributed tables added ({} municipal tables in all)",
                    reference,
                    distributed,
                    tenantTables.stream()
                            .filter(t -> !REFERENCE_TABLES.contains(t))
                            .count());
        }
    }

    /**
     * On one PostgreSQL the search index is closed to the application and reached through functions that run as its
     * owner, because row-level security would keep a word search from using the index. Citus lets one transaction
     * reach a shard as one user only, and the case the functions index was just written by the application; so here
     * the functions run as the caller, and the index is opened to it under the same policy as every municipal table.
     */
    private static void openSearchIndex(Connection connection, String applicationRole) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String function : DISTRIBUTED_FUNCTIONS) {
                s.execute("ALTER FUNCTION " + function + " SECURITY INVOKER");
            }
            // as on the cases themselves: a federation reads its units' entries of a member and writes none
            s.execute("ALTER TABLE " + SEARCH_INDEX + " ENABLE ROW LEVEL SECURITY");
            s.execute("ALTER TABLE " + SEARCH_INDEX + " FORCE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY tenant_read ON " + SEARCH_INDEX + " FOR SELECT USING (" + OWN_TENANT
                    + " AND (samla_current_federation() IS NULL OR unit = ANY (samla_current_federation_units())))");
            s.execute("CREATE POLICY tenant_insert ON " + SEARCH_INDEX + " FOR INSERT WITH CHECK (" + OWN_TENANT_ONLY
                    + ")");
            s.execute("CREATE POLICY tenant_update ON " + SEARCH_INDEX + " FOR UPDATE USING (" + OWN_TENANT_ONLY
                    + ") WITH CHECK (" + OWN_TENANT_ONLY + ")");
            s.execute("GRANT SELECT, INSERT, UPDATE ON " + SEARCH_INDEX + " TO " + quoted(applicationRole));
        }
    }

    private static boolean isDistributedFunction(Connection connection, String function) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_dist_object WHERE objid = CAST(CAST(? AS regprocedure) AS oid)")) {
            ps.setString(1, function);
            try (ResultSet r = ps.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Set<String> citusTables(Connection connection) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (Statement s = connection.createStatement();
                // a Citus local table (one a reference table's foreign key drew in) is not done: it is distributed
                ResultSet r = s.executeQuery("SELECT table_name::text FROM citus_tables"
                        + " WHERE citus_table_type IN ('distributed', 'reference')")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static List<String> tenantTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("""
                        SELECT c.oid::regclass::text FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'citus', 'columnar')
                        ORDER BY 1""")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    /** A table after every other municipal table it refers to, as Citus needs the referenced one distributed first. */
    private static List<String> inDependencyOrder(Connection connection, List<String> tables) throws SQLException {
        Map<String, Set<String>> refersTo = new LinkedHashMap<>();
        tables.forEach(t -> refersTo.put(t, new LinkedHashSet<>()));
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'")) {
            while (r.next()) {
                String from = r.getString(1);
                String to = r.getString(2);
                if (refersTo.containsKey(from) && refersTo.containsKey(to) && !from.equals(to)) {
                    refersTo.get(from).add(to);
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        // the anchor of co-location comes first, whatever refers to it
        place(COLOCATION_ANCHOR, refersTo, placed, ordered);
        for (String table : tables) {
            place(table, refersTo, placed, ordered);
        }
        return ordered;
    }

    private static void place(
            String table, Map<String, Set<String>> refersTo, Set<String> placed, List<String> ordered) {
        if (!refersTo.containsKey(table) || !placed.add(table)) {
            return;
        }
        for (String referenced : refersTo.get(table)) {
            place(referenced, refersTo, placed, ordered);
        }
        ordered.add(table);
    }

    private static void withoutSubSelects(Connection connection, String table) throws SQLException {
        List<String[]> policies = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT p.polname, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
                FROM pg_policy p WHERE p.polrelid = CAST(? AS regclass)""")) {
            ps.setString(1, table);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    policies.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
        }
        for (String[] policy : policies) {
            StringBuilder alter = new StringBuilder("ALTER POLICY " + quoted(policy[0]) + " ON " + table);
            if (policy[1] != null) {
                alter.append(" USING (").append(plainCalls(policy[1])).append(')');
            }
            if (policy[2] != null) {
                alter.append(" WITH CHECK (").append(plainCalls(policy[2])).append(')');
            }
            try (Statement s = connection.createStatement()) {
                s.execute(alter.toString());
            }
        }
    }

    static String plainCalls(String expression) {
        // and with the federation's part inside the comparison: a condition without a column (a pseudo-constant) next
        // to an outer join is more than Citus plans on PostgreSQL 15 and 16
        return SUB_SELECTED_SETTING
                .matcher(expression)
                .replaceAll("$1()")
                .replace(
                        "((tenant_id = samla_current_tenant()) AND (samla_current_federation() IS NULL))",
                        "(tenant_id = CASE WHEN samla_current_federation() IS NULL THEN samla_current_tenant() END)");
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void call(Connection connection, String sql, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.execute();
        }
    }
}
