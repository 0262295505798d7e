package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;

/**
 * Bad input through the real server, on every channel: broken multipart bodies, text that cannot be stored,
 * the wrong encoding, unknown Open311 attributes and the wrong content type. Each gets a 4xx in its channel's
 * own format (a Swedish page, problem details, GeoReport v2's error list) and nothing is stored.
 */
class BadInputIT extends SamlaIntegrationTest {

    static final String BASE = "/t/vanersborg";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Open311Keys keys;

    @Autowired
    se.samla.catalog.Catalog catalog;

    final HttpClient http = HttpClient.newHttpClient();
    String apiKey;

    @BeforeEach
    void setUp() {
        apiKey = transactions
                .call(vanersborg.id(), () -> keys.issue("Felsökning", "staff:test"))
                .secret();
    }

    record Browser(String cookie, String csrf) {}

    /** Opens the feedback form as a browser would: a session and its CSRF token. */
    Browser openFeedbackForm() throws Exception {
        var page = http.send(
                HttpRequest.newBuilder(uri(BASE + "/e-tjanster/synpunkt-klagomal/formular"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SAMLA_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        return new Browser(cookie, token.group(1));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder postForm(Browser browser, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri(BASE + "/e-tjanster/synpunkt-klagomal/formular"))
                .header("Cookie", browser.cookie())
                .header("X-CSRF-TOKEN", browser.csrf())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    int version() {
        return catalog.current(vanersborg.id(), "synpunkt-klagomal")
                .orElseThrow()
                .version();
    }

    String token() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/demo-idp/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString("vanersborg-bygg-integration:demo-api-secret"
                                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=cases:read%20cases:write")));
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    int casesWith(String text) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM cases.\"case\" WHERE answers::text LIKE :t")
                        .param("t", "%" + text + "%")
                        .query(Integer.class)
                        .single());
    }

    /** A multipart body of text fields, as bytes, so that a test can break it. */
    byte[] multipart(String boundary, Map<String, byte[]> fields, boolean close) {
        var out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(value);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        if (close) {
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    Map<String, byte[]> feedback(String message, Browser browser) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("_csrf", browser.csrf().getBytes(StandardCharsets.UTF_8));
        fields.put("submissionId", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        fields.put("version", Integer.toString(version()).getBytes(StandardCharsets.UTF_8));
        fields.put("f.kind", "synpunkt".getBytes(StandardCharsets.UTF_8));
        fields.put("f.area", "annat".getBytes(StandardCharsets.UTF_8));
        fields.put("f.message", message.getBytes(StandardCharsets.UTF_8));
        fields.put("f.wantsAnswer", "nej".getBytes(StandardCharsets.UTF_8));
        return fields;
    }

    @Test
    void brokenMultipartBodiesAreBadRequestsWithASwedishPage() throws Exception {
        Browser browser = openFeedbackForm();
        String marker = "trasig-" + UUID.randomUUID();
        byte[] unclosed = multipart("gräns", feedback(marker, browser), false);
        var noClosingBoundary = send(postForm(browser, "multipart/form-data; boundary=gräns", unclosed));
        var noBoundary =
                send(postForm(browser, "multipart/form-data", multipart("x", feedback(marker, browser), true)));
        byte[] headless = ("--b\r\n\r\nbara text utan rubriker\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
        var partWithoutHeaders = send(postForm(browser, "multipart/form-data; boundary=b", headless));

        for (var response : java.util.List.of(noClosingBoundary, noBoundary, partWithoutHeaders)) {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(response.body()).contains("lang=\"sv\"");
        }
        assertThat(casesWith(marker)).isZero();
    }

    @Test
    void aFormPostedUrlencodedInsteadOfMultipartStillWorks() throws Exception {
        Browser browser = openFeedbackForm();
        String marker = "urlencoded-" + UUID.randomUUID();
        String body = feedback(marker, browser).entrySet().stream()
                .map(e -> e.getKey() + "="
                        + URLEncoder.encode(new String(e.getValue(), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var response =
                send(postForm(browser, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(casesWith(marker)).isEqualTo(1);
    }

    @Test
    void textThatCannotBeStoredIsRefusedBesideItsFieldWithTheRestKept() throws Exception {
        Browser browser = openFeedbackForm();
        String marker = "nolltecken-" + UUID.randomUUID();
        var nul = send(postForm(
                browser,
                "multipart/form-data; boundary=b",
                multipart("b", feedback(marker + "\u0000efter", browser), true)));
        assertThat(nul.statusCode()).isEqualTo(422);
        assertThat(nul.body()).contains("tecken som inte går att läsa").contains("name=\"f.kind\"");

        // Latin-1 bytes where UTF-8 was promised
        var fields = feedback(marker, browser);
        fields.put("f.message", ("Gatan vid " + marker + " är trasig").getBytes(StandardCharsets.ISO_8859_1));
        var latin1 = send(postForm(browser, "multipart/form-data; boundary=b", multipart("b", fields, true)));
        assertThat(latin1.statusCode()).isEqualTo(422);
        assertThat(latin1.body()).contains("tecken som inte går att läsa");
        assertThat(casesWith(marker)).isZero();
    }

    @Test
    void anyOtherFormWithTextThatCannotBeStoredGetsA400PageAndStoresNothing() throws Exception {
        Browser browser = openFeedbackForm();
        String body = "_csrf=" + browser.csrf() + "&name=" + URLEncoder.encode("Namn\u0000", StandardCharsets.UTF_8)
                + "&message=hej";
        var response = send(HttpRequest.newBuilder(uri(BASE + "/diarium/begar/" + UUID.randomUUID()))
                .header("Cookie", browser.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("lang=\"sv\"").contains("Felaktig begäran");
    }

    @Test
    void aTextFieldOfMoreThanTwoMegabytesIsRefusedWithoutA500() throws Exception {
        Browser browser = openFeedbackForm();
        String marker = "stor-" + UUID.randomUUID();
        var response = send(postForm(
                browser,
                "multipart/form-data; boundary=b",
                multipart("b", feedback(marker + "x".repeat(2_500_000), browser), true)));
        assertThat(response.statusCode())
                .as(response.body().length() > 300 ? response.body().substring(0, 300) : response.body())
                .isBetween(400, 499);
        assertThat(casesWith(marker)).isZero();
    }

    HttpRequest.Builder open311(String format, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri(BASE + "/open311/v2/requests." + format))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    Map<String, String> validReport(String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("api_key", apiKey);
        params.put("service_code", "klotter");
        params.put("lat", "58.3551");
        params.put("long", "12.3952");
        params.put("description", description);
        params.put("attribute[offensive]", "nej");
        return params;
    }

    int reportsWith(String text) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM cases.\"case\" WHERE case_type = 'klotter' AND answers::text LIKE :t")
                        .param("t", "%" + text + "%")
                        .query(Integer.class)
                        .single());
    }

    @Test
    void open311GetsItsErrorListForTextItCannotStoreAndForUnknownAttributes() throws Exception {
        String marker = "open311-" + UUID.randomUUID();
        var nulDescription = send(open311("json", validReport(marker + "\u0000")));
        assertThat(nulDescription.statusCode()).isEqualTo(400);
        assertThat(nulDescription.body())
                .startsWith("[")
                .contains("\"code\":400")
                .contains("description");

        var params = validReport(marker);
        params.put("email", "namn\u0000@example.org");
        var nulEmail = send(open311("xml", params));
        assertThat(nulEmail.statusCode()).isEqualTo(400);
        assertThat(nulEmail.body()).contains("<errors>").contains("<code>400</code>");

        var longUnknown = validReport(marker);
        longUnknown.put("attribute[" + "a".repeat(200) + "]", "x");
        var unknown = send(open311("json", longUnknown));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("has no attribute");

        var withoutKey = validReport(marker);
        withoutKey.remove("api_key");
        assertThat(send(open311("json", withoutKey)).statusCode()).isEqualTo(403);

        var brokenMultipart = send(HttpRequest.newBuilder(uri(BASE + "/open311/v2/requests.xml"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "--b\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nx")));
        assertThat(brokenMultipart.statusCode()).isEqualTo(400);
        assertThat(brokenMultipart.body()).contains("<errors>");

        assertThat(reportsWith(marker)).isZero();
        // and a good one still goes through
        assertThat(send(open311("json", validReport(marker))).statusCode()).isEqualTo(200);
    }

    @Test
    void tooLargeBodiesAre413InEachChannelsFormat() throws Exception {
        byte[] big = new byte[51 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        var out = new ByteArrayOutputStream();
        out.writeBytes("--b\r\nContent-Disposition: form-data; name=\"media\"; filename=\"stor.jpg\"\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(big);
        out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        var open311 = send(HttpRequest.newBuilder(uri(BASE + "/open311/v2/requests.json"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        assertThat(open311.statusCode()).isEqualTo(413);
        assertThat(open311.body()).startsWith("[").contains("\"code\":413");

        // a form posted urlencoded past the container's limit for such bodies
        Browser browser = openFeedbackForm();
        String marker = "lang-" + UUID.randomUUID();
        String body = "_csrf=" + browser.csrf() + "&f.message=" + marker + "x".repeat(3_000_000);
        var page = send(HttpRequest.newBuilder(uri(BASE + "/diarium/begar/" + UUID.randomUUID()))
                .header("Cookie", browser.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(page.statusCode()).isIn(400, 413);
        assertThat(page.body()).contains("lang=\"sv\"");
    }

    @Test
    void theApiAnswersProblemDetailsForTheWrongContentTypeAndTextItCannotStore() throws Exception {
        String bearer = "Bearer " + token();
        var wrongType = send(HttpRequest.newBuilder(uri(BASE + "/api/v1/cases"))
                .header("Authorization", bearer)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hej")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        var broken = send(HttpRequest.newBuilder(uri(BASE + "/api/v1/cases"))
                .header("Authorization", bearer)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\n")));
        assertThat(broken.statusCode()).isBetween(400, 499);
        assertThat(broken.body()).doesNotContain("<html");
        String marker = "api-" + UUID.randomUUID();
        var nul = send(HttpRequest.newBuilder(uri(BASE + "/api/v1/cases"))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"caseType": "anmalan-varmepump", "answers": {"property": "%s\\u0000"}}""".formatted(marker))));
        assertThat(nul.statusCode()).isEqualTo(422);
        assertThat(nul.body()).contains("answers.property").contains("form.error.unreadable-characters");
        var invalidUtf8 = send(HttpRequest.newBuilder(uri(BASE + "/api/v1/cases"))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        ("{\"caseType\": \"anmalan-varmepump\", \"answers\": {\"property\": \"G\u00e4rdet " + marker
                                        + "\"}}")
                                .getBytes(StandardCharsets.ISO_8859_1))));
        assertThat(invalidUtf8.statusCode()).isBetween(400, 422);
        assertThat(invalidUtf8.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(casesWith(marker)).isZero();
    }
}
