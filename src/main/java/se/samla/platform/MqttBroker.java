package se.samla.platform;

import io.moquette.broker.Server;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The MQTT broker lock controllers and sensors talk through: a real one named by samla.mqtt.url (SAMLA_MQTT_URL, e.g.
 * Mosquitto), or, with none named, an embedded Moquette on the loopback address, as the embedded default does with
 * PostgreSQL. The embedded one keeps its sessions in memory: what must not be lost waits in Samla's outboxes, not in
 * the broker, and a broker file left half-written by a crash cannot keep Samla from starting.
 */
@Component
public class MqttBroker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MqttBroker.class);

    private final String url;
    private final Server embedded;

    MqttBroker(Environment environment) throws IOException {
        String configured = environment.getProperty("samla.mqtt.url", "");
        if (!configured.isBlank()) {
            this.url = configured;
            this.embedded = null;
            return;
        }
        int port = environment.getProperty("samla.mqtt.embedded-port", Integer.class, 1884);
        this.embedded = new Server();
        embedded.withConfig()
                .host("127.0.0.1")
                .port(port)
                .disablePersistence()
                .allowAnonymous()
                .disableTelemetry()
                .startServer();
        this.url = "tcp://127.0.0.1:" + port;
        log.info("Embedded MQTT broker listening on {}", url);
    }

    /** Where clients connect. */
    public String url() {
        return url;
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void destroy() {
        if (embedded != null) {
            embedded.stopServer();
        }
    }
}
