package se.samla.platform;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.support.TaskUtils;

/** What Samla does while its database cannot be reached: answer 503 quickly, say so once, recover by itself. */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageConfiguration {

    @Bean
    DatabaseAvailability databaseAvailability(HikariDataSource dataSource, Clock clock) {
        return new DatabaseAvailability(dataSource, clock);
    }

    /** Also a HandlerExceptionResolver: Spring MVC finds it as a bean and asks it before its own. */
    @Bean
    DatabaseOutageResponder databaseOutageResponder(
            DatabaseAvailability availability, ChannelErrors errors, Clock clock) {
        return new DatabaseOutageResponder(availability, errors, clock);
    }

    /** Just inside the request id filter, so the 503 carries the id, and outside everything that queries. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(DatabaseOutageResponder responder, Clock clock) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(responder, clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /**
     * The "db" contributor of the health endpoint and the readiness group, in place of Boot's, which logs a
     * stack trace at every probe while the database is away. During an outage it answers from the state the
     * background probe keeps current, so a readiness probe never waits for the pool's connection timeout.
     */
    @Bean
    HealthIndicator dbHealthIndicator(DatabaseAvailability availability) {
        return () -> availability.available() && availability.check()
                ? Health.up().build()
                : Health.down().build();
    }

    /** Scheduled jobs (ours, Spring Session's clean-up) that fail for want of a database add to the outage quietly. */
    @Bean
    ThreadPoolTaskSchedulerCustomizer quietDatabaseOutagesInScheduledJobs(DatabaseAvailability availability) {
        return scheduler -> scheduler.setErrorHandler(failure -> {
            if (!availability.failed(failure)) {
                TaskUtils.LOG_AND_SUPPRESS_ERROR_HANDLER.handleError(failure);
            }
        });
    }
}
