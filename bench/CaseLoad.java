import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for bench/cases.sh (run with: java bench/CaseLoad.java BASE_URL JDBC_URL SECONDS THREADS).
 * Measures case submissions per second through Samla's HTTP front, page latencies for a resident and a
 * case officer, and the same inserts done straight over JDBC as a baseline. Every loop is bounded in time.
 */
public class CaseLoad {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("queues")) {
            queues(args[1], args[2], args[3]);
            return;
        }
        if (args[0].equals("pages")) {
            // pages BASE TENANT_PATH IDENTITY PATH...: each page at one client and at CLIENTS, for bench/insights.sh
            HttpClient staff = login(args[1], args[1] + args[2], "staff", args[3]);
            for (int i = 4; i < args.length; i++) {
                String url = args[1] + args[2] + args[i];
                report(args[i] + ", 1 client", timed(staff, url, 50));
                report(args[i] + ", " + CLIENTS + " clients", timedConcurrently(staff, url, CLIENTS, 5));
            }
            return;
        }
        String base = args[0];
        String jdbc = args[1];
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        String tenant = base + "/t/vanersborg";

        // both sides warm up first (the JIT, the pools, the caches), unmeasured, so steady states are compared
        submissions(tenant, WARM_UP_SECONDS, threads);
        double http = submissions(tenant, seconds, threads);
        HttpClient resident = login(base, tenant, "resident", "tolvan");
        List<Long> myPages = timed(resident, tenant + "/mina-sidor", 300);
        List<Long> myPagesLoaded = timedConcurrently(resident, tenant + "/mina-sidor", CLIENTS, 30);
        HttpClient officer = login(base, tenant, "staff", "handlaggare-bygg");
        List<Long> queue = timed(officer, tenant + "/personal/arenden", 200);
        List<Long> queueLoaded = timedConcurrently(officer, tenant + "/personal/arenden", CLIENTS, 15);
        List<Long> search = timed(officer, tenant + "/personal/arenden?ko=alla&q=" + enc("garage Vargön"), 200);
        baseline(jdbc, WARM_UP_SECONDS, threads, false);
        double raw = baseline(jdbc, seconds, threads, false);
        double rawRegistered = baseline(jdbc, seconds, threads, true);

        System.out.printf("submissions through HTTP:   %8.1f cases/s (%d threads, %d s)%n", http, threads, seconds);
        System.out.printf("same inserts over JDBC:     %8.1f cases/s%n", raw);
        System.out.printf("Samla / raw SQL:            %8.2f%n", http / raw);
        System.out.printf("  with registration:        %8.1f cases/s%n", rawRegistered);
        System.out.printf("Samla / raw SQL (all):      %8.2f%n", http / rawRegistered);
        report("Mina sidor (20 cases)", myPages);
        report("  at " + CLIENTS + " clients", myPagesLoaded);
        report("workbench queue 'Nya'", queue);
        report("  at " + CLIENTS + " clients", queueLoaded);
        report("full-text search", search);
    }

    /**
     * Only the workbench's default queue, for each staff identity given (comma separated), at one client and at
     * {@link #CLIENTS}: bench/federation.sh compares a federation officer's queue over every member with a
     * municipality's own officer's, in one run.
     */
    static void queues(String base, String tenantPath, String identities) throws Exception {
        String tenant = base + tenantPath;
        for (String identity : identities.split(",")) {
            HttpClient officer = login(base, tenant, "staff", identity);
            String first = get(officer, tenant + "/personal/arenden");
            Matcher count = Pattern.compile("(Fler än [0-9\\s\u00a0]+ ärenden|[0-9\\s\u00a0]+ ärenden)")
                    .matcher(first);
            System.out.printf("%s: the default queue says \"%s\"%n", identity, count.find() ? count.group(1) : "?");
            List<Long> queue = timed(officer, tenant + "/personal/arenden", 200);
            List<Long> queueLoaded = timedConcurrently(officer, tenant + "/personal/arenden", CLIENTS, 15);
            List<Long> search = timed(officer, tenant + "/personal/arenden?ko=alla&q=" + enc("kafé norr"), 100);
            report(identity + ": queue 'Nya', 1 client", queue);
            report(identity + ": queue 'Nya', " + CLIENTS + " clients", queueLoaded);
            report(identity + ": search 'kafé norr'", search);
        }
    }

    static double submissions(String tenant, int seconds, int threads) throws Exception {
        return perSecond(seconds, threads, running -> {
            int count = 0;
            HttpClient client = null;
            String csrf = null;
            String version = null;
            while (running.get()) {
                if (count % 200 == 0) {
                    // a fresh visitor now and then, so no session grows without end
                    client = HttpClient.newBuilder()
                            .cookieHandler(new CookieManager())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    String form = get(client, tenant + "/e-tjanster/synpunkt-klagomal/formular");
                    csrf = find(CSRF, form);
                    version = find(VERSION, form);
                }
                String boundary = "----bench" + UUID.randomUUID();
                String body = part(boundary, "_csrf", csrf)
                        + part(boundary, "submissionId", UUID.randomUUID().toString())
                        + part(boundary, "version", version) + part(boundary, "f.kind", "synpunkt")
                        + part(boundary, "f.area", "gata-park") + part(boundary, "f.message", "Mätning " + count)
                        + part(boundary, "f.wantsAnswer", "nej") + "--" + boundary + "--\r\n";
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(tenant + "/e-tjanster/synpunkt-klagomal/formular"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 302) {
                    throw new IllegalStateException("submission answered " + response.statusCode());
                }
                count++;
            }
            return count;
        });
    }

    static final int WARM_UP_SECONDS = 20;

    /**
     * The same writes a submission makes, straight over JDBC: number, case, history, audit entry, outbox row; with
     * {@code registered}, also what every submission of a registered case type writes besides: the submission row,
     * the case file and its first entry in the diarium, and the registration's audit entry.
     */
    static double baseline(String url, int seconds, int threads, boolean registered) throws Exception {
        try {
            return rawRate(url, seconds, threads, registered);
        } finally {
            // the outbox rows of the raw writes have no listener: left, they would be the application's to retry
            try (Connection c = DriverManager.getConnection(url)) {
                exec(c, "DELETE FROM event_publication WHERE listener_id = 'raw'");
            }
        }
    }

    static double rawRate(String url, int seconds, int threads, boolean registered) throws Exception {
        return perSecond(seconds, threads, running -> {
            int count = 0;
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                String tenant = one(c, "SELECT id::text FROM tenancy.tenant WHERE slug = 'vanersborg'");
                while (running.get()) {
                    String[] made = rawCase(
                            c,
                            tenant,
                            "RAW",
                            "synpunkt-klagomal",
                            "KSF-KANSLI",
                            "E_SERVICE",
                            "{\"kind\":\"synpunkt\",\"area\":\"gata-park\",\"message\":\"Mätning\",\"wantsAnswer\":\"nej\"}",
                            "Mätning synpunkt");
                    if (registered) {
                        registration(c, tenant, UUID.fromString(made[0]), made[1]);
                    }
                    c.commit();
                    count++;
                }
            }
            return count;
        });
    }

    /**
     * What every submitted case writes, as plain SQL in the caller's transaction: the next number of the
     * series, the case, its search entry, its first status, an audit entry and an outbox row. Returns the
     * case id and its reference.
     */
    static String[] rawCase(
            Connection c,
            String tenant,
            String series,
            String caseType,
            String unit,
            String channel,
            String answers,
            String words)
            throws Exception {
        String number = one(
                c,
                "INSERT INTO cases.reference_series VALUES ('" + tenant + "', '" + series + "', 2026, 1) "
                        + "ON CONFLICT (tenant_id, series, year) DO UPDATE SET last_number = cases.reference_series.last_number + 1 "
                        + "RETURNING last_number");
        UUID id = UUID.randomUUID();
        String reference = series + " 2026/" + number;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status,
                  confidentiality, submission_id, channel, answers, submitted_at, planned_decision_on,
                  latest_decision_on)
                VALUES (?, ?::uuid, ?, ?, 1, ?, 'mottagen', 'PUBLIC', ?, ?, ?::jsonb, now(), current_date + 14,
                  current_date + 28)""")) {
            ps.setObject(1, id);
            ps.setString(2, tenant);
            ps.setString(3, reference);
            ps.setString(4, caseType);
            ps.setString(5, unit);
            ps.setObject(6, UUID.randomUUID());
            ps.setString(7, channel);
            ps.setString(8, answers);
            ps.executeUpdate();
        }
        exec(
                c,
                "INSERT INTO cases.case_search VALUES ('" + id + "', '" + tenant + "', '" + unit + "', "
                        + "'PUBLIC', now(), to_tsvector('swedish', '" + reference + " " + words + "'))");
        exec(
                c,
                "INSERT INTO cases.status_change VALUES ('" + tenant + "', '" + id
                        + "', 1, NULL, 'mottagen', now(), 'anonymous')");
        audit(c, tenant, "anonymous", "CASE_SUBMITTED", id);
        exec(
                c,
                "INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date) "
                        + "VALUES (gen_random_uuid(), 'raw', 'raw', '{}', now())");
        return new String[] {id.toString(), reference};
    }

    /** The rest of what a registered submission writes: its submission row, its case file and entry, and audit. */
    static void registration(Connection c, String tenant, UUID caseId, String reference) throws Exception {
        exec(
                c,
                "INSERT INTO cases.submission (tenant_id, id, owner, started_at, case_id) VALUES ('" + tenant
                        + "', gen_random_uuid(), 'browser:raw', now(), '" + caseId + "')");
        exec(
                c,
                "INSERT INTO records.case_file (case_id, tenant_id, reference, case_type, title, public_title, last_number,"
                        + " opened_on) VALUES ('" + caseId + "', '" + tenant + "', '" + reference
                        + "', 'synpunkt-klagomal', 'Synpunkt – Anonym', 'Synpunkt', 1, current_date)");
        exec(
                c,
                "INSERT INTO records.register_title (tenant_id, title) VALUES ('" + tenant
                        + "', 'Synpunkt') ON CONFLICT DO NOTHING");
        exec(
                c,
                "INSERT INTO records.entry (id, tenant_id, case_id, number, registered_on, registered_at, registered_by,"
                        + " direction, kind, source_id, counterpart, public_counterpart, description, public_description)"
                        + " VALUES (gen_random_uuid(), '" + tenant + "', '" + caseId
                        + "', 1, current_date, now(), 'raw',"
                        + " 'INCOMING', 'APPLICATION', '" + caseId + "', 'Anonym', 'Anonym', 'Ansökan', 'Ansökan')");
        audit(c, tenant, "system", "DOCUMENT_REGISTERED", caseId);
    }

    /** One audit entry about a case, appended to the tenant's chain as the application does (the hash is not computed). */
    static void audit(Connection c, String tenant, String actor, String action, UUID caseId) throws Exception {
        String seq = one(
                c,
                "UPDATE audit.chain_head SET last_seq = last_seq + 1 WHERE tenant_id = '" + tenant
                        + "' RETURNING last_seq");
        exec(
                c,
                "INSERT INTO audit.entry VALUES ('" + tenant + "', " + seq + ", now(), '" + actor + "', NULL, '"
                        + action + "', 'case', '" + caseId
                        + "', '127.0.0.1', 'raw', '{}', repeat('0', 64), md5(random()::text))");
    }

    interface Worker {
        /** Works until {@code running} turns false; returns how many it did. */
        int run(AtomicBoolean running) throws Exception;
    }

    /** Runs the worker on that many threads for that many seconds; returns the total done per second. */
    static double perSecond(int seconds, int threads, Worker worker) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> worker.run(running)));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        int total = 0;
        for (var f : done) {
            total += f.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    static HttpClient login(String base, String tenant, String kind, String identity) throws Exception {
        HttpClient client = client();
        String page = get(client, tenant + "/oauth2/authorization/vanersborg-" + kind);
        String form = "_csrf=" + enc(find(CSRF, page)) + "&identity=" + enc(identity);
        var response = client.send(
                HttpRequest.newBuilder(URI.create(base + "/demo-idp/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.uri().getPath().matches(".*/(mina-sidor|personal)")) {
            throw new IllegalStateException("login as " + identity + " ended at " + response.uri());
        }
        return client;
    }

    static List<Long> timed(HttpClient client, String url, int times) throws Exception {
        for (int i = 0; i < 20; i++) {
            get(client, url);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            get(client, url);
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        return micros;
    }

    /** How many clients ask at once in the loaded page timings (each with its own connection). */
    static final int CLIENTS = 32;

    /**
     * Each of that many clients asks for the page that many times, all at once, after a warm-up; the times of
     * every request, sorted. The clients share the login (one session), as tabs of one browser would.
     */
    static List<Long> timedConcurrently(HttpClient client, String url, int clients, int timesEach) throws Exception {
        timed(client, url, 0);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> each = new ArrayList<>();
        var start = new java.util.concurrent.CountDownLatch(1);
        for (int c = 0; c < clients; c++) {
            each.add(pool.submit(() -> {
                start.await();
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < timesEach; i++) {
                    long begin = System.nanoTime();
                    get(client, url);
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

    static void report(String what, List<Long> micros) {
        System.out.printf(
                "%-27s p50 %6.1f ms   p99 %6.1f ms   (%d requests)%n",
                what + ":",
                micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) (micros.size() * 0.99)) / 1000.0,
                micros.size());
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static String get(HttpClient client, String url) throws Exception {
        var response = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + pattern);
        }
        return m.group(1);
    }

    static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String one(Connection c, String sql) throws Exception {
        try (var s = c.createStatement();
                var r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static void exec(Connection c, String sql) throws Exception {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
