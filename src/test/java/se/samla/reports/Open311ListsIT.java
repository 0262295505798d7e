package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriComponentsBuilder;
import se.samla.SamlaIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request list kept for the clients that ask the same is the list they would have got: never older than the
 * municipality's last change of a report. (The suite runs without kept lists; this test keeps them itself.)
 */
class Open311ListsIT extends SamlaIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Open311Arguments.Jurisdiction VANERSBORG =
            new Open311Arguments.Jurisdiction("vanersborg.se", "localhost");
    private static final Open311Arguments.RequestSearch DEFAULTS =
            new Open311Arguments.RequestSearch("vanersborg.se", null, null, null, null, null, null, null);
    private static final Open311Links LINKS = new Open311Links(
            UriComponentsBuilder.fromUriString("http://localhost").build(), false);

    @Autowired
    Open311Keys keys;

    @Autowired
    Open311Service service;

    @Autowired
    Open311MessageConverter converter;

    Open311Lists lists;
    String apiKey;

    @BeforeEach
    void keeper() {
        lists = new Open311Lists(service, converter, 60);
        apiKey = transactions
                .call(vanersborg.id(), () -> keys.issue("Listtestet", "staff:test"))
                .secret();
    }

    private JsonNode kept() throws Exception {
        return JSON.readTree(
                new String(lists.requests(VANERSBORG, DEFAULTS, LINKS, Open311Format.JSON), StandardCharsets.UTF_8));
    }

    private JsonNode fresh() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        converter.write(service.requests(VANERSBORG, DEFAULTS, LINKS), Open311Format.JSON, out);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private String report() throws Exception {
        var created = mvc.perform(post("/open311/v2/requests.json")
                        .param("jurisdiction_id", "vanersborg.se")
                        .param("api_key", apiKey)
                        .param("service_code", "nedskrapning")
                        .param("lat", "58.3512")
                        .param("long", "12.3901")
                        .param("description", "Skräp vid busshållplatsen " + UUID.randomUUID()))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(200);
        return JSON.readTree(created.getContentAsString(StandardCharsets.UTF_8))
                .get(0)
                .get("service_request_id")
                .asString();
    }

    @Test
    void aKeptListIsTheListAsItIsNow() throws Exception {
        String first = report();
        var before = kept();
        assertThat(before).isEqualTo(fresh());
        assertThat(lists.requests(VANERSBORG, DEFAULTS, LINKS, Open311Format.JSON))
                .as("asked again with nothing changed: the same list, written once")
                .isSameAs(lists.requests(VANERSBORG, DEFAULTS, LINKS, Open311Format.JSON));

        // each format is kept apart
        assertThat(new String(lists.requests(VANERSBORG, DEFAULTS, LINKS, Open311Format.XML), StandardCharsets.UTF_8))
                .startsWith("<?xml")
                .contains("<service_request_id>" + first + "</service_request_id>");

        String second = report();
        assertThat(kept().findValuesAsString("service_request_id")).contains(first, second);
        assertThat(before.findValuesAsString("service_request_id")).doesNotContain(second);

        mvc.perform(post("/open311/v2/servicerequestupdates.json")
                .param("jurisdiction_id", "vanersborg.se")
                .param("api_key", apiKey)
                .param("service_request_id", first)
                .param("status", "closed")
                .param("description", "Städat"));
        var closed = kept();
        assertThat(closed).isEqualTo(fresh());
        assertThat(List.of(closed.valueStream()
                        .filter(r -> r.get("service_request_id").asString().equals(first))
                        .findFirst()
                        .orElseThrow()
                        .get("status")
                        .asString()))
                .containsExactly("closed");
    }
}
