package se.samla.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.DatabaseProduct;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled jobs run once across instances: each {@code @SchedulerLock} job first takes its row in the
 * {@code shedlock} table, and an instance that finds it taken skips that run. The database's clock decides
 * when a lock ends, so instances whose clocks drift apart still agree.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SchedulerLockConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                // said, not detected: ShedLock detects on first use, and a first use during a database outage would
                // find no product and leave the database's clock unusable for every later lock
                .withDatabaseProduct(DatabaseProduct.POSTGRES_SQL)
                .withLockedByValue(instanceName())
                .usingDbTime()
                .build());
    }

    /** The host alone would not tell apart two instances on one machine when an operator reads the table. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
