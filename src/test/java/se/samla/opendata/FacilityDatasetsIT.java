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
        // the study room is open round the clock: the next free hour, this month or the next, both published
        var now = java.time.ZonedDateTime.now(SwedishTime.ZONE);
        var next = now.plusHours(1).withMinute(0).withSecond(0).withNano(0);
        java.util.List<java.time.Instant> hours = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            hours.add(next.plusHours(i).toInstant());
        }
        var bookedAt = TestBookings.bookFirstFree(context, vanersborg.id(), anna, "studierum-1", hours);
        var start = bookedAt.atZone(SwedishTime.ZONE);
        String month = start.toLocalDate().toString().substring(0, 7);
        // the month's real hours: one fewer in March, one more in October
        var monthStart = start.toLocalDate().withDayOfMonth(1).atStartOfDay(SwedishTime.ZONE);
        double monthHours =
                java.time.Duration.between(monthStart, monthStart.plusMonths(1)).toHours();

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
        assertThat(open).isEqualTo(monthHours);
        assertThat(Double.parseDouble(cells[6])).isEqualTo(Math.round(booked / open * 1000) / 1000.0);
    }
}
