package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.sensors.TestSensors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each published sensor type is a dataset of hourly values with its devices as GeoJSON; the bins are not. */
class SensorDatasetsIT extends SamlaIntegrationTest {

    String text(String path) throws Exception {
        return mvc.perform(atVanersborg(get(path)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theWaterLevelsArePublishedHourByHourWithTheirDevicesAndTheBinsAreNot() throws Exception {
        // another test chooses which datasets are published, switching off those it does not name: these are on again
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE opendata.dataset_setting SET published = true WHERE dataset LIKE 'givare-%'")
                        .update());
        Instant hour = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        TestSensors.send(mvc, "dagvatten-edsgatan", "level", "m", hour, 0.40, 0.60);
        var aggregates = context.getBean(se.samla.sensors.SensorData.class);
        // the roll-up runs every minute; here at once
        TestSensors.rollUp(context, transactions, vanersborg.id());

        String csv = text("/datasets/givare-stormwater-well.csv");
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("id,givare,namn,matt,enhet,timme,medel,lagst,hogst,antal");
        assertThat(csv)
                .contains("dagvatten-edsgatan/level/" + hour.getEpochSecond() + ",dagvatten-edsgatan,"
                        + "Dagvattenbrunn Edsgatan,level,m,");
        JsonNode geo = JsonMapper.builder().build().readTree(text("/datasets/givare-stormwater-well.geojson"));
        assertThat(geo.path("features").get(0).path("id").asString()).isEqualTo("dagvatten-edsgatan");
        assertThat(geo.path("features")
                        .get(0)
                        .path("geometry")
                        .path("coordinates")
                        .get(1)
                        .asDouble())
                .isEqualTo(58.3779);

        String catalogue = text("/datasets/dcat");
        assertThat(catalogue).contains("/datasets/givare-water-level").contains("/datasets/givare-air-temperature");
        assertThat(catalogue).doesNotContain("givare-bin-fill");
        mvc.perform(atVanersborg(get("/datasets/givare-bin-fill.csv"))).andExpect(status().isNotFound());
        assertThat(aggregates.publishedTypes(vanersborg.id()))
                .noneMatch(t -> t.code().equals("bin-fill"));
    }
}
