package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case API over real HTTP, with real tokens from the demo provider's client credentials grant:
 * what each client may see and do, and the problem details it gets otherwise.
 */
class CaseApiIT extends SamlaIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    String token(String clientId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo-idp/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (clientId + ":demo-api-secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=cases:read"
                        + (clientId.contains("bygg") ? "%20cases:write" : "")))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    Reply call(String method, String path, String token, Object body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/vanersborg/api/v1" + path))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    body instanceof String s ? s : JSON.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    /** Only Open311 speaks XML: a browser, which ranks XML above anything else, still gets the API's JSON. */
    @Test
    void theApiAnswersJsonWhateverTheBrowserPrefers() throws Exception {
        String token = token("vanersborg-bygg-integration");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/vanersborg/api/v1/case-types"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).findValuesAsString("code")).contains("bygglov");
    }

    @Test
    void anIntegratorCreatesReadsAndHandlesACase() throws Exception {
        String token = token("vanersborg-bygg-integration");
        var types = call("GET", "/case-types", token, null);
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.body().findValuesAsString("code"))
                .contains("bygglov", "anmalan-varmepump")
                .doesNotContain("ekonomiskt-bistand");

        UUID submission = UUID.randomUUID();
        var created = call("POST", "/cases", token, CaseApiBodies.heatPump(submission));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/cases/" + id);
        assertThat(created.body().get("reference").asString()).matches("SBF \\d{4}/\\d{6}");

        var again = call("POST", "/cases", token, CaseApiBodies.heatPump(submission));
        assertThat(again.status()).as("the same submission id is one case").isEqualTo(200);
        assertThat(again.body().get("id").asString()).isEqualTo(id);

        var read = call("GET", "/cases/" + id, token, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("answers").get("installerOrganisationNumber").asString())
                .isEqualTo("212000-1439");

        var list = call("GET", "/cases?caseType=anmalan-varmepump&size=200", token, null);
        assertThat(list.body().get("items").findValuesAsString("id")).contains(id);

        int version = read.body().get("summary").get("version").asInt();
        var moved = call("POST", "/cases/" + id + "/status", token, Map.of("to", "handlaggs", "version", version));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().get("status").asString()).isEqualTo("handlaggs");

        var stale = call("POST", "/cases/" + id + "/status", token, Map.of("to", "komplettering", "version", version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(stale.body().get("errors").get(0).get("field").asString()).isEqualTo("version");

        var illegal = call("POST", "/cases/" + id + "/status", token, Map.of("to", "mottagen", "version", version + 1));
        assertThat(illegal.status()).isEqualTo(422);

        assertThat(call("POST", "/cases/" + id + "/messages", token, Map.of("body", "Vi behöver en ritning."))
                        .status())
                .isEqualTo(201);
        var decided = call(
                "POST",
                "/cases/" + id + "/decision",
                token,
                Map.of(
                        "outcome",
                        "beviljat",
                        "reasons",
                        "Avstånden till grannar och brunnar är tillräckliga.",
                        "legalReference",
                        "17 § förordningen (1998:899)",
                        "version",
                        version + 1));
        assertThat(decided.status()).as(String.valueOf(decided.body())).isEqualTo(200);
        assertThat(decided.body().get("result").asString()).isEqualTo("beviljat");
    }

    @Test
    void badInputGetsFieldsAndReasons() throws Exception {
        String token = token("vanersborg-bygg-integration");
        var wrong = call(
                "POST",
                "/cases",
                token,
                Map.of(
                        "caseType",
                        "anmalan-varmepump",
                        "applicant",
                        Map.of("personalIdentityNumber", "19900602-2398"),
                        "answers",
                        Map.of("source", "vulkan", "depth", "djup", "nonsense", "x", "start", "i morgon")));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("errors").findValuesAsString("field"))
                .contains(
                        "applicant.personalIdentityNumber",
                        "answers.nonsense",
                        "answers.source",
                        "answers.installer",
                        "answers.start",
                        "answers.address.street");
        assertThat(wrong.body().get("errors").findValuesAsString("reason"))
                .contains("WRONG_CHECK_DIGIT", "form.error.unknown-choice", "form.error.not-a-date");

        assertThat(call("POST", "/cases", token, "{not json").status()).isEqualTo(400);
        assertThat(call("POST", "/cases", token, Map.of("caseType", "finns-inte"))
                        .status())
                .isEqualTo(404);
        var executable = call(
                "POST",
                "/cases",
                token,
                Map.of(
                        "caseType",
                        "bygglov",
                        "answers",
                        Map.of(
                                "drawings",
                                List.of(Map.of(
                                        "filename",
                                        "ritning.pdf",
                                        "contentBase64",
                                        Base64.getEncoder()
                                                .encodeToString(new byte[] {'M', 'Z', 0, 0, 3, 0, 0, 0}))))));
        assertThat(executable.status()).isEqualTo(422);
        assertThat(executable.body().get("errors").findValuesAsString("reason")).contains("form.error.file-type");
        assertThat(call("GET", "/cases?size=5000", token, null).status()).isEqualTo(400);
        assertThat(call("GET", "/cases/not-a-uuid", token, null).status()).isEqualTo(400);
        assertThat(call("GET", "/cases/" + UUID.randomUUID(), token, null).status())
                .isEqualTo(404);

        var paging = call("GET", "/cases?size=5000&page=-1", token, null);
        assertThat(paging.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("page", "size");
        var noType = call("POST", "/cases", token, Map.of("applicant", Map.of("name", "Nul\u0000l")));
        assertThat(noType.status()).isEqualTo(422);
        assertThat(noType.body().get("errors").findValuesAsString("field")).containsExactly("caseType");
        // a name that cannot be stored is named beside the form's own problems
        var badName = call(
                "POST",
                "/cases",
                token,
                Map.of(
                        "caseType",
                        "anmalan-varmepump",
                        "applicant",
                        Map.of("personalIdentityNumber", "19900602-2397", "name", "Nul\u0000l"),
                        "answers",
                        Map.of()));
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.body().get("errors").findValuesAsString("field"))
                .contains("applicant.name", "answers.installer");
    }

    /** A change of a case with fields missing or wrong is refused with each field named, and the case is as it was. */
    @Test
    void incompleteChangesNameEveryMissingField() throws Exception {
        String token = token("vanersborg-bygg-integration");
        var created = call("POST", "/cases", token, CaseApiBodies.heatPump(UUID.randomUUID()));
        String id = created.body().get("id").asString();
        int version = created.body().get("version").asInt();

        var decision = call("POST", "/cases/" + id + "/decision", token, Map.of("outcome", "beviljat", "reasons", " "));
        assertThat(decision.status()).isEqualTo(422);
        assertThat(decision.body().get("errors").findValuesAsString("field"))
                .containsExactly("legalReference", "reasons", "version");
        var status = call("POST", "/cases/" + id + "/status", token, Map.of("version", version));
        assertThat(status.body().get("errors").findValuesAsString("field")).containsExactly("to");
        for (String body : new String[] {"", " ", "x".repeat(10_001), "radbrytning\u0007"}) {
            var message = call("POST", "/cases/" + id + "/messages", token, Map.of("body", body));
            assertThat(message.status()).as(body.length() + " characters").isEqualTo(422);
            assertThat(message.body().get("errors").findValuesAsString("field")).containsOnly("body");
        }
        assertThat(call("POST", "/cases/" + id + "/messages", token, "null").status())
                .isEqualTo(400);

        var after = call("GET", "/cases/" + id, token, null);
        assertThat(after.body().get("summary").get("version").asInt()).isEqualTo(version);
        assertThat(after.body().get("summary").get("result").isNull()).isTrue();
        assertThat(after.body().get("messages")).isEmpty();
    }

    @Autowired
    CaseIntake intake;

    @Test
    void aSubmissionIdStartedBySomeoneElseGivesTheClientNothing() throws Exception {
        UUID submission = UUID.randomUUID();
        var vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        // a visitor's browser started it, and uploaded a site plan
        var visitor = new CaseIntake.Submission(submission, SubmissionOwner.browser("a-visitors-browser"), "anonymous");
        transactions.call(
                vanersborg.id(),
                () -> intake.receiveFile(
                        visitor,
                        "anmalan-varmepump",
                        new CaseIntake.NewFile(
                                "sitePlan",
                                "besokarens-plan.pdf",
                                15,
                                () -> new java.io.ByteArrayInputStream(
                                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.UTF_8)))));

        var taken = call("POST", "/cases", token("vanersborg-bygg-integration"), CaseApiBodies.heatPump(submission));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("errors").findValuesAsString("field")).containsExactly("submissionId");
        assertThat(taken.raw().body()).doesNotContain("besokarens-plan.pdf");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s")
                                .param("s", submission)
                                .query(Integer.class)
                                .single()))
                .isZero();
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM cases.attachment WHERE submission_id = :s AND case_id IS NULL")
                                .param("s", submission)
                                .query(Integer.class)
                                .single()))
                .as("the visitor's file is still theirs")
                .isEqualTo(1);
    }

    @Test
    void aChangeThatLosesARaceIsAlwaysToldItIsStale() throws Exception {
        String token = token("vanersborg-bygg-integration");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                var created = call("POST", "/cases", token, CaseApiBodies.heatPump(UUID.randomUUID()));
                String id = created.body().get("id").asString();
                int version = created.body().get("version").asInt();
                var first = pool.submit(() -> call(
                                "POST",
                                "/cases/" + id + "/status",
                                token,
                                Map.of("to", "handlaggs", "version", version))
                        .status());
                var second = pool.submit(() -> call(
                                "POST",
                                "/cases/" + id + "/status",
                                token,
                                Map.of("to", "handlaggs", "version", version))
                        .status());
                assertThat(List.of(first.get(), second.get()))
                        .as("round " + round)
                        .containsExactlyInAnyOrder(200, 409);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void whatATokenDoesNotCoverIsLeftOutOfListsAndRefusedWhenRead() throws Exception {
        String bygg = token("vanersborg-bygg-integration");
        var created = call("POST", "/cases", bygg, CaseApiBodies.heatPump(UUID.randomUUID()));
        String id = created.body().get("id").asString();

        String social = token("vanersborg-soc-integration");
        var refused = call("GET", "/cases/" + id, social, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().toString()).doesNotContain("Onsjö");
        assertThat(call("GET", "/cases?size=200", social, null)
                        .body()
                        .get("items")
                        .findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(call("POST", "/cases", social, CaseApiBodies.heatPump(UUID.randomUUID()))
                        .status())
                .as("a token without cases:write")
                .isEqualTo(403);

        String publicOnly = token("vanersborg-statistik");
        var confidential = call("GET", "/cases?caseType=ekonomiskt-bistand&size=200", publicOnly, null);
        assertThat(confidential.body().get("total").asInt()).isZero();
        assertThat(call("GET", "/cases/" + id, publicOnly, null).status()).isEqualTo(200);

        Integer refusals = transactions.read(
                tenants.bySlug("vanersborg").orElseThrow().id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED' AND object_id = :c AND actor_type = 'client'")
                        .param("c", id)
                        .query(Integer.class)
                        .single());
        assertThat(refusals).isEqualTo(1);
    }

    @Test
    void noTokenAForgedTokenOrAnotherMunicipalitysTokenIsRefused() throws Exception {
        assertThat(call("GET", "/cases", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/cases", "not.a.token", null).status()).isEqualTo(401);
        String token = token("vanersborg-bygg-integration");
        String[] parts = token.split("\\.");
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"INTERNAL\"", "\"STRICTLY_CONFIDENTIAL\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/cases", parts[0] + "." + forgedPayload + "." + parts[2], null)
                        .status())
                .isEqualTo(401);
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/trollhattan/api/v1/cases"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("a Vänersborg token at Trollhättan")
                .isEqualTo(401);
    }

    @Test
    void theApiIsDescribedWithOpenApi() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(List.copyOf(doc.get("paths").propertyNames()))
                .contains(
                        "/api/v1/cases",
                        "/api/v1/cases/{id}",
                        "/api/v1/case-types",
                        "/api/v1/cases/{id}/status",
                        "/api/v1/cases/{id}/decision",
                        "/api/v1/cases/{id}/messages");
        var ui = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui/index.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }
}
