package se.samla.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/**
 * A device's page charts a measurement over a day, a week or a year, as SVG with the same values as a table; weeks
 * and years come from hourly and daily aggregates that follow late readings. The public sees only published types.
 * Readings are kept as long as their type says.
 */
class DevicePagesIT extends SamlaIntegrationTest {

    static final String WELL = "dagvatten-edsgatan";

    Aggregates aggregates() {
        return context.getBean(Aggregates.class);
    }

    void rollUp() {
        while (transactions.call(vanersborg.id(), aggregates()::rollUp) > 0) {}
    }

    Map<String, Object> hour(String device, Instant hour) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT n, min, max, mean FROM sensors.reading_hour WHERE device = :d AND hour = :h")
                        .param("d", device)
                        .param("h", Timestamp.from(hour))
                        .query()
                        .singleRow());
    }

    @Test
    void hoursAndDaysAreRolledUpAndFollowALateReading() throws Exception {
        // two hours of readings a day and a half ago: 0.30 m, then 0.50 m
        Instant hour = Instant.now().minus(Duration.ofHours(36)).truncatedTo(ChronoUnit.HOURS);
        double[] first = new double[60];
        java.util.Arrays.fill(first, 0.30);
        double[] second = new double[60];
        java.util.Arrays.fill(second, 0.50);
        TestSensors.send(mvc, WELL, "level", "m", hour, first);
        TestSensors.send(mvc, WELL, "level", "m", hour.plus(Duration.ofHours(1)), second);
        rollUp();
        assertThat(hour(WELL, hour))
                .containsEntry("n", 60)
                .containsEntry("min", 0.30)
                .containsEntry("max", 0.30);
        assertThat(((Number) hour(WELL, hour.plus(Duration.ofHours(1))).get("mean")).doubleValue())
                .isCloseTo(0.50, org.assertj.core.data.Offset.offset(1e-9));
        // a reading that comes late, in the first hour, changes its aggregate and its day's
        TestSensors.send(mvc, WELL, "level", "m", hour.plusSeconds(30), 1.50);
        rollUp();
        assertThat(hour(WELL, hour)).containsEntry("n", 61).containsEntry("max", 1.50);
        var day = java.time.LocalDate.ofInstant(hour, se.samla.shared.SwedishTime.ZONE);
        var daily = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT n, max FROM sensors.reading_day WHERE device = :d AND day = :day")
                        .param("d", WELL)
                        .param("day", day)
                        .query()
                        .singleRow());
        assertThat(((Number) daily.get("n")).intValue()).isGreaterThanOrEqualTo(61);
        assertThat(daily.get("max")).isEqualTo(1.50);
        // the week's chart is drawn from them, with a table of the same values
        var vera = logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        mvc.perform(atVanersborg(get("/personal/givare/" + WELL).param("period", "vecka"))
                        .with(vera.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("<path d=\"M")))
                .andExpect(content().string(containsString("larmgräns 1,50")))
                .andExpect(content().string(containsString("1,50</td>")))
                .andExpect(content().string(containsString("den senaste veckan")));
        mvc.perform(atVanersborg(get("/personal/givare/" + WELL).param("period", "ar"))
                        .with(vera.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(day.toString())));
    }

    @Test
    void theDaysChartShowsTheReadingsAndThePublicSeesOnlyPublishedTypes() throws Exception {
        Instant base = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES);
        TestSensors.send(mvc, "luft-nabbensberg", "temp", "Cel", base, -1.0, -0.5, 0.0, 0.5);
        // the public: the list of published devices and a device's day, without any login
        mvc.perform(atVanersborg(get("/givare")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Lufttemperatur Nabbensberg")))
                .andExpect(content().string(not(containsString("Skräpkorg"))));
        mvc.perform(atVanersborg(get("/givare/luft-nabbensberg")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("role=\"img\"")))
                .andExpect(content().string(containsString("Visa värdena som tabell")))
                .andExpect(content().string(containsString("det senaste dygnet")));
        // bins are not published: their page is not found for the public, whoever guesses the id
        mvc.perform(atVanersborg(get("/givare/soptunna-torget-1"))).andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/givare/finns-inte"))).andExpect(status().isNotFound());
        // the staff pages need a login
        mvc.perform(atVanersborg(get("/personal/givare"))).andExpect(status().is3xxRedirection());
        var vera = logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        mvc.perform(atVanersborg(get("/personal/givare")).with(vera.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Skräpkorg Torget, norra")))
                .andExpect(content().string(containsString("/personal/givare/tomning")));
        mvc.perform(atVanersborg(get("/personal/givare/soptunna-torget-1").param("matt", "battery"))
                        .with(vera.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("battery (%EL)")));
        // another municipality has no such device
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var tore = logins().staff(trollhattan, "tore", "Tore Trollhättebo", List.of("handlaggare:KSF"), "intern");
        mvc.perform(get("/t/trollhattan/personal/givare/luft-nabbensberg").with(tore.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/t/trollhattan/givare/luft-nabbensberg")).andExpect(status().isNotFound());
    }

    @Test
    void readingsAreKeptAsLongAsTheirTypeSaysAndTheAggregatesStay() throws Exception {
        // a bin is kept a year, the lake ten: readings of 400 days ago; and of eleven years ago, of a device the
        // municipality no longer has (kept as long as the longest, ten years)
        Instant old = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MINUTES);
        Instant older = Instant.now().minus(Duration.ofDays(4000)).truncatedTo(ChronoUnit.MINUTES);
        transactions.run(vanersborg.id(), () -> {
            for (String device : List.of("nedlagd-givare", "vanern-hamnen")) {
                jdbc.sql("""
                        INSERT INTO sensors.reading (tenant_id, device, name, measured_at, value, unit, received_at)
                        VALUES (:t, :d, 'level', :at, 0.5, 'm', now()) ON CONFLICT DO NOTHING
                        """)
                        .param("t", vanersborg.id().value())
                        .param("d", device)
                        .param("at", Timestamp.from(older))
                        .update();
            }
            for (String device : List.of("soptunna-skraddarebacken", "vanern-hamnen")) {
                jdbc.sql("""
                        INSERT INTO sensors.reading (tenant_id, device, name, measured_at, value, unit, received_at)
                        VALUES (:t, :d, :n, :at, 0.5, :u, now()) ON CONFLICT DO NOTHING
                        """)
                        .param("t", vanersborg.id().value())
                        .param("d", device)
                        .param("n", device.startsWith("soptunna") ? "fill" : "level")
                        .param("u", device.startsWith("soptunna") ? "/" : "m")
                        .param("at", Timestamp.from(old))
                        .update();
            }
        });
        assertThat(transactions.call(vanersborg.id(), aggregates()::dispose)).isPositive();
        var left = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT device FROM sensors.reading WHERE measured_at = :at ORDER BY device")
                        .param("at", Timestamp.from(old))
                        .query(String.class)
                        .list());
        assertThat(left).containsExactly("vanern-hamnen");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT device FROM sensors.reading WHERE measured_at = :at ORDER BY device")
                                .param("at", Timestamp.from(older))
                                .query(String.class)
                                .list()))
                .isEmpty();
    }
}
