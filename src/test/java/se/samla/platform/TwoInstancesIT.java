package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ReflectionUtils;
import se.samla.SamlaApplication;
import se.samla.cases.CaseApiBodies;
import se.samla.catalog.CaseType;
import se.samla.catalog.CaseTypeDefinition;
import se.samla.catalog.Catalog;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Samla instances against one PostgreSQL server, as behind a load balancer: they start at once on an
 * empty database and make one new version of a changed case type between them, give gapless reference numbers,
 * share sessions, run a scheduled job once, and handle an event publication once, including one a
 * crashed instance left behind that both try to resubmit at the same moment.
 */
class TwoInstancesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern REFERENCE = Pattern.compile("([A-ZÅÄÖ]+ \\d{4})/(\\d{6})");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern HIDDEN = Pattern.compile("name=\"(submissionId|version)\" value=\"([^\"]+)\"");

    /** Deliveries of {@link Ping}s by id, counted across both instances (they share this JVM). */
    static final Map<String, AtomicInteger> HANDLED = new ConcurrentHashMap<>();
    /** Holds the delivery of one ping, so the test can look at its publication while it is in flight. */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    static volatile String gated = "";

    public record Ping(String id) {}

    /** A listener like every module's: after commit, async, through the publication registry. */
    public static class PingListener {

        @ApplicationModuleListener
        public void on(Ping ping) throws InterruptedException {
            if (ping.id().equals(gated)) {
                gate.await(60, TimeUnit.SECONDS);
            }
            HANDLED.computeIfAbsent(ping.id(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @TempDir
    Path directory;

    JdbcClient superuser;

    @Test
    void twoInstancesBehaveAsOne() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("postgres").toFile())
                .setServerConfig("timezone", "UTC")
                .start();
        ConfigurableApplicationContext a = null;
        ConfigurableApplicationContext b = null;
        try {
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE samla_owner LOGIN");
                s.execute("CREATE ROLE samla_app LOGIN NOSUPERUSER NOBYPASSRLS");
                s.execute("CREATE DATABASE samla OWNER samla_owner");
            }
            superuser = JdbcClient.create(server.getDatabase("postgres", "samla"));
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/samla";

            // both start at once on an empty database: migrations and case type versions are made once
            // two applications starting at once in one JVM would both reconfigure the one Logback context, and one can
            // find it half-made; the test's own logging stays as it is
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            Future<ConfigurableApplicationContext> startA = pool.submit(() -> start(url, "a"));
            Future<ConfigurableApplicationContext> startB = pool.submit(() -> start(url, "b"));
            a = startA.get(3, TimeUnit.MINUTES);
            b = startB.get(3, TimeUnit.MINUTES);
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            assertThat(superuser
                            .sql("SELECT count(*) FROM catalog.case_type_version WHERE version > 1")
                            .query(Integer.class)
                            .single())
                    .isZero();
            assertThat(superuser
                            .sql("SELECT count(*) FROM catalog.case_type_version")
                            .query(Integer.class)
                            .single())
                    .isPositive();

            String baseA = base(a);
            String baseB = base(b);
            referenceNumbersAreGaplessAcrossInstances(baseA, baseB);
            aSessionFromOneInstanceHoldsOnTheOther(baseA, baseB);
            aScheduledJobRunsOnceAcrossInstances(a, b);
            anEventIsHandledOnceAcrossInstances(a, b);
            aChangedCaseTypeGetsOneNewVersion(a, b);
        } finally {
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            pool.shutdownNow();
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            server.close();
        }
    }

    ConfigurableApplicationContext start(String url, String name) {
        return new SpringApplicationBuilder(SamlaApplication.class, PingListener.class)
                .run(
                        "--samla.db.url=" + url,
                        "--samla.db.user=samla_app",
                        "--samla.db.owner-user=samla_owner",
                        "--samla.audit.key=c2FtbGEtdGVzdC1hdWRpdC1rZXktbm90LXNlY3JldCE=",
                        // files are shared storage: what one instance stored, the other serves
                        "--samla.blobs.directory=" + directory.resolve("blobs"),
                        "--samla.db.data-directory=" + directory.resolve("unused-" + name),
                        "--server.port=0",
                        "--management.server.port=0",
                        // the machine's broker, as the test profile has it, each instance its own client
                        "--samla.mqtt.url=tcp://localhost:1883",
                        "--samla.mqtt.client-id=samla-" + name + "-" + java.util.UUID.randomUUID(),
                        "--samla.mqtt.clean-session=true",
                        "--samla.locks.demo-client-id=samla-demo-lock-" + java.util.UUID.randomUUID(),
                        "--samla.locks.signing-key-file="
                                + directory.resolve("locks-" + name).resolve("grants.key"));
    }

    void referenceNumbersAreGaplessAcrossInstances(String baseA, String baseB) throws Exception {
        String tokenA = token(baseA);
        String tokenB = token(baseB);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            boolean onA = i % 2 == 0;
            sent.add(pool.submit(() -> post(
                    onA ? baseA : baseB,
                    "/t/vanersborg/api/v1/cases",
                    onA ? tokenA : tokenB,
                    CaseApiBodies.heatPump(UUID.randomUUID()))));
        }
        List<String> references = new ArrayList<>();
        for (Future<HttpResponse<String>> f : sent) {
            HttpResponse<String> response = f.get(2, TimeUnit.MINUTES);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            references.add(JSON.readTree(response.body()).get("reference").asString());
        }
        assertThat(references).doesNotHaveDuplicates();
        assertGapless(superuser
                .sql("SELECT reference FROM cases.\"case\"")
                .query(String.class)
                .list());
    }

    /** Every series (administration and year) numbers 1, 2, 3... with nothing skipped and nothing twice. */
    static void assertGapless(List<String> references) {
        Map<String, List<Integer>> bySeries = new TreeMap<>();
        for (String reference : references) {
            Matcher m = REFERENCE.matcher(reference);
            assertThat(m.matches()).as(reference).isTrue();
            bySeries.computeIfAbsent(m.group(1), s -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
        }
        assertThat(bySeries).isNotEmpty();
        bySeries.forEach(
                (series, numbers) -> assertThat(numbers.stream().sorted().toList())
                        .as(series)
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbers.size())
                                .boxed()
                                .toList()));
    }

    void aSessionFromOneInstanceHoldsOnTheOther(String baseA, String baseB) throws Exception {
        String form = "/t/vanersborg/e-tjanster/synpunkt-klagomal/formular";
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(baseA + form)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SAMLA_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        Map<String, String> fields = new TreeMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        fields.put("_csrf", csrf.group(1));
        fields.putAll(Map.of(
                "f.kind",
                "synpunkt",
                "f.area",
                "gata-park",
                "f.message",
                "Två instanser, en tjänst",
                "f.wantsAnswer",
                "nej"));
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        // without the session the token means nothing
        assertThat(postForm(baseB + form, body, null).statusCode()).isEqualTo(403);

        // the form from A, sent to B with A's session: B knows the session and its token, and the case is made
        HttpResponse<String> sent = postForm(baseB + form, body, cookie);
        assertThat(sent.statusCode()).as(sent.body()).isIn(302, 303);
        String receipt =
                URI.create(sent.headers().firstValue("Location").orElseThrow()).getPath();
        // the receipt belongs to the browser that sent it, which A recognises
        HttpResponse<String> onA = http.send(
                HttpRequest.newBuilder(URI.create(baseA + receipt))
                        .header("Cookie", cookie)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onA.statusCode()).isEqualTo(200);
        assertThat(REFERENCE.matcher(onA.body()).find()).isTrue();
        assertGapless(superuser
                .sql("SELECT reference FROM cases.\"case\"")
                .query(String.class)
                .list());
    }

    void aScheduledJobRunsOnceAcrossInstances(ConfigurableApplicationContext a, ConfigurableApplicationContext b)
            throws Exception {
        String job = "platform.rate-limits.remove-expired";
        superuser
                .sql("INSERT INTO rate_limit_bucket (id, state, expires_at) VALUES ('two-instances:first', NULL, 1)")
                .update();
        both(
                () -> a.getBean(RateLimiter.class).removeExpired(),
                () -> b.getBean(RateLimiter.class).removeExpired());
        assertThat(superuser
                        .sql("SELECT count(*) FROM shedlock WHERE name = :n AND lock_until > timezone('utc', now())")
                        .param("n", job)
                        .query(Integer.class)
                        .single())
                .as("the lock is held after a run")
                .isEqualTo(1);

        // while the lock is held (at least 30 s after a run), neither instance runs the job again
        superuser
                .sql("INSERT INTO rate_limit_bucket (id, state, expires_at) VALUES ('two-instances:second', NULL, 1)")
                .update();
        both(
                () -> a.getBean(RateLimiter.class).removeExpired(),
                () -> b.getBean(RateLimiter.class).removeExpired());
        assertThat(bucket("two-instances:second"))
                .as("skipped while another run holds the lock")
                .isEqualTo(1);

        // and the first bucket went (by one of the two calls, or by a timer's run that held the lock just then)
        assertThat(within(Duration.ofSeconds(90), () -> bucket("two-instances:first") == 0))
                .isTrue();
    }

    int bucket(String id) {
        return superuser
                .sql("SELECT count(*) FROM rate_limit_bucket WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    void anEventIsHandledOnceAcrossInstances(ConfigurableApplicationContext a, ConfigurableApplicationContext b)
            throws Exception {
        // a publication in flight on A: neither instance's resubmission takes it from A
        String first = "ping-" + UUID.randomUUID();
        gate = new CountDownLatch(1);
        gated = first;
        new TransactionTemplate(a.getBean("transactionManager", PlatformTransactionManager.class))
                .executeWithoutResult(s -> a.publishEvent(new Ping(first)));
        assertThat(within(Duration.ofSeconds(30), () -> publications(first).size() == 1))
                .isTrue();
        Map<String, Object> inFlight = publications(first).get(0);
        both(
                () -> a.getBean(OutstandingEvents.class).resubmit(),
                () -> b.getBean(OutstandingEvents.class).resubmit());
        gate.countDown();
        assertThat(within(Duration.ofSeconds(30), () -> publications(first).isEmpty()))
                .isTrue();
        assertThat(HANDLED.get(first)).hasValue(1);

        // a publication a crashed instance left behind ten minutes ago: the scheduled job on both instances
        // and the registry's own resubmission on both (no scheduler lock there) try it at the same moment
        String second = "ping-" + UUID.randomUUID();
        superuser
                .sql("""
                INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                    completion_attempts)
                VALUES (:id, :listener, :type, :event, now() - interval '10 minutes', 'PUBLISHED', 0)
                """)
                .param("id", UUID.randomUUID())
                .param("listener", inFlight.get("listener_id"))
                .param("type", inFlight.get("event_type"))
                .param("event", inFlight.get("serialized_event").toString().replace(first, second))
                .update();
        IncompleteEventPublications registryA = a.getBean(IncompleteEventPublications.class);
        IncompleteEventPublications registryB = b.getBean(IncompleteEventPublications.class);
        all(
                () -> a.getBean(OutstandingEvents.class).resubmit(),
                () -> b.getBean(OutstandingEvents.class).resubmit(),
                () -> registryA.resubmitIncompletePublications(p -> p.getEvent() instanceof Ping),
                () -> registryB.resubmitIncompletePublications(p -> p.getEvent() instanceof Ping));
        assertThat(within(Duration.ofSeconds(60), () -> publications(second).isEmpty()))
                .isTrue();
        assertThat(within(Duration.ofSeconds(10), () -> HANDLED.containsKey(second)))
                .isTrue();
        // nothing is left that could deliver it again; a late second delivery would show within a few seconds
        Thread.sleep(3_000);
        assertThat(HANDLED.get(second)).hasValue(1);
        assertThat(HANDLED.get(first)).hasValue(1);
    }

    /** Both instances storing the same changed definition at once (as when both start with it) make one version. */
    void aChangedCaseTypeGetsOneNewVersion(ConfigurableApplicationContext a, ConfigurableApplicationContext b)
            throws Exception {
        Tenant tenant = a.getBean(Tenants.class).bySlug("vanersborg").orElseThrow();
        CaseTypeDefinition d = a.getBean(Catalog.class)
                .current(tenant.id(), "klotter")
                .orElseThrow()
                .definition();
        assertThat(a.getBean(Catalog.class)
                        .current(tenant.id(), "klotter")
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
        for (int round = 1; round <= 5; round++) {
            CaseTypeDefinition changed = new CaseTypeDefinition(
                    d.code(),
                    d.name(),
                    d.description(),
                    d.category(),
                    d.unit(),
                    d.startedBy(),
                    d.assuranceLevel(),
                    d.confidentiality(),
                    d.serviceNormDays() + round,
                    d.leadTimeDays(),
                    d.form(),
                    d.statuses(),
                    d.results(),
                    d.keywords(),
                    d.report(),
                    d.registered(),
                    d.classification(),
                    d.signing(),
                    d.coSigning(),
                    d.childConfidentialFromAge(),
                    d.transfer(),
                    d.kolada(),
                    d.fees(),
                    null);
            List<Integer> versions = java.util.Collections.synchronizedList(new ArrayList<>());
            all(() -> versions.add(store(a, tenant, changed)), () -> versions.add(store(b, tenant, changed)));
            assertThat(versions).containsExactly(round + 1, round + 1);
        }
        assertThat(superuser
                        .sql("SELECT count(*) FROM catalog.case_type_version WHERE code = 'klotter'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(6);
    }

    /** The catalog's own start-up step for one case type, which is not part of its API. */
    static int store(ConfigurableApplicationContext app, Tenant tenant, CaseTypeDefinition definition) {
        Object catalog = AopTestUtils.getUltimateTargetObject(app.getBean(Catalog.class));
        Method store = ReflectionUtils.findMethod(catalog.getClass(), "store", Tenant.class, CaseTypeDefinition.class);
        ReflectionUtils.makeAccessible(store);
        return app.getBean(TenantTransactions.class)
                .call(
                        tenant.id(),
                        () -> ((CaseType) ReflectionUtils.invokeMethod(store, catalog, tenant, definition)).version());
    }

    List<Map<String, Object>> publications(String pingId) {
        return superuser
                .sql(
                        "SELECT listener_id, event_type, serialized_event FROM event_publication WHERE serialized_event LIKE :p")
                .param("p", "%" + pingId + "%")
                .query()
                .listOfRows();
    }

    void both(Runnable one, Runnable other) throws Exception {
        all(one, other);
    }

    /** Runs the actions at the same moment, each on its own thread, and waits for all of them. */
    void all(Runnable... actions) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (Runnable action : actions) {
            running.add(pool.submit(() -> {
                start.await();
                action.run();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
    }

    /** Polls until the condition holds or the time is up; the machine is shared, so no timing is asserted. */
    static boolean within(Duration limit, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.call();
    }

    static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    String token(String base) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/demo-idp/token"))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("vanersborg-bygg-integration:demo-api-secret"
                                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=cases:read%20cases:write"))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        return json.get("access_token").asString();
    }

    HttpResponse<String> post(String base, String path, String token, Object body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String url, String body, String cookie) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return http.send(
                builder.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
