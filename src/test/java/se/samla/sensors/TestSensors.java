package se.samla.sensors;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.samla.cases.CaseHandling;
import se.samla.platform.TenantTransactions;
import se.samla.shared.TenantId;

/** Readings sent as a demo device sends them, and a device's rules and cases put at rest between tests. */
public final class TestSensors {

    private TestSensors() {}

    /** Posts one reading a minute from {@code base} with the device's demo token; expects them taken. */
    public static void send(MockMvc mvc, String device, String name, String unit, Instant base, double... values)
            throws Exception {
        StringBuilder json = new StringBuilder(
                "[{\"bn\":\"" + device + ":\",\"bt\":" + base.getEpochSecond() + ",\"bu\":\"" + unit + "\"");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "," : ",{")
                    .append("\"n\":\"")
                    .append(name)
                    .append("\",\"t\":")
                    .append(i * 60)
                    .append(",\"v\":")
                    .append(values[i])
                    .append('}');
        }
        json.append(']');
        mvc.perform(post("/sensors/v1/devices/" + device + "/senml")
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        })
                        .header("Authorization", "Bearer demo-sensor-" + device)
                        .contentType("application/senml+json")
                        .content(json.toString()))
                .andExpect(status().isOk());
    }

    /**
     * The device's rules back at rest and its open cases closed, so a test's readings start from normal: a rule moves
     * only forward in time, and one open case per device and rule would take the test's firing.
     */
    public static void atRest(
            TenantTransactions transactions, JdbcClient jdbc, CaseHandling cases, TenantId tenant, String device) {
        // what earlier tests' rules fired is handled first, or a case it opens later would take this test's firing
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until
                && jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL "
                                        + "AND event_type LIKE '%SensorEvents%'")
                                .query(Long.class)
                                .single()
                        > 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        transactions.run(tenant, () -> {
            jdbc.sql("DELETE FROM sensors.rule_state WHERE device = :d")
                    .param("d", device)
                    .update();
            jdbc.sql("DELETE FROM sensors.rule_event WHERE device = :d")
                    .param("d", device)
                    .update();
            for (UUID open : jdbc.sql("""
                            SELECT s.case_id FROM reports.sensor_case s
                            JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                            WHERE s.device = :d AND NOT r.closed
                            """).param("d", device).query(UUID.class).list()) {
                cases.closeWith(open, "atgardad", "test", "Test");
            }
        });
    }

    /** Rolls up every marked hour now, as the job does each minute. */
    public static void rollUp(
            org.springframework.context.ApplicationContext context, TenantTransactions transactions, TenantId tenant) {
        Aggregates aggregates = context.getBean(Aggregates.class);
        while (transactions.call(tenant, aggregates::rollUp) > 0) {}
    }

    /** Forgets the device's readings of the last hour (and ahead), so a simulated burst has the time to itself. */
    public static void forgetTheLastHour(
            TenantTransactions transactions, JdbcClient jdbc, TenantId tenant, String device) {
        transactions.run(
                tenant,
                () -> jdbc.sql(
                                "DELETE FROM sensors.reading WHERE device = :d AND measured_at > now() - interval '1 hour'")
                        .param("d", device)
                        .update());
    }
}
