package se.samla.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Two connections to one database: migrations run as the owner of the tables; the application runs as
 * a role that owns nothing, so PostgreSQL's row-level security applies to every query it makes.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseSettings settings) {
        return DatabaseServer.open(settings);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseServer server, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("samla");
        config.setJdbcUrl(server.url());
        config.setDataSourceProperties(DatabaseServer.connectionProperties(server.appUser(), server.appPassword()));
        config.setMaximumPoolSize(settings.poolSize());
        // while the database is away a request should fail within seconds, not hang for tens of them
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setExceptionOverride(new ServerRefusalKeepsConnection());
        if (server.isCitus()) {
            // the tenant of each transaction reaches the workers with its SET LOCAL (see
            // TenantScopedTransactionManager)
            config.setConnectionInitSql("SET citus.propagate_set_commands TO 'local'"
                    + (settings.refuseFanOut() ? "; SET citus.multi_task_query_log_level TO 'warning'" : ""));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        ApplicationRoleCheck.requireRowLevelSecurityApplies(dataSource);
        return dataSource;
    }

    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(DatabaseServer server) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), server.url());
        dataSource.setConnectionProperties(
                DatabaseServer.connectionProperties(server.ownerUser(), server.ownerPassword()));
        return dataSource;
    }

    @Bean
    FlywayConfigurationCustomizer applicationRolePlaceholder(DatabaseServer server) {
        return flyway -> flyway.placeholders(java.util.Map.of("appRole", server.appUser()))
                .callbacks(new CitusDistribution(server.appUser()));
    }

    @Bean
    TenantScopedTransactionManager transactionManager(DataSource dataSource) {
        return new TenantScopedTransactionManager(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource, DatabaseSettings settings) {
        return JdbcClient.create(
                settings.refuseFanOut() ? new FanOutRefusingJdbcTemplate(dataSource) : new JdbcTemplate(dataSource));
    }
}
