package se.samla.platform;

import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;

/**
 * Token buckets kept in PostgreSQL (Bucket4j), so a limit holds across every instance of the application.
 * Bucket4j takes its own connections from the pool and commits them itself, outside the tenant-scoped
 * transactions: a check never joins, and never waits for, the work it guards. Rows are locked with
 * SELECT ... FOR UPDATE rather than advisory locks, whose single number space other cluster-wide locks
 * (the catalog's start-up sync) also use.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int CLEAN_UP_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final RateLimitSettings settings;
    /**
     * Limits are read at start, so a bucket made by an instance started earlier may carry old ones: the
     * start time as configuration version lets the most recently started instance's limits replace them
     * (Bucket4j replaces a stored configuration only by a higher version), keeping the tokens left.
     */
    private final long configurationVersion = System.currentTimeMillis();

    RateLimiter(DataSource dataSource, RateLimitSettings settings) {
        this.settings = settings;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // a full bucket is the same as none, so the row (which names a client address) can go
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** The answer to one attempt: let it through, or refuse it and say when to try again. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {

        static final Verdict ALLOWED = new Verdict(true, 0);
    }

    /** Whether no limit applies to this client address (a setting of the installation). */
    public boolean exempt(String clientAddress) {
        return clientAddress != null && settings.exemptAddresses().contains(clientAddress);
    }

    /**
     * Takes one token from the tenant's bucket named {@code bucket} (e.g. {@code write:ip:192.0.2.1}). The
     * key starts with the tenant, so tenants never share a bucket even when their clients do.
     */
    public Verdict consume(TenantId tenant, String bucket, RateLimit limit) {
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                .build(tenant + ":" + bucket, () -> configuration(limit))
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Verdict.ALLOWED;
        }
        // whole seconds, rounded up: a client that waits as told is let through
        long seconds = Math.max(
                1, (probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return new Verdict(false, seconds);
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /**
     * Deletes the buckets that have filled up again. Any instance may do it at any time: a bucket being used
     * is locked and skipped, and one deleted is the same as a full one.
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "platform.rate-limits.remove-expired", lockAtMostFor = "PT5M", lockAtLeastFor = "PT30S")
    void removeExpired() {
        int removed;
        int total = 0;
        do {
            removed = buckets.removeExpired(CLEAN_UP_BATCH);
            total += removed;
        } while (removed == CLEAN_UP_BATCH);
        if (total > 0) {
            log.debug("Removed {} expired rate limit buckets", total);
        }
    }
}
