package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * With no broker named, Samla starts its own (Moquette) on the loopback address, so the one-command run has one; a
 * named broker is used as it is.
 */
class MqttBrokerTest {

    @Test
    void withNoBrokerNamedAnEmbeddedOneCarriesMessages() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var environment = new MockEnvironment()
                .withProperty("samla.mqtt.url", "")
                .withProperty("samla.mqtt.embedded-port", String.valueOf(port));
        MqttBroker broker = new MqttBroker(environment);
        try {
            assertThat(broker.embedded()).isTrue();
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + port);
            var received = new ArrayBlockingQueue<String>(1);
            var subscriber = new MqttClient(broker.url(), "sub", new MemoryPersistence());
            subscriber.connect(new MqttConnectOptions());
            subscriber.subscribe(
                    "samla/test/#",
                    1,
                    (topic, message) ->
                            received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));
            var publisher = new MqttClient(broker.url(), "pub", new MemoryPersistence());
            publisher.connect(new MqttConnectOptions());
            publisher.publish("samla/test/door", new MqttMessage("hej".getBytes(StandardCharsets.UTF_8)));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("samla/test/door hej");
            publisher.disconnect();
            subscriber.disconnect();
        } finally {
            broker.destroy();
        }
    }

    @Test
    void aNamedBrokerIsUsedAndNoneIsStarted() throws Exception {
        var environment = new MockEnvironment().withProperty("samla.mqtt.url", "tcp://mqtt.example:1883");
        MqttBroker broker = new MqttBroker(environment);
        assertThat(broker.embedded()).isFalse();
        assertThat(broker.url()).isEqualTo("tcp://mqtt.example:1883");
    }
}
