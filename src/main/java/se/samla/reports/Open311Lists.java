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
 * cores queue behind each other. A list is kept for at most a few seconds, and only while no report of the
 * municipality has changed since (the newest updated_at, by its index): a new or changed report shows at once on
 * this instance and on every other.
 */
@Component
class Open311Lists {

    /** A municipality's reports as of their last change. */
    record Version(TenantId tenant, Instant lastChange) {}

    private record Key(Version version, Open311Arguments.RequestSearch search, String base, Open311Format format) {}

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
        // at most a few hundred distinct lists: most clients ask for the defaults
        this.written = seconds <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(256)
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
        byte[] kept = written.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        byte[] bytes = write(jurisdiction, search, links, format);
        written.put(key, bytes);
        return bytes;
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
