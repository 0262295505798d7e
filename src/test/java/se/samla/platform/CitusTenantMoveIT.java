package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/**
 * A national installation moves one municipality to a worker of its own while the others keep working: Trollhättan's
 * rows are split off into shards of their own and those shards are moved, by logical replication, to the spare node
 * that citus/cluster.sh starts beside the cluster. All the while Vänersborg's residents submit applications; every
 * one they were told was received is there afterwards, each under its own reference. Runs only against the cluster.
 */
class CitusTenantMoveIT extends SamlaIntegrationTest {

    static final String SPARE = System.getProperty("samla.citus.spare", "localhost:55503");

    @Autowired
    CaseIntake intake;

    record Received(UUID caseId, String reference) {}

    @Test
    void aMunicipalityMovesToItsOwnWorkerWhileAnotherKeepsSubmittingAndNothingIsLost() throws Exception {
        assumeTrue(TestDatabase.isCitus(context), "runs against a Citus cluster (citus/cluster.sh)");
        TenantId moving = tenants.bySlug("trollhattan").orElseThrow().id();
        TenantId working = vanersborg.id();
        String spareHost = SPARE.substring(0, SPARE.indexOf(':'));
        int sparePort = Integer.parseInt(SPARE.substring(SPARE.indexOf(':') + 1));

        try (Connection admin = DriverManager.getConnection(TestDatabase.url(context), "postgres", null)) {
            long movingCasesBefore = count(admin, "SELECT count(*) FROM cases.\"case\" WHERE tenant_id = ?", moving);
            long movingUnitsBefore = count(admin, "SELECT count(*) FROM tenancy.unit WHERE tenant_id = ?", moving);

            ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> refused = new ConcurrentLinkedQueue<>();
            AtomicBoolean moved = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(3);
            Thread residents = new Thread(() -> {
                int afterTheMove = 0;
                while (afterTheMove < 5) {
                    try {
                        var opened = CurrentTenant.callAs(
                                working,
                                () -> TestIntake.open(
                                        intake,
                                        "ekonomiskt-bistand",
                                        null,
                                        new CaseIntake.Reporter(null, "Flytt Testsson", "198705212382", "person:move"),
                                        UUID.randomUUID(),
                                        TestIntake.welfareApplication(
                                                "under flytten", "flytt-" + UUID.randomUUID() + "@example.org"),
                                        CaseIntake.Channel.E_SERVICE));
                        received.add(new Received(opened.caseId(), opened.reference()));
                    } catch (RuntimeException e) {
                        refused.add(e);
                    }
                    started.countDown();
                    if (moved.get()) {
                        afterTheMove++;
                    }
                }
            });
            residents.start();
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            int beforeTheMove = received.size();

            // the new worker joins, with its copy of the reference tables (the list of municipalities)
            long t0 = System.nanoTime();
            call(admin, "SELECT citus_add_node(?, ?)", spareHost, sparePort);
            call(admin, "SELECT replicate_reference_tables('force_logical')");
            // the municipality's rows are split off into shards of their own (a short pause for writes to the rows
            // that shared its shards) and then moved by logical replication, which writes go on during
            long t1 = System.nanoTime();
            long shard = single(
                    admin,
                    "SELECT isolate_tenant_to_new_shard('tenancy.unit', ?, 'CASCADE',"
                            + " shard_transfer_mode => 'block_writes')",
                    moving);
            long t2 = System.nanoTime();
            String from = text(admin, "SELECT nodename || ':' || nodeport FROM citus_shards WHERE shardid = ?", shard);
            call(
                    admin,
                    "SELECT citus_move_shard_placement(?, ?, ?, ?, ?, shard_transfer_mode => 'force_logical')",
                    shard,
                    from.substring(0, from.indexOf(':')),
                    Integer.parseInt(from.substring(from.indexOf(':') + 1)),
                    spareHost,
                    sparePort);
            long t3 = System.nanoTime();
            int duringTheMove = received.size() - beforeTheMove;
            System.out.printf(
                    "Citus move: node added in %d ms, tenant isolated in %d ms, shards moved in %d ms;"
                            + " %d applications received meanwhile%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, duringTheMove);
            moved.set(true);
            residents.join(TimeUnit.SECONDS.toMillis(120));

            // nothing a resident was told is lost, and no reference was given twice
            assertThat(refused).isEmpty();
            assertThat(duringTheMove).isPositive();
            List<UUID> ids = received.stream().map(Received::caseId).toList();
            assertThat(count(admin, "SELECT count(*) FROM cases.\"case\" WHERE id = ANY (?)", (Object)
                            ids.toArray(UUID[]::new)))
                    .isEqualTo(ids.size());
            Set<String> references = received.stream().map(Received::reference).collect(Collectors.toSet());
            assertThat(references).hasSize(received.size());

            // the moved municipality is whole, on the spare node and nowhere else
            assertThat(count(admin, "SELECT count(*) FROM cases.\"case\" WHERE tenant_id = ?", moving))
                    .isEqualTo(movingCasesBefore);
            assertThat(count(admin, "SELECT count(*) FROM tenancy.unit WHERE tenant_id = ?", moving))
                    .isEqualTo(movingUnitsBefore);
            List<String> placements = new ArrayList<>();
            for (String table : List.of("tenancy.unit", "cases.case", "records.entry", "audit.entry")) {
                placements.add(text(
                        admin,
                        "SELECT nodename || ':' || nodeport FROM citus_shards"
                                + " WHERE shardid = get_shard_id_for_distribution_column(CAST(? AS regclass), ?)",
                        table,
                        moving));
            }
            assertThat(placements).containsOnly(SPARE);
            assertThat(count(
                            admin,
                            "SELECT count(*) FROM citus_shards WHERE nodeport = ? AND citus_table_type = 'distributed'"
                                    + " AND shardid <> ALL (ARRAY(SELECT get_shard_id_for_distribution_column(logicalrelid,"
                                    + " ?) FROM pg_dist_partition WHERE partmethod = 'h'))",
                            sparePort,
                            moving))
                    .as("shards of others on the moved municipality's worker")
                    .isZero();
        }

        // and it goes on working there
        var afterwards = CurrentTenant.callAs(
                tenants.bySlug("trollhattan").orElseThrow().id(),
                () -> TestIntake.open(
                        intake,
                        "ekonomiskt-bistand",
                        null,
                        new CaseIntake.Reporter(null, "Efter Flytten", "198705212382", "person:move"),
                        UUID.randomUUID(),
                        TestIntake.welfareApplication("efter flytten", "efter-" + UUID.randomUUID() + "@example.org"),
                        CaseIntake.Channel.E_SERVICE));
        assertThat(transactions.read(
                        tenants.bySlug("trollhattan").orElseThrow().id(),
                        () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE tenant_id = :t AND id = :id")
                                .param(
                                        "t",
                                        tenants.bySlug("trollhattan")
                                                .orElseThrow()
                                                .id()
                                                .value())
                                .param("id", afterwards.caseId())
                                .query(String.class)
                                .single()))
                .isEqualTo(afterwards.reference());
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        return ((Number) value(c, sql, args)).longValue();
    }

    private static long single(Connection c, String sql, Object... args) throws SQLException {
        return ((Number) value(c, sql, args)).longValue();
    }

    private static String text(Connection c, String sql, Object... args) throws SQLException {
        return (String) value(c, sql, args);
    }

    private static void call(Connection c, String sql, Object... args) throws SQLException {
        value(c, sql, args);
    }

    private static Object value(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                if (arg instanceof TenantId t) {
                    ps.setObject(i + 1, t.value());
                } else if (arg instanceof UUID[] ids) {
                    ps.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    ps.setObject(i + 1, arg);
                }
            }
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getObject(1);
            }
        }
    }
}
