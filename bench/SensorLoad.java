import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Load driver for bench/sensors.sh (compiled with CaseLoad, whose timing helpers it uses). Two runs:
 * {@code java SensorLoad BASE_URL JDBC_URL TENANT_ID MQTT_URL WELLS READINGS} publishes the readings over MQTT and
 * times the rules' cases meanwhile; {@code java SensorLoad BASE_URL charts} times the device page's charts.
 */
public class SensorLoad {

    static final int PACK = 50;
    static final int CONNECTIONS = 4;
    static final List<String> BINS = List.of("soptunna-torget-1", "soptunna-torget-2", "soptunna-skraddarebacken");

    public static void main(String[] args) throws Exception {
        if (args[1].equals("charts")) {
            charts(args[0] + "/t/vanersborg");
            return;
        }
        String jdbc = args[1];
        String mqtt = args[3];
        int wells = Integer.parseInt(args[4]);
        int readings = Integer.parseInt(args[5]);
        int rate = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        try (Connection db = DriverManager.getConnection(jdbc + "?user=postgres")) {
            // the wells' readings a second apart, back from now: the flood's first, then the sustained load's after
            Instant end = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            int sustainedPacks = rate * seconds / PACK;
            int floodPacks = readings / PACK;
            int packsPerWell = (floodPacks + sustainedPacks) / wells + 1;
            Instant first = end.minusSeconds((long) packsPerWell * PACK);

            // as fast as the devices can publish: how many readings a second Samla stores at most
            long before = count(db);
            long start = System.nanoTime();
            long published = publish(mqtt, wells, first, 0, floodPacks, 0);
            long stored;
            while ((stored = count(db)) < before + published) {
                Thread.sleep(100);
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "MQTT ingestion, flood: %d readings in packs of %d from %d devices over %d connections, all stored "
                            + "in %.1f s = %.0f readings/s%n",
                    published, PACK, wells, CONNECTIONS, took, (stored - before) / took);

            // sustained: the devices send the given rate for the given seconds while the bins fill and are emptied
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread rules = new Thread(() -> {
                try (Connection own = DriverManager.getConnection(jdbc + "?user=postgres")) {
                    ruleLatencies(mqtt, own, loading, latencies);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            before = count(db);
            start = System.nanoTime();
            rules.start();
            published = publish(mqtt, wells, first, floodPacks, floodPacks + sustainedPacks, rate);
            double sent = (System.nanoTime() - start) / 1e9;
            long lag = before + published - count(db);
            while ((stored = count(db)) < before + published) {
                Thread.sleep(100);
            }
            took = (System.nanoTime() - start) / 1e9;
            loading.set(false);
            rules.join();
            System.out.printf(
                    "MQTT ingestion, sustained: %d readings offered at %d/s for %.1f s; stored %.0f readings/s; "
                            + "%d not yet stored when the devices stopped, all stored %.1f s after the start%n",
                    published, rate, sent, (stored - before) / took, Math.max(0, lag), took);
            Collections.sort(latencies);
            if (latencies.isEmpty()) {
                System.out.println("Rule latency: no case opened");
            } else {
                System.out.printf(
                        "Rule latency (bin reading published to its case opened, during the sustained load): p50 %.0f ms,"
                                + " p99 %.0f ms, max %.0f ms (%d cases)%n",
                        latencies.get(latencies.size() / 2) / 1000.0,
                        latencies.get((int) (latencies.size() * 0.99)) / 1000.0,
                        latencies.get(latencies.size() - 1) / 1000.0,
                        latencies.size());
            }
        }
    }

    /**
     * Publishes packs {@code from} to {@code to} (exclusive) round the wells over the connections, each pack the next
     * 50 seconds of its well from {@code first}; at {@code rate} readings a second in all, or as fast as it goes when 0.
     * Returns the readings published.
     */
    static long publish(String mqtt, int wells, Instant first, int from, int to, int rate) throws Exception {
        List<Thread> devices = new ArrayList<>();
        AtomicLong published = new AtomicLong();
        long start = System.nanoTime();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread t = new Thread(() -> {
                try {
                    MqttClient client = client(mqtt);
                    int sent = 0;
                    for (int p = from + connection; p < to; p += CONNECTIONS) {
                        if (rate > 0) {
                            // this connection's share of the rate: its n-th pack is due n * CONNECTIONS * PACK / rate
                            // in
                            long due = start + (long) (sent * (double) CONNECTIONS * PACK / rate * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        int well = p % wells;
                        int pack = p / wells;
                        client.publish(
                                "samla/vanersborg/sensors/bench-well-" + well + "/senml-json",
                                message(senml(
                                        "bench-well-" + well,
                                        "level",
                                        "m",
                                        first.plusSeconds((long) pack * PACK),
                                        0.3)));
                        published.addAndGet(PACK);
                        sent++;
                    }
                    client.disconnect();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            devices.add(t);
        }
        for (Thread t : devices) {
            t.join();
        }
        return published.get();
    }

    /**
     * The bins fill (a rule fires and opens a case) and are emptied (the case closes by itself), again and again while
     * the load runs: each opening's time from the reading's publishing to the case's row, in microseconds.
     */
    static void ruleLatencies(String mqtt, Connection db, AtomicBoolean loading, List<Long> latencies)
            throws Exception {
        MqttClient client = client(mqtt);
        int round = 0;
        // each bin's readings whole seconds apart and later than its last, so none is taken for a redelivery
        java.util.Map<String, Instant> next = new java.util.HashMap<>();
        while (loading.get() || latencies.size() < 30) {
            String bin = BINS.get(round++ % BINS.size());
            Instant due = next.getOrDefault(bin, Instant.EPOCH);
            if (due.isAfter(Instant.now())) {
                // a bin reads no faster than the clock: its readings are never from the future
                Thread.sleep(java.time.Duration.between(Instant.now(), due).toMillis() + 1);
            }
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant at = due.isAfter(now) ? due : now;
            next.put(bin, at.plusSeconds(2));
            long published = System.currentTimeMillis() * 1000;
            client.publish(
                    "samla/vanersborg/sensors/" + bin + "/senml-json", message(senml(bin, "fill", "/", at, 0.95)));
            Timestamp opened = awaitCase(db, bin, at);
            if (opened != null) {
                latencies.add(opened.getTime() * 1000 + opened.getNanos() / 1000 % 1000 - published);
            }
            client.publish(
                    "samla/vanersborg/sensors/" + bin + "/senml-json",
                    message(senml(bin, "fill", "/", at.plusSeconds(1), 0.02)));
            awaitClosed(db, bin);
        }
        client.disconnect();
    }

    static Timestamp awaitCase(Connection db, String bin, Instant firedAt) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (PreparedStatement q = db.prepareStatement("""
                SELECT r.reported_at FROM reports.sensor_case s JOIN reports.report r ON r.case_id = s.case_id
                WHERE s.device = ? AND s.fired_at = ?
                """)) {
            q.setString(1, bin);
            q.setTimestamp(2, Timestamp.from(firedAt));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return rs.getTimestamp(1);
                    }
                }
                Thread.sleep(5);
            }
        }
        System.out.println("no case for " + bin + " at " + firedAt + " within 30 s");
        return null;
    }

    static void awaitClosed(Connection db, String bin) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = db.createStatement()
                    .executeQuery("SELECT count(*) FROM reports.sensor_case s JOIN reports.report r ON r.case_id = "
                            + "s.case_id WHERE s.device = '" + bin + "' AND NOT r.closed")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    static void charts(String tenant) throws Exception {
        HttpClient anonymous = CaseLoad.client();
        for (String period : List.of("dag", "vecka", "ar")) {
            String url = tenant + "/givare/vanern-hamnen?period=" + period;
            CaseLoad.report("chart " + period + ", 1 client", CaseLoad.timed(anonymous, url, 200));
            CaseLoad.report("chart " + period + ", 8 clients", CaseLoad.timedConcurrently(anonymous, url, 8, 25));
        }
    }

    static long count(Connection db) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM sensors.reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static MqttClient client(String url) throws Exception {
        MqttClient client = new MqttClient(url, "bench-device-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        return client;
    }

    static MqttMessage message(String json) {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return message;
    }

    /** A pack of readings a second apart from {@code first}, with the base name, time and unit given once. */
    static String senml(String device, String name, String unit, Instant first, double value) {
        int n = name.equals("fill") ? 1 : PACK;
        StringBuilder json = new StringBuilder(
                "[{\"bn\":\"" + device + ":\",\"bt\":" + first.getEpochSecond() + ",\"bu\":\"" + unit + "\"");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "," : ",{")
                    .append("\"n\":\"")
                    .append(name)
                    .append("\",\"t\":")
                    .append(i)
                    .append(",\"v\":")
                    .append(value + (i % 7) * 0.01)
                    .append('}');
        }
        return json.append(']').toString();
    }
}
