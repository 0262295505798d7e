package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an Open311 client picks its format beyond the path's extension, and how arguments of the wrong kind are
 * named in the error list. The specification's own cases are in {@link Open311IT}.
 */
class Open311NegotiationIT extends SamlaIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentType()).startsWith("application/json");
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAnExtensionTheAcceptHeaderChoosesAndXmlIsTheDefault() throws Exception {
        var asked = json(call(get("/open311/v2/services")
                .param("jurisdiction_id", "vanersborg.se")
                .header("Accept", "application/json")));
        assertThat(asked.isArray()).isTrue();
        assertThat(asked.findValuesAsString("service_code")).contains("gatubelysning");

        for (String accept : new String[] {null, "*/*", BROWSER, "application/json;q=0.5, text/xml"}) {
            var request = get("/open311/v2/services").param("jurisdiction_id", "vanersborg.se");
            if (accept != null) {
                request.header("Accept", accept);
            }
            var response = call(request);
            assertThat(response.getStatus()).as(accept).isEqualTo(200);
            assertThat(response.getContentType()).as(accept).startsWith("text/xml");
            assertThat(response.getHeaders("Vary")).as(accept).contains("Accept");
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(body)
                    .as(accept)
                    .startsWith("<?xml")
                    .contains("<services>")
                    .contains("<service_code>gatubelysning<");
        }
    }

    @Test
    void theExtensionOutranksTheAcceptHeader() throws Exception {
        var response = call(get("/open311/v2/services.xml")
                .param("jurisdiction_id", "vanersborg.se")
                .header("Accept", "application/json"));
        assertThat(response.getContentType()).startsWith("text/xml");
        var errors = json(call(get("/open311/v2/services/finns-inte.json")
                .param("jurisdiction_id", "vanersborg.se")
                .header("Accept", "text/xml")));
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void errorsFollowTheAcceptHeaderToo() throws Exception {
        var response = call(
                get("/open311/v2/requests").param("jurisdiction_id", "ingen.se").header("Accept", "application/json"));
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(json(response).get(0).get("description").asString()).isEqualTo("jurisdiction_id ingen.se not found");
    }

    @Test
    void argumentsOfTheWrongKindAreNamedAsTheSpecificationNamesThem() throws Exception {
        var tooBig = call(get("/open311/v2/requests.json")
                .param("jurisdiction_id", "vanersborg.se")
                .param("page_size", "1001"));
        assertThat(tooBig.getStatus()).isEqualTo(400);
        assertThat(json(tooBig).get(0).get("description").asString())
                .isEqualTo("page_size: a whole number from 1 to 1000");

        var notANumber = call(get("/open311/v2/servicerequestupdates.json")
                .param("jurisdiction_id", "vanersborg.se")
                .param("page", "två"));
        assertThat(notANumber.getStatus()).isEqualTo(400);
        assertThat(json(notANumber).get(0).get("description").asString()).isEqualTo("page: not a whole number");

        var tooLong = call(post("/open311/v2/servicerequestupdates.json")
                .param("jurisdiction_id", "vanersborg.se")
                .param("api_key", "x")
                .param("service_request_id", "SBF-2026-000001")
                .param("description", "x".repeat(2001)));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(json(tooLong).get(0).get("description").asString())
                .isEqualTo("description: at most 2000 characters");
    }

    @Test
    void emptyArgumentsCountAsNotGiven() throws Exception {
        var response = call(get("/open311/v2/requests.json")
                .param("jurisdiction_id", "vanersborg.se")
                .param("page_size", "")
                .param("status", "")
                .param("start_date", " "));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).isArray()).isTrue();
    }
}
