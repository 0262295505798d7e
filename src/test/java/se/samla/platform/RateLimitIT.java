package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.RequestDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.tenancy.Tenant;

/**
 * Anonymous writes are limited per client address (and Open311 per api key as well), per tenant, with the
 * state in PostgreSQL. The test profile exempts the loopback address the other tests post from, so every
 * test here posts from an address of its own (from the documentation ranges, RFC 5737). Vänersborg has the
 * default limits (a burst of 10, and 30 for Open311); Trollhättan sets its own in its tenant.yml (15 and 20).
 */
class RateLimitIT extends SamlaIntegrationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final String VANERSBORG = "vanersborg.localhost";
    private static final String TROLLHATTAN = "trollhattan.localhost";

    @Autowired
    DataSource dataSource;

    Tenant trollhattan;

    @BeforeEach
    void setUp() {
        trollhattan = tenants.bySlug("trollhattan").orElseThrow();
    }

    /** An address no other test (or earlier run in this database) has used. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }

    private static <B extends AbstractMockHttpServletRequestBuilder<B>> B from(B request, String host, String address) {
        return request.with(r -> {
            r.setServerName(host);
            r.setRemoteAddr(address);
            return r;
        });
    }

    private MockHttpServletResponse send(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    /** "I see it too" on a report that does not exist: counted, answered 404, nothing stored. */
    private MockHttpServletResponse support(String host, String address) throws Exception {
        return send(from(post("/felanmalan/FINNS-INTE/samma-problem"), host, address)
                .with(csrf()));
    }

    /** Something that sends one request. */
    private interface Attempt {
        MockHttpServletResponse send() throws Exception;
    }

    /**
     * Sends until refused and returns how many got through first. Tokens come back while the test runs (one
     * every 60/perMinute seconds), so a few more than the burst may get through, never fewer.
     */
    private static int throughBeforeRefused(Attempt attempt, int burst, int allowedStatus) throws Exception {
        for (int through = 0; through < burst + 5; through++) {
            var response = attempt.send();
            if (response.getStatus() == 429) {
                assertThat(through).as("refused only after the burst").isGreaterThanOrEqualTo(burst);
                return through;
            }
            assertThat(response.getStatus()).isEqualTo(allowedStatus);
        }
        throw new AssertionError("not refused after " + (burst + 5) + " attempts");
    }

    /** The next attempt once the bucket is empty: refused (after one more, should a token have come back). */
    private static MockHttpServletResponse refused(Attempt attempt) throws Exception {
        var response = attempt.send();
        if (response.getStatus() != 429) {
            response = attempt.send();
        }
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).matches("[1-9]\\d*");
        // one token comes back every 60/perMinute seconds
        assertThat(Long.parseLong(response.getHeader("Retry-After"))).isLessThanOrEqualTo(60);
        return response;
    }

    @Test
    void overTheLimitEveryAnonymousFormIsRefusedWithRetryAfterAndAnotherAddressIsNot() throws Exception {
        String address = newAddress();
        throughBeforeRefused(() -> support(VANERSBORG, address), 10, 404);

        refused(() -> support(VANERSBORG, address));
        refused(() -> send(from(post("/felanmalan/FINNS-INTE/avsluta-bevakning"), VANERSBORG, address)
                .with(csrf())
                .param("email", "a@example.org")));
        refused(() -> send(from(multipart("/felanmalan/ny/gatubelysning"), VANERSBORG, address)
                .with(csrf())
                .param("submissionId", UUID.randomUUID().toString())
                .param("description", "Lampan är trasig")));
        refused(() -> send(from(post("/diarium/begar/" + UUID.randomUUID()), VANERSBORG, address)
                .with(csrf())
                .param("message", "Till min forskning")));
        refused(() -> send(from(multipart("/e-tjanster/synpunkt-klagomal/formular"), VANERSBORG, address)
                .with(csrf())
                .param("submissionId", UUID.randomUUID().toString())));
        // under a platform host's path prefix the path within the tenant is what counts
        refused(() -> send(from(post("/t/vanersborg/felanmalan/FINNS-INTE/samma-problem"), "localhost", address)
                .with(csrf())));
        Integer buckets = jdbc.sql("SELECT count(*) FROM rate_limit_bucket WHERE id = :id")
                .param("id", vanersborg.id() + ":write:ip:" + address)
                .query(Integer.class)
                .single();
        assertThat(buckets)
                .as("one bucket for all the forms, keyed by tenant and address")
                .isEqualTo(1);

        assertThat(support(VANERSBORG, newAddress()).getStatus())
                .as("another address")
                .isEqualTo(404);
        // reading is never limited
        assertThat(send(from(get("/felanmalan"), VANERSBORG, address)).getStatus())
                .isEqualTo(200);
    }

    @Test
    void aLoggedInResidentsEServiceFormIsNotLimited() throws Exception {
        String address = newAddress();
        throughBeforeRefused(() -> support(VANERSBORG, address), 10, 404);
        var anna = logins().resident(vanersborg, "Anna Testsson", "198705212382");

        for (int i = 0; i < 3; i++) {
            var asResident = send(from(multipart("/e-tjanster/finns-inte/formular"), VANERSBORG, address)
                    .with(anna.processor())
                    .with(csrf())
                    .param("submissionId", UUID.randomUUID().toString()));
            assertThat(asResident.getStatus())
                    .as("reached the controller, which knows no such e-service")
                    .isEqualTo(404);
        }
        refused(() -> send(from(multipart("/e-tjanster/finns-inte/formular"), VANERSBORG, address)
                .with(csrf())
                .param("submissionId", UUID.randomUUID().toString())));
    }

    @Test
    void eachTenantHasItsOwnBucketsAndItsOwnLimits() throws Exception {
        String address = newAddress();
        int inVanersborg = throughBeforeRefused(() -> support(VANERSBORG, address), 10, 404);
        // the same address, just refused in Vänersborg, has its whole burst of 15 in Trollhättan
        int inTrollhattan = throughBeforeRefused(() -> support(TROLLHATTAN, address), 15, 404);
        assertThat(inVanersborg).isLessThan(15);
        assertThat(inTrollhattan).isGreaterThanOrEqualTo(15);
    }

    // ---- Open311

    private MockHttpServletResponse open311(String format, String address, String apiKey) throws Exception {
        var request = from(post("/open311/v2/requests" + format), TROLLHATTAN, address);
        if (apiKey != null) {
            request.param("api_key", apiKey);
        }
        // no service_code: answered 400 (or 403 for the key) once past the limit, and nothing is stored
        return send(request);
    }

    private static void assertOpen311Format(MockHttpServletResponse response, boolean json) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        if (json) {
            assertThat(response.getContentType()).startsWith("application/json");
            assertThat(body).startsWith("[").contains("\"code\":429").contains("\"description\":\"rate limit");
        } else {
            assertThat(response.getContentType()).startsWith("text/xml");
            assertThat(body).contains("<errors>").contains("<code>429</code>").contains("<description>rate limit");
        }
    }

    @Test
    void open311IsLimitedPerAddressInItsOwnFormat() throws Exception {
        String address = newAddress();
        throughBeforeRefused(() -> open311(".json", address, null), 20, 403);
        assertOpen311Format(refused(() -> open311(".json", address, null)), true);
        assertOpen311Format(refused(() -> open311(".xml", address, null)), false);
        assertOpen311Format(refused(() -> open311("", address, null)), false);
        assertThat(open311(".json", newAddress(), null).getStatus())
                .as("another address")
                .isEqualTo(403);
    }

    @Test
    void open311IsLimitedPerApiKeyFromAnyAddress() throws Exception {
        String apiKey = "test-key-" + UUID.randomUUID();
        throughBeforeRefused(() -> open311(".json", newAddress(), apiKey), 20, 403);
        assertOpen311Format(refused(() -> open311(".json", newAddress(), apiKey)), true);
        assertThat(open311(".json", newAddress(), "another-key-" + UUID.randomUUID())
                        .getStatus())
                .isEqualTo(403);
        List<String> keys = jdbc.sql("SELECT id FROM rate_limit_bucket WHERE id LIKE :prefix")
                .param("prefix", trollhattan.id() + ":open311:key:%")
                .query(String.class)
                .list();
        assertThat(keys).isNotEmpty().noneMatch(k -> k.contains(apiKey));
    }

    // ---- the page

    @Test
    void theErrorPageSaysSoInSwedishOrEnglish() throws Exception {
        var swedish = send(
                from(get("/error"), VANERSBORG, newAddress()).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 429));
        assertThat(swedish.getStatus()).isEqualTo(429);
        assertThat(swedish.getContentAsString(StandardCharsets.UTF_8)).contains("För många försök");
        var english = send(from(get("/error").param("lang", "en"), VANERSBORG, newAddress())
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 429));
        assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("Too many attempts");
    }

    // ---- across instances

    @Test
    void twoInstancesShareOneBucket() {
        var settings = new RateLimitSettings(List.of());
        var one = new RateLimiter(dataSource, settings);
        var other = new RateLimiter(dataSource, settings);
        var limit = new RateLimit(1, 3);
        String bucket = "test:ip:" + newAddress();

        assertThat(one.consume(vanersborg.id(), bucket, limit).allowed()).isTrue();
        assertThat(other.consume(vanersborg.id(), bucket, limit).allowed()).isTrue();
        assertThat(one.consume(vanersborg.id(), bucket, limit).allowed()).isTrue();
        var refused = other.consume(vanersborg.id(), bucket, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(one.consume(vanersborg.id(), bucket, limit).allowed()).isFalse();
        assertThat(one.consume(trollhattan.id(), bucket, limit).allowed())
                .as("another tenant's bucket")
                .isTrue();
    }

    @Test
    void theLimitsOfTheInstanceStartedLastApplyToBucketsMadeBefore() throws Exception {
        var settings = new RateLimitSettings(List.of());
        var before = new RateLimiter(dataSource, settings);
        String bucket = "test:ip:" + newAddress();
        assertThat(before.consume(vanersborg.id(), bucket, new RateLimit(1, 10)).allowed())
                .isTrue();

        Thread.sleep(5);
        var restarted = new RateLimiter(dataSource, settings);
        var lower = new RateLimit(1, 2);
        assertThat(restarted.consume(vanersborg.id(), bucket, lower).allowed()).isTrue();
        assertThat(restarted.consume(vanersborg.id(), bucket, lower).allowed()).isTrue();
        assertThat(restarted.consume(vanersborg.id(), bucket, lower).allowed())
                .as("9 tokens left, cut to the new burst of 2")
                .isFalse();
        assertThat(before.consume(vanersborg.id(), bucket, new RateLimit(1, 10)).allowed())
                .as("the older instance does not put its limits back")
                .isFalse();
    }

    @Test
    void expiredBucketsAreRemoved() {
        var limiter = new RateLimiter(dataSource, new RateLimitSettings(List.of()));
        String bucket = "test:ip:" + newAddress();
        limiter.consume(vanersborg.id(), bucket, new RateLimit(60, 5));
        String id = vanersborg.id() + ":" + bucket;
        assertThat(jdbc.sql("SELECT expires_at FROM rate_limit_bucket WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("expires once full again")
                .isGreaterThan(System.currentTimeMillis());

        jdbc.sql("UPDATE rate_limit_bucket SET expires_at = 0 WHERE id = :id")
                .param("id", id)
                .update();
        limiter.removeExpired();
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_bucket WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
