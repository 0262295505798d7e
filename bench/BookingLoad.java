import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Load driver for bench/booking.sh (compiled with CaseLoad, whose timing helpers it uses; run as
 * java BookingLoad BASE_URL JDBC_URL TENANT_ID RESOURCES MQTT_URL GRANTS). Measures a facility's day page under 32
 * clients at once, bookings per second through the booking form, and grants carried per second from the lock outbox
 * through the broker to a subscriber.
 */
public class BookingLoad {

    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    /** The hours the seed leaves free every day; bookings take these. */
    static final int[] FREE_HOURS = {7, 9, 11, 12, 13, 15, 16, 17, 19, 21};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        String tenantId = args[2];
        int resources = Integer.parseInt(args[3]);
        String mqtt = args[4];
        int grants = Integer.parseInt(args[5]);
        String tenant = base + "/t/vanersborg";
        LocalDate today = LocalDate.now(SWEDEN);

        // the day page of a random facility and a random day of the seeded year, 32 clients at once
        HttpClient anonymous = CaseLoad.client();
        for (int i = 0; i < 200; i++) {
            CaseLoad.get(anonymous, tenant + "/lokaler/bench-" + (i % resources) + "?dag=" + today.plusDays(i % 30));
        }
        CaseLoad.report(
                "day page, 1 client",
                CaseLoad.timed(anonymous, tenant + "/lokaler/bench-7?dag=" + today.plusDays(3), 200));
        List<Long> days = concurrently(
                CaseLoad.CLIENTS,
                40,
                () -> tenant + "/lokaler/bench-"
                        + ThreadLocalRandom.current().nextInt(resources) + "?dag="
                        + today.plusDays(ThreadLocalRandom.current().nextInt(-180, 180)));
        CaseLoad.report("day page, 32 clients", days);
        List<Long> weeks = concurrently(
                CaseLoad.CLIENTS,
                10,
                () -> tenant + "/lokaler/bench-"
                        + ThreadLocalRandom.current().nextInt(resources) + "?vecka=1&dag="
                        + today.plusDays(ThreadLocalRandom.current().nextInt(-180, 180)));
        CaseLoad.report("week page, 32 clients", weeks);
        List<Long> search = concurrently(
                8,
                10,
                () -> tenant + "/lokaler?dag="
                        + today.plusDays(ThreadLocalRandom.current().nextInt(0, 60)) + "&fran=17:00&till=20:00");
        CaseLoad.report("search of 200, 8 clients", search);

        // bookings through the form, each client its own login, each booking a distinct free hour
        AtomicInteger next = new AtomicInteger();
        List<Long> bookingTimes = Collections.synchronizedList(new ArrayList<>());
        double perSecond = CaseLoad.perSecond(20, 4, running -> {
            // logged in as a browser is; then bookings without following the redirect to Mina bokningar
            HttpClient login = CaseLoad.login(base, tenant, "resident", "tolvan");
            HttpClient client = HttpClient.newBuilder()
                    .cookieHandler(login.cookieHandler().orElseThrow())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            String csrf = CaseLoad.find(
                    CaseLoad.CSRF, CaseLoad.get(client, tenant + "/lokaler/bench-0?dag=" + today.plusDays(1)));
            int count = 0;
            while (running.get()) {
                int n = next.getAndIncrement();
                int resource = n % resources;
                int slot = n / resources;
                LocalDate day = today.plusDays(1 + slot / FREE_HOURS.length);
                int hour = FREE_HOURS[slot % FREE_HOURS.length];
                String start = day.atTime(hour, 0).atZone(SWEDEN).toInstant().toString();
                long begin = System.nanoTime();
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(tenant + "/lokaler/bench-" + resource + "/boka"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "_csrf=" + CaseLoad.enc(csrf) + "&start=" + CaseLoad.enc(start)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 302) {
                    throw new IllegalStateException("booking answered " + response.statusCode());
                }
                bookingTimes.add((System.nanoTime() - begin) / 1000);
                count++;
            }
            return count;
        });
        List<Long> sorted = new ArrayList<>(bookingTimes);
        Collections.sort(sorted);
        CaseLoad.report("booking, 4 clients", sorted);
        System.out.printf("bookings per second:        %.1f%n", perSecond);

        // grants: that many signed grants put in the outbox at once, counted as they reach a subscriber
        var received = new AtomicInteger();
        var all = new CountDownLatch(grants);
        MqttClient subscriber = new MqttClient(mqtt, "bench-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        subscriber.connect(options);
        subscriber.subscribe("samla/vanersborg/doors/bench-grants/grants", 1, (topic, message) -> {
            received.incrementAndGet();
            all.countDown();
        });
        long inserted;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            c.setAutoCommit(false);
            try (var insert = c.prepareStatement("""
                    INSERT INTO booking.lock_outbox (id, tenant_id, topic, payload, created_at, next_attempt_at)
                    VALUES (?, ?::uuid, 'samla/vanersborg/doors/bench-grants/grants', ?, now(), now())
                    """)) {
                for (int i = 0; i < grants; i++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, tenantId);
                    insert.setString(
                            3,
                            signed("{\"type\":\"grant\",\"id\":\"" + UUID.randomUUID()
                                    + "\",\"door\":\"bench-grants\",\"credential\":\"" + UUID.randomUUID() + "\"}"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            inserted = System.nanoTime();
        }
        boolean done = all.await(300, java.util.concurrent.TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - inserted) / 1e9;
        subscriber.disconnect();
        subscriber.close();
        System.out.printf(
                "grants through the broker:  %d of %d in %.1f s, %.0f per second%s%n",
                received.get(), grants, seconds, received.get() / seconds, done ? "" : " (timed out)");
    }

    /** Signed as Samla signs grants, with the demo key the default run uses. */
    static String signed(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                "samla-demo-lock-key-not-for-production-use".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        return "{\"payload\":\"" + payload.replace("\"", "\\\"") + "\",\"mac\":\"" + sig + "\"}";
    }

    interface Url {
        String next();
    }

    static List<Long> concurrently(int clients, int timesEach, Url url) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var start = new CountDownLatch(1);
        List<Future<List<Long>>> each = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            each.add(pool.submit(() -> {
                HttpClient client = CaseLoad.client();
                start.await();
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < timesEach; i++) {
                    String u = url.next();
                    long begin = System.nanoTime();
                    CaseLoad.get(client, u);
                    micros.add((System.nanoTime() - begin) / 1000);
                }
                return micros;
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (var f : each) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        return all;
    }
}
