package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.samla.platform.JarProcess;

/**
 * No reading a device handed to the broker is lost or stored twice: the packaged jar is killed with SIGKILL in the
 * middle of a burst and started again, and the broker (the machine's Mosquitto program, with persistence, on a port
 * of its own) is stopped and started while readings come. Samla's persistent session gets what the broker kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SensorBurstProcessIT {

    static final String DEVICE = "luft-nabbensberg";
    static final int PACK = 10;
    static final Path LOGS = Path.of("target", "sensor-burst").toAbsolutePath();

    static Path dataDirectory;
    static Path brokerDirectory;
    static int brokerPort;
    static Process broker;
    static JarProcess app;
    static int starts;
    static String clientId;
    /** The readings' first moment: two hours ago, a second apart, so none is from the future. */
    static final Instant BASE = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void startBrokerAndJar() throws Exception {
        assertThat(JarProcess.JAR).as("run after package: ./mvnw verify").exists();
        Files.createDirectories(LOGS);
        dataDirectory = Files.createTempDirectory("samla-burst-");
        brokerDirectory = Files.createTempDirectory("samla-burst-broker-");
        // Mosquitto started as root runs as the user mosquitto, which must be able to write its persistence file here
        Files.setPosixFilePermissions(
                brokerDirectory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        brokerPort = JarProcess.freePort();
        Files.writeString(brokerDirectory.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_queued_messages 100000
                """.formatted(brokerPort, brokerDirectory));
        startBroker();
        clientId = "samla-burst-" + UUID.randomUUID();
        app = startApp();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (app != null && app.process().isAlive()) {
            app.process().destroy();
            app.process().waitFor(90, TimeUnit.SECONDS);
        }
        ProcessHandle.allProcesses()
                .filter(p -> dataDirectory != null
                        && p.info().commandLine().orElse("").contains(dataDirectory.toString()))
                .forEach(ProcessHandle::destroyForcibly);
        if (broker != null) {
            broker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (Path directory : new Path[] {dataDirectory, brokerDirectory}) {
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    static void startBroker() throws Exception {
        broker = new ProcessBuilder(List.of(
                        mosquitto(),
                        "-c",
                        brokerDirectory.resolve("mosquitto.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        LOGS.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", brokerPort)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Mosquitto did not listen on " + brokerPort);
    }

    static String mosquitto() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("Mosquitto is not installed (apt-get install -y mosquitto)");
    }

    static JarProcess startApp() throws Exception {
        return JarProcess.start(
                dataDirectory,
                LOGS.resolve("start-" + (++starts) + ".log"),
                Map.of(
                        "SAMLA_MQTT_URL",
                        "tcp://127.0.0.1:" + brokerPort,
                        "SAMLA_MQTT_CLIENT_ID",
                        clientId,
                        "SAMLA_SENSOR_SIMULATOR_ENABLED",
                        "false"));
    }

    /** A device as the broker sees it: it publishes with QoS 1 and tries again until the broker takes the pack. */
    static final class Device implements AutoCloseable {

        final MqttClient client;
        final AtomicInteger published = new AtomicInteger();
        /** Milliseconds between packs. */
        volatile long pace = 10;

        Device() throws MqttException {
            client = new MqttClient(
                    "tcp://127.0.0.1:" + brokerPort, "device-" + UUID.randomUUID(), new MemoryPersistence());
            client.connect(options());
        }

        static MqttConnectOptions options() {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setConnectionTimeout(5);
            return options;
        }

        /** Publishes packs {@code from} to {@code to} (exclusive), each again until the broker acknowledges it. */
        void publish(int from, int to) throws InterruptedException {
            for (int pack = from; pack < to; pack++) {
                StringBuilder json = new StringBuilder("[{\"bn\":\"" + DEVICE + ":\",\"bt\":"
                        + BASE.plusSeconds((long) pack * PACK).getEpochSecond() + ",\"bu\":\"Cel\"");
                for (int i = 0; i < PACK; i++) {
                    json.append(i == 0 ? "," : ",{")
                            .append("\"n\":\"temp\",\"t\":")
                            .append(i)
                            .append(",\"v\":")
                            .append((pack * PACK + i) % 40 - 20)
                            .append('}');
                }
                json.append(']');
                MqttMessage message =
                        new MqttMessage(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                message.setQos(1);
                while (true) {
                    try {
                        if (!client.isConnected()) {
                            client.connect(options());
                        }
                        client.publish("samla/vanersborg/sensors/" + DEVICE + "/senml-json", message);
                        break;
                    } catch (MqttException brokerAway) {
                        Thread.sleep(200);
                    }
                }
                published.incrementAndGet();
                Thread.sleep(pace);
            }
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    /** The device's stored readings from the burst, past row-level security. */
    static int stored(int packs) throws Exception {
        String port = Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        try (Connection db =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/samla?user=postgres");
                var statement = db.prepareStatement(
                        "SELECT count(*) FROM sensors.reading WHERE device = ? AND measured_at >= ? AND measured_at < ?")) {
            statement.setString(1, DEVICE);
            statement.setTimestamp(2, java.sql.Timestamp.from(BASE));
            statement.setTimestamp(3, java.sql.Timestamp.from(BASE.plusSeconds((long) packs * PACK)));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void awaitStored(int packs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int count = 0;
        while (System.nanoTime() < deadline) {
            try {
                count = stored(packs);
            } catch (java.sql.SQLException databaseRestarting) {
                count = -1;
            }
            if (count == packs * PACK) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("stored " + count + " of " + packs * PACK + " readings");
    }

    @Test
    @Order(1)
    void theJvmKilledInTheMiddleOfABurstLosesNoReadingAndStoresNoneTwice() throws Exception {
        int packs = 300;
        try (Device device = new Device()) {
            Thread burst = new Thread(() -> {
                try {
                    device.publish(0, packs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            burst.start();
            // killed once it has stored some of the burst and before the device has sent it all
            while (stored(packs) < 100) {
                Thread.sleep(20);
            }
            app.process().destroyForcibly();
            assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            int storedAtTheKill = stored(packs);
            burst.join();
            app = startApp();
            awaitStored(packs);
            System.out.printf(
                    "SENSOR BURST a (JVM SIGKILL mid-burst): readings=%d stored when killed=%d stored after the "
                            + "restart=%d%n",
                    packs * PACK, storedAtTheKill, stored(packs));
            assertThat(storedAtTheKill).as("killed in the middle of the burst").isBetween(100, packs * PACK - 1);
            assertThat(device.published.get()).isEqualTo(packs);
        }
    }

    @Test
    @Order(2)
    void theBrokerStoppedAndStartedWhileReadingsComeLosesNone() throws Exception {
        int from = 300;
        int to = 600;
        try (Device device = new Device()) {
            device.publish(from, from + 50);
            broker.destroy();
            assertThat(broker.waitFor(30, TimeUnit.SECONDS))
                    .as("Mosquitto stops on SIGTERM")
                    .isTrue();
            Thread.sleep(2_000);
            startBroker();
            // at once, before Samla is back: the broker keeps these for Samla's session
            device.publish(from + 50, to);
            awaitStored(to);
            System.out.printf(
                    "SENSOR BURST b (broker stopped and started): readings=%d stored=%d%n", to * PACK, stored(to));
        }
        assertThat(Files.readString(app.log()))
                .contains("Connected to the MQTT broker")
                .contains("again");
    }
}
