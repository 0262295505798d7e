package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.samla.cases.CaseApiBodies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing acknowledged is lost: the packaged jar, under load from API clients, killed in the ways a server
 * dies (the database killed, the JVM killed, an orderly SIGTERM), and started again on the same data.
 * The scenarios run one after the other on one data directory, so the jar starts only four times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryProcessIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path JAR = JarProcess.JAR;
    static final Path LOGS = Path.of("target", "crash-recovery").toAbsolutePath();
    static final int CLIENTS = 4;

    static Path dataDirectory;
    static App app;
    static int starts;
    /** Every reference handed out so far, acknowledged or seen in a list: none may come again. */
    static final Set<String> referencesGiven = new HashSet<>();

    record App(Process process, int port, Path log, HttpClient http) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    record Submission(String id, String reference) {}

    record Outcome(List<Submission> acknowledged, int serverErrors, int notAnswered) {}

    record Check(int acknowledged, int found, int lost, int duplicated) {}

    @BeforeAll
    static void startTheJar() throws Exception {
        assertThat(JAR).as("run after package: ./mvnw verify").exists();
        Files.createDirectories(LOGS);
        dataDirectory = Files.createTempDirectory("samla-crash-");
        app = start();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (app != null && app.process().isAlive()) {
            app.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (dataDirectory != null) {
            for (ProcessHandle leftover : postgresProcesses()) {
                leftover.destroyForcibly();
                leftover.onExit().get(30, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theDatabaseAndThenTheJvmKilledUnderLoad() throws Exception {
        ensureRunning();
        Load load = Load.begin(app);
        Thread.sleep(4_000);
        long postmasterPid =
                Long.parseLong(Files.readAllLines(postgresDirectory().resolve("postmaster.pid"))
                        .get(0)
                        .trim());
        ProcessHandle.of(postmasterPid).ifPresent(ProcessHandle::destroyForcibly);
        Thread.sleep(1_000);
        app.process().destroyForcibly();
        assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Outcome outcome = load.end();

        app = start();
        Check check = verify("a (postmaster SIGKILL, then JVM SIGKILL)", outcome);
        assertNothingLost(check);
        newSubmissionsGetNewReferences();
    }

    @Test
    @Order(2)
    void theJvmKilledUnderLoadWhileTheDatabaseLivesOn() throws Exception {
        ensureRunning();
        Load load = Load.begin(app);
        Thread.sleep(4_000);
        app.process().destroyForcibly();
        assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Outcome outcome = load.end();
        assertThat(postgresProcesses())
                .as("the postmaster outlives a killed JVM")
                .isNotEmpty();

        app = start();
        assertThat(Files.readString(app.log()))
                .as("the first start stops the server of the killed run")
                .contains("Stopped the embedded PostgreSQL that a previous run left running");
        Check check = verify("b (JVM SIGKILL, postmaster left running)", outcome);
        assertNothingLost(check);
        newSubmissionsGetNewReferences();
    }

    @Test
    @Order(3)
    void sigtermUnderLoadFinishesWhatIsInFlight() throws Exception {
        ensureRunning();
        Load load = Load.begin(app);
        Thread.sleep(4_000);
        app.process().destroy();
        assertThat(app.process().waitFor(90, TimeUnit.SECONDS))
                .as("the process exits by itself on SIGTERM")
                .isTrue();
        Outcome outcome = load.end();
        assertThat(postgresProcesses())
                .as("no PostgreSQL of the data directory is left running")
                .isEmpty();
        assertThat(outcome.serverErrors()).as("no request in flight gets a 5xx").isZero();

        app = start();
        Check check = verify("c (JVM SIGTERM)", outcome);
        assertNothingLost(check);
    }

    @Test
    @Order(4)
    void theJvmKilledWhileLettersGoOutLosesNoneAndSendsNoneTwice() throws Exception {
        ensureRunning();
        int letters = 60;
        try (Connection db = database()) {
            String tenant = text(db, "SELECT id::text FROM tenancy.tenant WHERE slug = 'vanersborg'");
            update(
                    db,
                    "INSERT INTO identity.person (id, tenant_id, personal_identity_number, name, first_seen_at, "
                            + "last_login_at) VALUES (gen_random_uuid(), '" + tenant
                            + "', '191212121212', 'Tolvan Tolvansson', "
                            + "now(), now()) ON CONFLICT (tenant_id, personal_identity_number) DO NOTHING");
            String person =
                    text(db, "SELECT id::text FROM identity.person WHERE personal_identity_number = '191212121212'");
            update(db, """
                    INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status,
                        confidentiality, applicant_person_id, applicant_name, applicant_identity_number, submission_id,
                        channel, answers, submitted_at, planned_decision_on, latest_decision_on)
                    SELECT gen_random_uuid(), '%s', 'KILL ' || g, 'bygglov', 1, 'SBF-BYGG', 'handlaggs', 'PUBLIC', '%s',
                        'Tolvan Tolvansson', '191212121212', gen_random_uuid(), 'E_SERVICE', '{"description": "altan"}',
                        now(), current_date + 10, current_date + 40
                    FROM generate_series(1, %d) g
                    """.formatted(tenant, person, letters));
        }
        String token = token(app);
        List<String> ids = new ArrayList<>();
        try (Connection db = database();
                var rs = db.createStatement()
                        .executeQuery("SELECT id FROM cases.\"case\" WHERE reference LIKE 'KILL %'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        for (String id : ids) {
            HttpResponse<String> decided = send(
                    app,
                    HttpRequest.newBuilder(URI.create(app.url("/t/vanersborg/api/v1/cases/" + id + "/decision")))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            // dismissed: a decision that carries no fee, so the letters counted here are the decisions
                            // alone
                            .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"avvisat\",\"reasons\":\"Ansökan "
                                    + "saknar ritningar.\",\"legalReference\":\"9 kap. 22 § PBL\",\"version\":0}"))
                            .build());
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        }
        // every letter is made before the kill: a letter's own making, cut off, comes back only after a quarter of an
        // hour
        await(
                Duration.ofSeconds(60),
                () -> count("SELECT count(*) FROM messaging.letter WHERE reference LIKE 'KILL %'") == letters);
        await(Duration.ofSeconds(60), () -> deliveredLetters() >= 5);
        app.process().destroyForcibly();
        assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the database outlives the JVM: what the dead run had recorded, and what the operator already held
        int deliveredBeforeTheKill = deliveredLetters();
        int atTheOperatorBeforeTheKill = operatorCopies();
        assertThat(deliveredBeforeTheKill)
                .as("killed while letters were still going out")
                .isLessThan(letters);

        app = start();
        await(Duration.ofSeconds(180), () -> deliveredLetters() == letters);
        int copies = operatorCopies();
        System.out.printf(
                "CRASH RECOVERY scenario d (JVM SIGKILL while letters go out): letters=%d recorded as delivered before "
                        + "the kill=%d at the operator before the kill=%d delivered after the restart=%d copies at the "
                        + "operator=%d%n",
                letters, deliveredBeforeTheKill, atTheOperatorBeforeTheKill, deliveredLetters(), copies);
        assertThat(copies).as("each letter reached the mailbox once").isEqualTo(letters);
    }

    static int operatorCopies() throws Exception {
        return count("""
                SELECT count(*) FROM demo_operator.delivery WHERE message_id IN (
                    SELECT d.message_id FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                    WHERE l.reference LIKE 'KILL %')
                """);
    }

    static int deliveredLetters() throws Exception {
        return count("""
                SELECT count(*) FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                WHERE l.reference LIKE 'KILL %' AND d.status = 'DELIVERED'
                """);
    }

    /** The embedded PostgreSQL of the data directory, as its superuser (past row-level security). */
    static Connection database() throws Exception {
        String port = Files.readAllLines(postgresDirectory().resolve("postmaster.pid"))
                .get(3)
                .trim();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/samla?user=postgres");
    }

    static int count(String sql) throws Exception {
        try (Connection db = database()) {
            return Integer.parseInt(text(db, sql));
        }
    }

    static String text(Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void update(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Duration atMost, Condition condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not so within " + atMost + ":\n" + tail(app.log()));
            }
            Thread.sleep(50);
        }
    }

    static void assertNothingLost(Check check) {
        assertThat(check.acknowledged())
                .as("the load got some submissions acknowledged")
                .isPositive();
        assertThat(check.lost()).as("acknowledged submissions lost").isZero();
        assertThat(check.duplicated()).as("acknowledged submissions duplicated").isZero();
        assertThat(check.found()).isEqualTo(check.acknowledged());
    }

    /** Every acknowledged submission is there once, with its reference; no reference is given twice. */
    static Check verify(String scenario, Outcome outcome) throws Exception {
        String token = token(app);
        int found = 0;
        for (Submission s : outcome.acknowledged()) {
            HttpResponse<String> read = send(app, get(app, "/t/vanersborg/api/v1/cases/" + s.id(), token));
            if (read.statusCode() == 200
                    && s.reference()
                            .equals(JSON.readTree(read.body())
                                    .get("summary")
                                    .get("reference")
                                    .asString())) {
                found++;
            }
        }
        Map<String, Integer> listedReferences = new HashMap<>();
        Map<String, Integer> listedIds = new HashMap<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> list = send(
                    app,
                    get(app, "/t/vanersborg/api/v1/cases?caseType=anmalan-varmepump&size=200&page=" + page, token));
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            JsonNode items = JSON.readTree(list.body()).get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode item : items) {
                listedReferences.merge(item.get("reference").asString(), 1, Integer::sum);
                listedIds.merge(item.get("id").asString(), 1, Integer::sum);
            }
        }
        Map<String, Integer> acknowledgedReferences = new HashMap<>();
        outcome.acknowledged().forEach(s -> acknowledgedReferences.merge(s.reference(), 1, Integer::sum));
        int duplicated = (int) outcome.acknowledged().stream()
                .filter(s -> acknowledgedReferences.get(s.reference()) > 1
                        || listedReferences.getOrDefault(s.reference(), 0) > 1
                        || listedIds.getOrDefault(s.id(), 0) > 1)
                .count();
        int listedAcknowledged = (int) outcome.acknowledged().stream()
                .filter(s -> listedIds.containsKey(s.id()))
                .count();
        int acknowledged = outcome.acknowledged().size();
        Check check = new Check(acknowledged, found, acknowledged - found, duplicated);
        System.out.printf(
                "CRASH RECOVERY scenario %s: acknowledged=%d found=%d lost=%d duplicated=%d "
                        + "(listed %d of them; %d cases listed; 5xx=%d, not answered=%d)%n",
                scenario,
                acknowledged,
                found,
                check.lost(),
                duplicated,
                listedAcknowledged,
                listedIds.size(),
                outcome.serverErrors(),
                outcome.notAnswered());
        assertThat(listedReferences.values()).as("no reference appears twice").allMatch(n -> n == 1);
        assertThat(listedAcknowledged).as("every acknowledged case is listed").isEqualTo(acknowledged);
        referencesGiven.addAll(listedReferences.keySet());
        outcome.acknowledged().forEach(s -> referencesGiven.add(s.reference()));
        return check;
    }

    static void newSubmissionsGetNewReferences() throws Exception {
        String token = token(app);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = send(app, submission(app, token));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String reference = JSON.readTree(created.body()).get("reference").asString();
            assertThat(referencesGiven)
                    .as("a reference after the restart is new")
                    .doesNotContain(reference);
            referencesGiven.add(reference);
        }
    }

    /** Clients submitting cases as fast as the server takes them, each with its own submission id. */
    static final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<Submission> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicInteger serverErrors = new AtomicInteger();
        final AtomicInteger notAnswered = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();

        static Load begin(App app) throws Exception {
            Load load = new Load();
            String token = token(app);
            for (int i = 0; i < CLIENTS; i++) {
                Thread thread = new Thread(() -> load.run(app, token), "load-" + i);
                load.threads.add(thread);
                thread.start();
            }
            return load;
        }

        void run(App app, String token) {
            while (running.get()) {
                try {
                    HttpResponse<String> response = send(app, submission(app, token));
                    if (response.statusCode() == 201) {
                        JsonNode body = JSON.readTree(response.body());
                        acknowledged.add(new Submission(
                                body.get("id").asString(), body.get("reference").asString()));
                    } else if (response.statusCode() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                } catch (IOException e) {
                    // refused or cut off: not acknowledged, so the client would try again
                    notAnswered.incrementAndGet();
                    pause(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Outcome end() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            return new Outcome(List.copyOf(acknowledged), serverErrors.get(), notAnswered.get());
        }
    }

    static HttpRequest submission(App app, String token) {
        Map<String, Object> body = CaseApiBodies.heatPump(UUID.randomUUID());
        return HttpRequest.newBuilder(URI.create(app.url("/t/vanersborg/api/v1/cases")))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    static HttpRequest get(App app, String path, String token) {
        return HttpRequest.newBuilder(URI.create(app.url(path)))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    static String token(App app) throws Exception {
        // the demo provider names the host it was asked on as the issuer, and the API expects localhost
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/demo-idp/token"))
                .timeout(Duration.ofSeconds(60))
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
        HttpResponse<String> response = send(app, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    static HttpResponse<String> send(App app, HttpRequest request) throws IOException, InterruptedException {
        return app.http().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void ensureRunning() throws Exception {
        if (app == null || !app.process().isAlive()) {
            app = start(); // an earlier scenario failed half-way
        }
    }

    /** Starts the jar on the data directory; the first start must succeed, so there is no second try. */
    static App start() throws Exception {
        // a dispatcher's claim on letters runs out soon, so letters a killed run had taken go out again in the test
        JarProcess started = JarProcess.start(
                dataDirectory, LOGS.resolve("start-" + (++starts) + ".log"), Map.of("SAMLA_POST_CLAIM", "PT15S"));
        return new App(started.process(), started.port(), started.log(), started.http());
    }

    static String tail(Path log) throws IOException {
        return JarProcess.tail(log);
    }

    static Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /** PostgreSQL processes working in the data directory: the postmaster and its backends. */
    static List<ProcessHandle> postgresProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    Path proc = Path.of("/proc", String.valueOf(p.pid()));
                    try {
                        return Files.readSymbolicLink(proc.resolve("exe"))
                                        .getFileName()
                                        .toString()
                                        .equals("postgres")
                                && Files.isSameFile(Files.readSymbolicLink(proc.resolve("cwd")), postgresDirectory());
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                })
                .toList();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
