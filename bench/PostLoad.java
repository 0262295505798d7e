import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides every seeded "POST n" case through the case API and waits until each decision's letter is delivered to
 * the demo operator; reports letters per second end to end, each letter's time from decision to delivery, and what
 * a letter costs in storage.
 */
public class PostLoad {

    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        int count = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        // decisions per second to pace the run at, as case officers make them through a day; 0 for as fast as possible
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, base);
        List<String> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc)) {
            try (var rs =
                    db.createStatement().executeQuery("SELECT id FROM cases.\"case\" WHERE reference LIKE 'POST %'")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        var failures = new ConcurrentLinkedQueue<String>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            pool.submit(() -> {
                try {
                    // dismissed: a decision that carries no fee (a permit's would bring its invoice, a letter of its
                    // own;
                    // bench/fees.sh measures those)
                    String body = "{\"outcome\":\"avvisat\",\"reasons\":\"Åtgärden följer detaljplanen.\\n\\n"
                            + "Grannarna har hörts.\",\"legalReference\":\"9 kap. 30 § plan- och bygglagen\",\"version\":0}";
                    var response = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/t/vanersborg/api/v1/cases/" + id + "/decision"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double decideSeconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " decisions failed, e.g. " + failures.peek());
        }
        System.out.printf(
                "decisions through the API:   %8.1f /s (%d cases, %d clients)%n",
                ids.size() / decideSeconds, ids.size(), threads);

        try (Connection db = DriverManager.getConnection(jdbc)) {
            long decided = System.nanoTime();
            int deliveredWhenDecided = delivered(db);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            int delivered = 0;
            while (System.nanoTime() < deadline) {
                delivered = delivered(db);
                if (delivered >= ids.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            long end = System.nanoTime();
            double wall = (end - start) / 1e9;
            System.out.printf("letters delivered:           %8d of %d%n", delivered, ids.size());
            System.out.printf(
                    "letters end to end:          %8.1f /s (first decision to last delivery, %.1f s)%n",
                    delivered / wall, wall);
            System.out.printf(
                    "  after the last decision:   %8.1f /s (%d letters delivered in the %.1f s after it, nothing else asked)%n",
                    (delivered - deliveredWhenDecided) / ((end - decided) / 1e9),
                    delivered - deliveredWhenDecided,
                    (end - decided) / 1e9);
            List<Long> millis = new ArrayList<>();
            try (var rs = db.createStatement().executeQuery("""
                    SELECT extract(epoch FROM d.delivered_at - c.decided_at) * 1000
                    FROM messaging.dispatch d JOIN messaging.letter l ON l.id = d.letter_id
                    JOIN cases.decision c ON c.case_id = l.case_id
                    WHERE l.reference LIKE 'POST %' AND d.status = 'DELIVERED'""")) {
                while (rs.next()) {
                    millis.add(rs.getLong(1));
                }
            }
            Collections.sort(millis);
            if (!millis.isEmpty()) {
                System.out.printf(
                        "decision to delivery:        p50 %6d ms   p99 %6d ms%n",
                        millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)));
            }
            try (var rs = db.createStatement().executeQuery("""
                    SELECT avg(length(pdf)), sum(pg_column_size(l.*)) FROM messaging.letter l WHERE reference LIKE 'POST %'""")) {
                rs.next();
                System.out.printf(
                        "letter PDF/A:                %8.0f bytes on average; %.1f kB stored per letter%n",
                        rs.getDouble(1), rs.getDouble(2) / 1024 / Math.max(1, ids.size()));
            }
            try (var rs = db.createStatement().executeQuery("""
                    SELECT avg(length(body)) FROM demo_operator.delivery""")) {
                rs.next();
                System.out.printf("at the operator:             %8.0f bytes a letter%n", rs.getDouble(1));
            }
        }
    }

    static int delivered(Connection db) throws Exception {
        try (var rs = db.createStatement().executeQuery("""
                SELECT count(*) FROM messaging.dispatch d JOIN messaging.letter l ON l.id = d.letter_id
                WHERE l.reference LIKE 'POST %' AND d.status = 'DELIVERED'""")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String token(HttpClient http, String base) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/demo-idp/token"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("vanersborg-bygg-integration:demo-api-secret"
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&scope=cases:read%20cases:write"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }
}
