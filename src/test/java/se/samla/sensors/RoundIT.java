package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseHandling;
import tools.jackson.databind.json.JsonMapper;

/** The bins that are full go on their unit's round, nearest first from the depot; the empty ones stay off it. */
class RoundIT extends SamlaIntegrationTest {

    static final List<String> BINS = List.of("soptunna-torget-1", "soptunna-torget-2", "soptunna-skraddarebacken");

    @BeforeEach
    void atRest() {
        for (String bin : BINS) {
            TestSensors.atRest(transactions, jdbc, context.getBean(CaseHandling.class), vanersborg.id(), bin);
        }
    }

    @Test
    void theFullBinsAreARoundFromTheDepotPrintableAndAsGeoJson() throws Exception {
        // ahead of the clock (within the allowed skew), so these are the latest readings whatever other tests sent
        Instant now = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        TestSensors.send(mvc, "soptunna-torget-1", "fill", "/", now, 0.91);
        TestSensors.send(mvc, "soptunna-torget-2", "fill", "/", now, 0.85);
        TestSensors.send(mvc, "soptunna-skraddarebacken", "fill", "/", now, 0.20);
        var vera = logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        String page = mvc.perform(atVanersborg(get("/personal/givare/tomning")).with(vera.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Driftförrådet Holmängen").contains("2 stopp").doesNotContain("Skräddarebacken");
        // the south bin is nearer the depot, so it comes first
        assertThat(page.indexOf("Skräpkorg Torget, södra")).isLessThan(page.indexOf("Skräpkorg Torget, norra"));

        String geojson = mvc.perform(
                        atVanersborg(get("/personal/givare/tomning.geojson").param("enhet", "SBF-KOV"))
                                .with(vera.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Map<?, ?> collection = context.getBean(JsonMapper.class).readValue(geojson, Map.class);
        List<?> features = (List<?>) collection.get("features");
        Map<?, ?> way = (Map<?, ?>) ((Map<?, ?>) features.get(0)).get("geometry");
        assertThat(way.get("type")).isEqualTo("LineString");
        // depot, two bins, depot
        assertThat((List<?>) way.get("coordinates")).hasSize(4);
        assertThat(features.stream()
                        .map(f -> ((Map<?, ?>) ((Map<?, ?>) f).get("properties")).get("device"))
                        .filter(java.util.Objects::nonNull)
                        .map(String::valueOf)
                        .toList())
                .containsExactly("soptunna-torget-2", "soptunna-torget-1");

        // the bins are emptied: the round is empty
        TestSensors.send(mvc, "soptunna-torget-1", "fill", "/", now.plusSeconds(20), 0.03);
        TestSensors.send(mvc, "soptunna-torget-2", "fill", "/", now.plusSeconds(20), 0.03);
        mvc.perform(atVanersborg(get("/personal/givare/tomning")).with(vera.processor()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Ingen skräpkorg är full")));
    }

    @Test
    void anotherUnitsRoundIsNotFound() throws Exception {
        var gustav = logins().staff(vanersborg, "gustav", "Gustav Gata", List.of("handlaggare:SBF-GATA"), "intern");
        mvc.perform(atVanersborg(get("/personal/givare/tomning")).with(gustav.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/personal/givare/tomning.geojson").param("enhet", "SBF-KOV"))
                        .with(gustav.processor()))
                .andExpect(status().isNotFound());
        var vera = logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        mvc.perform(atVanersborg(get("/personal/givare/tomning").param("enhet", "SBF-GATA"))
                        .with(vera.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/personal/givare/tomning"))).andExpect(status().is3xxRedirection());
    }
}
