package se.samla.reports;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import se.samla.reports.Open311Arguments.Jurisdiction;
import se.samla.shared.TenantId;

/**
 * Open311 request lists as clients receive them, written once for every client that asks the same while the
 * municipality's reports stay as they were. Clients poll the same list (the defaults: the last 90 days) over and
 * over; a 1,000-row list costs tens of milliseconds of CPU to read, map and write, and 32 clients at once on two
 * cores queue behind each other. A list is kept for at most a few seconds (5 by default), and only while the
 * municipality's newest updated_at (read by its index on every request) is unchanged: a report made or changed
 * through Samla shows at once, on this instance and on every other. What does not move it shows within those
 * seconds: a category, unit or area renamed, published photos disposed of, or a change whose transaction began
 * before, and committed after, a newer one.
 */
@Component
class Open311Lists {

    /** A municipality's reports as of their last change. */
    record Version(TenantId tenant, Instant lastChange) {}

    private record Key(Version version, Open311Arguments.RequestSearch search, String base, Open311Format format) {}

    /** What the kept lists may take of the heap together. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final Open311Service open311;
    private final Open311MessageConverter converter;
    /** Null when lists are not kept (list-cache-seconds 0). */
    private final Cache<Key, byte[]> written;

    Open311Lists(
            Open311Service open311,
            Open311MessageConverter converter,
            @Value("${samla.open311.list-cache-seconds}") int seconds) {
        this.open311 = open311;
        this.converter = converter;
        // bounded by bytes, not by lists: anyone may ask for any list, and a list is up to a few megabytes
        this.written = seconds <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(MAX_BYTES)
                        .<Key, byte[]>weigher((key, bytes) -> bytes.length)
                        .expireAfterWrite(Duration.ofSeconds(seconds))
                        .build();
    }

    /** The list the search asks for, in the format asked for; refusals as {@link Open311Service#requests}. */
    byte[] requests(
            Jurisdiction jurisdiction,
            Open311Arguments.RequestSearch search,
            Open311Links links,
            Open311Format format) {
        if (written == null) {
            return write(jurisdiction, search, links, format);
        }
        var key = new Key(open311.version(jurisdiction), search, links.here().toUriString(), format);
        // one client writes a list while the others asking the same wait for it, rather than each writing it
        return written.get(key, k -> write(jurisdiction, search, links, format));
    }

    private byte[] write(
            Jurisdiction jurisdiction,
            Open311Arguments.RequestSearch search,
            Open311Links links,
            Open311Format format) {
        var out = new ByteArrayOutputStream(64 * 1024);
        converter.write(open311.requests(jurisdiction, search, links), format, out);
        return out.toByteArray();
    }
}
