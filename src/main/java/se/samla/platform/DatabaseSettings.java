package se.samla.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url}, Samla runs its own embedded PostgreSQL with its files under
 * {@code dataDirectory}. With a {@code url}, it uses that server and never starts the embedded one.
 *
 * @param url            JDBC URL of a PostgreSQL server (SAMLA_DB_URL)
 * @param user           the role the application runs as (SAMLA_DB_USER); must not own the tables
 * @param password       its password (SAMLA_DB_PASSWORD)
 * @param ownerUser      the role that owns the schema and runs migrations (SAMLA_DB_OWNER_USER); defaults to user
 * @param ownerPassword  its password (SAMLA_DB_OWNER_PASSWORD)
 * @param dataDirectory  where the embedded PostgreSQL keeps its files
 * @param poolSize       connections in the application's pool
 * @param ephemeral      embedded only: use a fresh temporary data directory and delete it on shutdown (tests)
 * @param refuseFanOut   Citus only: a query that would run on every shard instead of its municipality's one fails
 *                       (the tests of the main flows on a cluster; off in production, where a federation's or an
 *                       operator's query may span municipalities)
 */
@ConfigurationProperties("samla.db")
record DatabaseSettings(
        String url,
        String user,
        String password,
        String ownerUser,
        String ownerPassword,
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("10") int poolSize,
        boolean ephemeral,
        boolean refuseFanOut) {

    boolean embedded() {
        return url == null || url.isBlank();
    }

    String effectiveOwnerUser() {
        return ownerUser == null || ownerUser.isBlank() ? user : ownerUser;
    }

    String effectiveOwnerPassword() {
        return ownerUser == null || ownerUser.isBlank() ? password : ownerPassword;
    }

    @Override
    public String toString() {
        // never print passwords
        return "DatabaseSettings[url=" + url + ", user=" + user + ", ownerUser=" + ownerUser + ", dataDirectory="
                + dataDirectory + "]";
    }
}
