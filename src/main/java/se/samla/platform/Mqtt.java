package se.samla.platform;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Samla's one connection to the MQTT broker (Eclipse Paho, MQTT 3.1.1): QoS 1 both ways, a persistent session under a
 * stable client id so the broker keeps what arrives while Samla restarts, and reconnection on its own. Modules publish
 * from their outboxes and subscribe with a handler; a handler that throws leaves the message unacknowledged, and the
 * broker gives it again after the reconnect.
 */
@Component
public class Mqtt implements SmartLifecycle, DisposableBean {

    /** Receives a message of a subscription. */
    @FunctionalInterface
    public interface Handler {
        void handle(String topic, byte[] payload) throws Exception;
    }

    /** Publishing failed: the broker is down or did not acknowledge in time. */
    public static final class NotPublished extends Exception {
        NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Mqtt.class);

    private final MqttBroker broker;
    private final Environment environment;
    private final Map<String, Handler> subscriptions = new ConcurrentHashMap<>();
    private volatile MqttClient client;
    private volatile boolean running;
    /**
     * Subscribes after each connect off Paho's callback thread: a blocking call there waits for an acknowledgement the
     * client cannot read while the session's kept messages fill its queue, and times out.
     */
    private final java.util.concurrent.ExecutorService subscriber =
            java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mqtt-subscribe");
                thread.setDaemon(true);
                return thread;
            });

    Mqtt(MqttBroker broker, Environment environment) {
        this.broker = broker;
        this.environment = environment;
    }

    /** Subscribes (now if connected, and again at every reconnect). */
    public void subscribe(String filter, Handler handler) {
        subscriptions.put(filter, handler);
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            subscribeOn(current, filter, handler);
        }
    }

    /** Publishes with QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, String payload) throws NotPublished {
        MqttClient current = client;
        if (current == null || !current.isConnected()) {
            throw new NotPublished("not connected to " + broker.url(), null);
        }
        try {
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            current.publish(topic, message);
        } catch (MqttException e) {
            throw new NotPublished(e.getMessage(), e);
        }
    }

    public boolean connected() {
        MqttClient current = client;
        return current != null && current.isConnected();
    }

    /** Options for a client of this broker, for Samla's own and for the demo devices that connect like real ones. */
    public MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(10_000);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        String user = environment.getProperty("samla.mqtt.username", "");
        if (!user.isBlank()) {
            options.setUserName(user);
            options.setPassword(
                    environment.getProperty("samla.mqtt.password", "").toCharArray());
        }
        return options;
    }

    public String url() {
        return broker.url();
    }

    @Override
    public void start() {
        String configured = environment.getProperty("samla.mqtt.client-id", "");
        // each instance its own persistent session: two under one id would keep throwing each other off the broker
        String clientId = configured.isBlank() ? "samla-" + hostName() : configured;
        try {
            MqttClient created = new MqttClient(broker.url(), clientId, new MemoryPersistence());
            created.setTimeToWait(10_000);
            created.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    log.info("Connected to the MQTT broker at {}{}", serverUri, reconnect ? " again" : "");
                    subscriber.execute(
                            () -> subscriptions.forEach((filter, handler) -> subscribeOn(created, filter, handler)));
                }

                @Override
                public void connectionLost(Throwable cause) {
                    log.warn("Lost the MQTT broker: {}", cause == null ? "?" : cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    // the session's queued messages may arrive before the subscriptions are made again: every message
                    // goes to the handler whose filter matches, whenever it comes
                    for (var entry : subscriptions.entrySet()) {
                        if (MqttTopic.isMatched(entry.getKey(), topic)) {
                            entry.getValue().handle(topic, message.getPayload());
                            return;
                        }
                    }
                    log.warn("MQTT message on {} matches no subscription", topic);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            client = created;
            running = true;
            connect(created);
        } catch (MqttException e) {
            throw new IllegalStateException(
                    "Cannot make an MQTT client for " + broker.url() + ": " + e.getMessage(), e);
        }
    }

    private void connect(MqttClient created) {
        try {
            created.connect(options(environment.getProperty("samla.mqtt.clean-session", Boolean.class, false)));
        } catch (MqttException e) {
            // the broker being down must not keep Samla from starting: grants wait in their outbox, and the client
            // keeps trying in the background
            log.warn(
                    "MQTT broker at {} not reachable yet ({}); trying again in the background",
                    broker.url(),
                    e.getMessage());
            Thread retry = new Thread(
                    () -> {
                        while (running && !created.isConnected()) {
                            try {
                                Thread.sleep(5_000);
                                created.connect(options(
                                        environment.getProperty("samla.mqtt.clean-session", Boolean.class, false)));
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                                return;
                            } catch (MqttException again) {
                                log.debug("MQTT broker still not reachable: {}", again.getMessage());
                            }
                        }
                    },
                    "mqtt-connect");
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void subscribeOn(MqttClient on, String filter, Handler handler) {
        try {
            on.subscribe(filter, 1);
        } catch (MqttException e) {
            log.warn("Cannot subscribe to {}: {}", filter, e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        MqttClient current = client;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnect(2_000);
                }
                current.close(true);
            } catch (MqttException e) {
                log.debug("MQTT client closed with {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after the database and before the web server takes requests, stopped before the broker. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void destroy() {
        stop();
        subscriber.shutdownNow();
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "local";
        }
    }

    /** For health: the subscriptions held. */
    public List<String> subscriptions() {
        return List.copyOf(subscriptions.keySet());
    }
}
