package se.samla.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param exemptAddresses client addresses that no rate limit applies to (SAMLA_RATE_LIMITS_EXEMPT_ADDRESSES,
 *                        comma-separated), e.g. a contact centre that reports on behalf of callers from one
 *                        address; none by default
 */
@ConfigurationProperties("samla.rate-limits")
record RateLimitSettings(@DefaultValue List<String> exemptAddresses) {

    RateLimitSettings {
        exemptAddresses = exemptAddresses.stream()
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
    }
}
