package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** The latest values of the published sensors, open to all as SenML that our own parser reads back. */
class LatestValuesIT extends SamlaIntegrationTest {

    @Test
    void theLatestValuesAreSenmlOfThePublishedDevicesOnly() throws Exception {
        Instant at = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.SECONDS);
        TestSensors.send(mvc, "dagvatten-edsgatan", "level", "m", at, 0.42);
        TestSensors.send(mvc, "soptunna-torget-1", "fill", "/", Instant.now().minusSeconds(5), 0.5);
        var answer = mvc.perform(atVanersborg(get("/sensors/v1/latest")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/senml+json"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("max-age=60")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        List<SenML.Record> records = SenML.json(context.getBean(JsonMapper.class), answer, Instant.now());
        assertThat(records)
                .anySatisfy(r -> {
                    assertThat(r.name()).isEqualTo("dagvatten-edsgatan:level");
                    assertThat(r.value()).isEqualTo(0.42);
                    assertThat(r.unit()).isEqualTo("m");
                    assertThat(r.time()).isEqualTo(at);
                })
                .noneMatch(r -> r.name().startsWith("soptunna"));

        var oneType = mvc.perform(atVanersborg(get("/sensors/v1/latest").param("type", "stormwater-well")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(SenML.json(context.getBean(JsonMapper.class), oneType, Instant.now()))
                .allMatch(r -> r.name().startsWith("dagvatten-"));
        mvc.perform(atVanersborg(get("/sensors/v1/latest").param("type", "bin-fill")))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/sensors/v1/latest").param("type", "finns-inte")))
                .andExpect(status().isNotFound());
        // another municipality's latest values hold none of these
        String trollhattan = mvc.perform(get("/t/trollhattan/sensors/v1/latest"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(trollhattan).doesNotContain("dagvatten");
    }
}
