package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.platform.Mqtt;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Readings taken over HTTP with the device's token and over MQTT through the machine's Mosquitto: stored once however
 * often they come, and what is refused counted per device and reason, never stopping the next message.
 */
class SensorIngestionIT extends SamlaIntegrationTest {

    static final String DEVICE = "dagvatten-edsgatan";
    static final String TOKEN = "demo-sensor-dagvatten-edsgatan";

    long readings(String device, Instant from, Instant to) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM sensors.reading WHERE device = :d AND measured_at >= :f AND measured_at < :t")
                        .param("d", device)
                        .param("f", java.sql.Timestamp.from(from))
                        .param("t", java.sql.Timestamp.from(to))
                        .query(Long.class)
                        .single());
    }

    long refusals(String device, String reason) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT coalesce(sum(count), 0) FROM sensors.refusal WHERE device = :d AND reason = :r")
                        .param("d", device)
                        .param("r", reason)
                        .query(Long.class)
                        .single());
    }

    static String pack(Instant base, double... levels) {
        StringBuilder json =
                new StringBuilder("[{\"bn\":\"" + DEVICE + ":\",\"bt\":" + base.getEpochSecond() + ",\"bu\":\"m\"");
        for (int i = 0; i < levels.length; i++) {
            json.append(i == 0 ? "," : ",{")
                    .append("\"n\":\"level\",\"t\":")
                    .append(i * 60)
                    .append(",\"v\":")
                    .append(levels[i])
                    .append('}');
        }
        return json.append(']').toString();
    }

    @Test
    void aDevicePostsWithItsTokenAndARepeatedPostStoresNothingTwice() throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String body = pack(base, 0.4, 0.5, 0.6);
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+json")
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(3))
                .andExpect(jsonPath("$.duplicates").value(0));
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+json")
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(0))
                .andExpect(jsonPath("$.duplicates").value(3));
        assertThat(readings(DEVICE, base, base.plusSeconds(600))).isEqualTo(3);

        // CBOR, the same way
        byte[] cbor = CBORMapper.builder()
                .build()
                .writeValueAsBytes(List.of(Map.of(
                        -2, DEVICE + ":", -3, base.plusSeconds(1800).getEpochSecond(), 0, "level", 1, "m", 2, 0.9)));
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+cbor")
                        .content(cbor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(1));
    }

    @Test
    void whatADeviceMayNotSayIsRefusedAndCounted() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // no token, another device's token, and a device this municipality does not have
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .contentType("application/senml+json")
                        .content(pack(now, 0.5)))
                .andExpect(status().isUnauthorized());
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer demo-sensor-vanern-hamnen")
                        .contentType("application/senml+json")
                        .content(pack(now, 0.5)))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/t/trollhattan/sensors/v1/devices/" + DEVICE + "/senml")
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+json")
                        .content(pack(now, 0.5)))
                .andExpect(status().isUnauthorized());
        assertThat(refusals(DEVICE, "UNAUTHORISED")).isGreaterThanOrEqualTo(2);
        // not SenML, and not a SenML media type
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+json")
                        .content("{\"level\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("malformed"));
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("text/plain")
                        .content("level=1"))
                .andExpect(status().isUnsupportedMediaType());
        // a wrong unit, out of the physical range, from the future, an unknown measurement: each refused, the good
        // one stored
        String mixed = "[{\"bn\":\"" + DEVICE + ":\",\"bt\":" + now.getEpochSecond()
                + ",\"n\":\"level\",\"u\":\"cm\",\"v\":40},"
                + "{\"n\":\"level\",\"u\":\"m\",\"v\":9.5,\"t\":1},"
                + "{\"n\":\"level\",\"u\":\"m\",\"v\":0.4,\"t\":3600},"
                + "{\"n\":\"flow\",\"v\":2,\"t\":2},"
                + "{\"n\":\"level\",\"u\":\"m\",\"v\":0.45,\"t\":-2}]";
        mvc.perform(atVanersborg(post("/sensors/v1/devices/" + DEVICE + "/senml"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/senml+json")
                        .content(mixed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.refused.unknown_unit").value(1))
                .andExpect(jsonPath("$.refused.out_of_range").value(1))
                .andExpect(jsonPath("$.refused.future").value(1))
                .andExpect(jsonPath("$.refused.unknown_measurement").value(1));
        assertThat(refusals(DEVICE, "OUT_OF_RANGE")).isPositive();
        assertThat(refusals(DEVICE, "MALFORMED")).isPositive();
    }

    @Test
    void overMqttEachReadingIsStoredOnceAndABadMessageStopsNothing() throws Exception {
        Mqtt mqtt = context.getBean(Mqtt.class);
        await(mqtt::connected, "Samla connected to the broker");
        Instant base = Instant.now().minus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String device = "vanern-hamnen";
        String json = "[{\"bn\":\"" + device + ":\",\"bt\":" + base.getEpochSecond()
                + ",\"bu\":\"m\",\"n\":\"level\",\"v\":1.9},{\"n\":\"level\",\"t\":60,\"v\":1.95}]";
        byte[] cbor = CBORMapper.builder()
                .build()
                .writeValueAsBytes(List.of(
                        Map.of(-2, device + ":", -3, base.plusSeconds(120).getEpochSecond(), 0, "level", 2, 2.0)));
        var client = new MqttClient(mqtt.url(), "sensor-" + UUID.randomUUID(), new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        try {
            publish(
                    client,
                    SensorIngestion.topic("vanersborg", device, Readings.Format.JSON),
                    json.getBytes(StandardCharsets.UTF_8));
            // the same message again, as a QoS 1 redelivery would bring it
            publish(
                    client,
                    SensorIngestion.topic("vanersborg", device, Readings.Format.JSON),
                    json.getBytes(StandardCharsets.UTF_8));
            publish(
                    client,
                    SensorIngestion.topic("vanersborg", device, Readings.Format.JSON),
                    "}{".getBytes(StandardCharsets.UTF_8));
            publish(
                    client,
                    SensorIngestion.topic("vanersborg", "okand-givare", Readings.Format.JSON),
                    json.getBytes(StandardCharsets.UTF_8));
            publish(client, "samla/vanersborg/sensors/" + device + "/senml-xml", json.getBytes(StandardCharsets.UTF_8));
            publish(client, SensorIngestion.topic("vanersborg", device, Readings.Format.CBOR), cbor);
        } finally {
            client.disconnect();
            client.close();
        }
        await(() -> readings(device, base, base.plusSeconds(600)) == 3, "the three readings were stored");
        await(() -> refusals(device, "MALFORMED") > 0, "the bad message was counted");
        await(() -> refusals(Readings.UNKNOWN, "UNKNOWN_DEVICE") > 0, "the unknown device was counted");
        Thread.sleep(500);
        assertThat(readings(device, base, base.plusSeconds(600))).isEqualTo(3);
    }

    static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("waited in vain: " + what);
            }
            Thread.sleep(100);
        }
    }
}
