package se.samla.platform;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The packaged jar run as a process on a data directory of its own, for the tests that kill it. */
public record JarProcess(Process process, int port, Path log, HttpClient http) {

    public static final Path JAR = Path.of("target", "samla-0.1.0-SNAPSHOT.jar").toAbsolutePath();
    static final Duration READY_WAIT = Duration.ofSeconds(180);

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Starts the jar and waits until Vänersborg's start page answers; fails with the log's tail if it dies or is not
     * ready in time.
     *
     * @param environment more of the process's environment (SAMLA_DATA_DIR and the ports are set here)
     */
    public static JarProcess start(Path dataDirectory, Path log, Map<String, String> environment) throws Exception {
        int port = freePort();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("SAMLA_MQTT_URL");
        builder.environment().remove("SAMLA_DB_URL");
        builder.environment().put("SAMLA_DATA_DIR", dataDirectory.toString());
        builder.environment().put("SAMLA_PORT", String.valueOf(port));
        builder.environment().put("SAMLA_MANAGEMENT_PORT", String.valueOf(freePort()));
        // the embedded broker, when one is used, on a port of its own so a demo run here does not stand in its way
        builder.environment().put("SAMLA_MQTT_EMBEDDED_PORT", String.valueOf(freePort()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        JarProcess started = new JarProcess(
                process,
                port,
                log,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the jar failed to start (exit " + process.exitValue() + "):\n" + tail(log));
            }
            try {
                HttpResponse<Void> page = started.http()
                        .send(
                                HttpRequest.newBuilder(URI.create(started.url("/t/vanersborg/")))
                                        .timeout(Duration.ofSeconds(10))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (page.statusCode() == 200) {
                    return started;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        return fail("the jar was not ready within " + READY_WAIT.toSeconds() + " s:\n" + tail(log));
    }

    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
