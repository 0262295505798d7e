package se.samla.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samla.shared.SwedishTime;

/** The one clock: services take it, so tests can say what time it is. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.system(SwedishTime.ZONE);
    }
}
