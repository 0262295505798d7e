package se.samla.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.TestBookings;
import se.samla.identity.SignedInUser;
import se.samla.shared.SwedishTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The facilities and their free times, and their utilisation per month, as open data: nobody's bookings. */
class FacilityDatasetsIT extends SamlaIntegrationTest {

    String text(String path) throws Exception {
        return mvc.perform(atVanersborg(get(path)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void freeTimesArePublishedAndATakenOneIsNot() throws Exception {
        var erik = (SignedInUser.Resident)
                logins().resident(vanersborg, "Erik Testsson", "199006022397").user();
        var start = LocalDate.now(SwedishTime.ZONE)
                .plusDays(3)
                .atTime(5, 0)
                .atZone(SwedishTime.ZONE)
                .toInstant();
        TestBookings.book(context, vanersborg.id(), erik, "studierum-1", start);

        String csv = text("/datasets/lokaler.csv");
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("id,lokal,namn,typ,enhet,adress,kapacitet,start,slut,latitud,longitud");
        assertThat(csv).contains("studierum-1,Studierum 1 på biblioteket,study_room");
        assertThat(csv).doesNotContain("studierum-1-" + start.getEpochSecond()).doesNotContain("Erik");

        JsonNode geo = JsonMapper.builder().build().readTree(text("/datasets/lokaler.geojson"));
        assertThat(geo.path("type").asString()).isEqualTo("FeatureCollection");
        JsonNode first = geo.path("features").get(0);
        assertThat(first.path("geometry").path("type").asString()).isEqualTo("Point");
        assertThat(first.path("geometry").path("coordinates").get(0).asDouble()).isBetween(12.0, 13.0);

        String catalogue = text("/datasets/dcat");
        assertThat(catalogue).contains("/datasets/lokaler").contains("/datasets/lokalbelaggning");
    }

    @Test
    void utilisationCountsConfirmedHoursAgainstOpenHours() throws Exception {
        var anna = (SignedInUser.Resident)
                logins().resident(vanersborg, "Anna Testsson", "198705212382").user();
        // the study room is open round the clock: booked later today, it counts in this month
        var now = java.time.ZonedDateTime.now(SwedishTime.ZONE);
        var start = now.plusHours(1).withMinute(0).withSecond(0).withNano(0);
        if (!start.toLocalDate().equals(now.toLocalDate())) {
            start = now.plusDays(1).withHour(3).withMinute(0).withSecond(0).withNano(0);
        }
        TestBookings.book(context, vanersborg.id(), anna, "studierum-1", start.toInstant());
        String month = start.toLocalDate().toString().substring(0, 7);

        String csv = text("/datasets/lokalbelaggning.csv");
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("lokal,namn,typ,manad,bokade_timmar,oppettimmar,belaggning");
        String row = csv.lines()
                .filter(l -> l.startsWith("studierum-1,") && l.contains("," + month + ","))
                .findFirst()
                .orElseThrow();
        String[] cells = row.split(",");
        double booked = Double.parseDouble(cells[4]);
        double open = Double.parseDouble(cells[5]);
        assertThat(booked).isGreaterThanOrEqualTo(1.0);
        assertThat(open).isEqualTo(24.0 * start.toLocalDate().lengthOfMonth());
        assertThat(Double.parseDouble(cells[6])).isEqualTo(Math.round(booked / open * 1000) / 1000.0);
    }
}
