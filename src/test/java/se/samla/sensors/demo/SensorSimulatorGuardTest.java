package se.samla.sensors.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The simulator publishes made-up readings: it must never run in production. */
class SensorSimulatorGuardTest {

    @Test
    void theSimulatorRefusesTheProdProfile() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> new SensorSimulator(null, null, null, null, null, environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prod");
    }
}
