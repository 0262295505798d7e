package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.samla.SamlaApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samla against a PostgreSQL server that goes away and comes back: while it is away every channel answers
 * 503 in its own format without hanging, readiness is down, the log says so once without stack traces;
 * when the server returns on the same port, Samla serves again by itself and says so once.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OUTAGE_LINE = "The database cannot be reached (";
    static final String BACK_LINE = "The database can be reached again";
    /** A session id (base64, as Spring Session writes it) that the server has never given out. */
    static final String SESSION_COOKIE =
            "SAMLA_SESSION=" + Base64.getEncoder().encodeToString("no-such-session".getBytes(StandardCharsets.UTF_8));

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    Path directory;

    String base;

    record Reply(int status, String body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    @Test
    void answers503InEveryChannelWhileTheServerIsAwayAndRecoversByItself(CapturedOutput output) throws Exception {
        int databasePort = freePort();
        Path data = directory.resolve("postgres");
        EmbeddedPostgres server = startServer(data, databasePort);
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE samla_owner LOGIN");
            s.execute("CREATE ROLE samla_app LOGIN NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE DATABASE samla OWNER samla_owner");
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SamlaApplication.class)
                .run(
                        "--samla.db.url=jdbc:postgresql://localhost:" + databasePort + "/samla",
                        "--samla.db.user=samla_app",
                        "--samla.db.owner-user=samla_owner",
                        "--samla.audit.key=c2FtbGEtdGVzdC1hdWRpdC1rZXktbm90LXNlY3JldCE=",
                        "--samla.blobs.directory=" + directory.resolve("blobs"),
                        "--samla.db.data-directory=" + directory.resolve("unused"),
                        "--server.port=0",
                        "--management.server.port=0",
                        // the machine's broker, as the test profile has it, each instance its own client
                        "--samla.mqtt.url=tcp://localhost:1883",
                        "--samla.mqtt.client-id=samla-" + "outage" + "-" + java.util.UUID.randomUUID(),
                        "--samla.mqtt.clean-session=true",
                        "--samla.locks.demo-client-id=samla-demo-lock-" + java.util.UUID.randomUUID(),
                        "--samla.locks.signing-key-file="
                                + directory.resolve("locks-" + "outage").resolve("grants.key"));
        try {
            base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String token = token();

            // served while the server is there
            assertThat(get("/t/vanersborg/diarium").status()).isEqualTo(200);
            assertThat(get("/t/vanersborg/", null, SESSION_COOKIE).status()).isEqualTo(200);
            assertThat(get("/t/vanersborg/api/v1/cases", token).status()).isEqualTo(200);
            assertThat(get("/t/vanersborg/open311/v2/services.json").status()).isEqualTo(200);
            assertThat(get("/readyz").status()).isEqualTo(200);

            server.close();
            int outageStart = output.getAll().length();

            Reply page = get("/t/vanersborg/diarium");
            assertThat(page.status()).as(page.body()).isEqualTo(503);
            assertThat(page.header("Retry-After")).isNotBlank();
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body())
                    .contains("Tjänsten är tillfälligt otillgänglig")
                    .contains("lang=\"sv\"");
            Reply english = get("/t/vanersborg/diarium?lang=en");
            assertThat(english.status()).isEqualTo(503);
            assertThat(english.body()).contains("The service is temporarily unavailable");

            // the session filter looks the session up before any controller runs
            Reply withSession = get("/t/vanersborg/", null, SESSION_COOKIE);
            assertThat(withSession.status()).isEqualTo(503);
            assertThat(withSession.body()).contains("Tjänsten är tillfälligt otillgänglig");

            // a scheduled job that needs the database adds to the outage without a stack trace
            var scheduler = app.getBean(ThreadPoolTaskScheduler.class);
            scheduler
                    .schedule(
                            () -> app.getBean(JdbcClient.class)
                                    .sql("SELECT 1")
                                    .query()
                                    .singleValue(),
                            Instant.now())
                    .get(20, TimeUnit.SECONDS);
            // and so does one that first takes its scheduler lock in the database
            scheduler
                    .schedule(() -> app.getBean(ExpiredSessions.class).removeExpired(), Instant.now())
                    .get(20, TimeUnit.SECONDS);

            Reply api = get("/t/vanersborg/api/v1/cases", token);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.header("Retry-After")).isNotBlank();
            assertThat(api.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(api.body());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("type").asString()).isNotBlank();
            assertThat(problem.get("title").asString()).isNotBlank();
            assertThat(problem.get("detail").asString()).contains("database");

            Reply open311Json = get("/t/vanersborg/open311/v2/services.json");
            assertThat(open311Json.status()).isEqualTo(503);
            assertThat(open311Json.header("Content-Type")).startsWith("application/json");
            JsonNode errors = JSON.readTree(open311Json.body());
            assertThat(errors.isArray()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(503);
            assertThat(errors.get(0).get("description").asString()).isNotBlank();
            Reply open311Xml = get("/t/vanersborg/open311/v2/services.xml");
            assertThat(open311Xml.status()).isEqualTo(503);
            assertThat(open311Xml.header("Content-Type")).startsWith("text/xml");
            assertThat(open311Xml.body()).contains("<errors><error><code>503</code><description>");

            Reply readiness = get("/readyz");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
            Reply liveness = get("/livez");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.body()).contains("UP");

            String during = output.getAll().substring(outageStart);
            assertThat(during.lines().filter(line -> line.contains(OUTAGE_LINE)))
                    .hasSize(1);
            assertThat(during.lines()
                            .filter(line -> line.contains(OUTAGE_LINE))
                            .findFirst()
                            .orElseThrow())
                    .contains("WARN");
            assertThat(during).doesNotContain("\tat ");

            server = startServer(data, databasePort);
            assertThat(within(
                            Duration.ofSeconds(90),
                            () -> get("/t/vanersborg/diarium").status() == 200))
                    .isTrue();
            assertThat(within(Duration.ofSeconds(30), () -> get("/readyz").status() == 200))
                    .isTrue();
            assertThat(get("/t/vanersborg/api/v1/cases", token).status()).isEqualTo(200);
            assertThat(get("/t/vanersborg/open311/v2/services.xml").status()).isEqualTo(200);

            String whole = output.getAll().substring(outageStart);
            assertThat(whole.lines().filter(line -> line.contains(BACK_LINE))).hasSize(1);
            assertThat(whole.lines()
                            .filter(line -> line.contains(BACK_LINE))
                            .findFirst()
                            .orElseThrow())
                    .contains("INFO");
            assertThat(whole.lines().filter(line -> line.contains(OUTAGE_LINE))).hasSize(1);
            assertThat(whole).doesNotContain("\tat ");
        } finally {
            app.close();
            server.close();
        }
    }

    static EmbeddedPostgres startServer(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("timezone", "UTC")
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls until the condition holds or the time is up; the machine is shared, so no timing is asserted. */
    static boolean within(Duration limit, Callable<Boolean> condition) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(500);
        }
        return condition.call();
    }

    String token() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/demo-idp/token"))
                .timeout(Duration.ofSeconds(20))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("vanersborg-bygg-integration:demo-api-secret"
                                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=cases:read"))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    Reply get(String path) throws Exception {
        return get(path, null, null);
    }

    Reply get(String path, String token) throws Exception {
        return get(path, token, null);
    }

    /** A generous timeout: the point is that requests end, not how fast (the machine is shared). */
    Reply get(String path, String token, String cookie) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token).header("Accept", "application/json");
        }
        var response = http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
