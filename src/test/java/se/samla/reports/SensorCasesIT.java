package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseHandling;
import se.samla.identity.TestLogins;
import se.samla.sensors.TestSensors;

/**
 * A sensor's alarm is a case like a resident's report, handled by the device's unit: residents' reports of the same
 * problem nearby are linked to it both ways, and when the sensor reads normal again the case waits for staff to
 * confirm (or closes by itself where its case type says so) and the residents who follow the linked reports are told.
 */
class SensorCasesIT extends SamlaIntegrationTest {

    static final String LAKE = "vanern-hamnen";
    static final String BIN = "soptunna-torget-2";

    @Autowired
    GreenMail mail;

    @Autowired
    CaseHandling cases;

    TestLogins.Login water;
    TestLogins.Login streets;
    String domain;
    Instant started;

    @BeforeEach
    void atRest() {
        started = Instant.now();
        TestSensors.atRest(transactions, jdbc, cases, vanersborg.id(), LAKE);
        TestSensors.atRest(transactions, jdbc, cases, vanersborg.id(), BIN);
        water = logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        streets = logins().staff(vanersborg, "gustav", "Gustav Gata", List.of("handlaggare:SBF-GATA"), "intern");
        domain = "s" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    /** A resident's report of the category at the place; returns its public number. */
    String report(String category, double latitude, double longitude, String email) throws Exception {
        var request = multipart("/felanmalan/ny/" + category)
                .param("submissionId", UUID.randomUUID().toString())
                .param("latitude", Double.toString(latitude))
                .param("longitude", Double.toString(longitude))
                .param("f.description", "Vattnet står högt på kajen")
                .param("f.email", email)
                .param("confirmNew", "1");
        request.with(csrf()).with(r -> {
            r.setServerName(VANERSBORG_HOST);
            return r;
        });
        String location = mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return location.substring("/felanmalan/".length(), location.indexOf('?'));
    }

    UUID caseOf(String publicId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT case_id FROM reports.report WHERE public_id = :p")
                        .param("p", publicId)
                        .query(UUID.class)
                        .single());
    }

    /** The case the device's rule opened in this test, once the listener has opened it. */
    UUID sensorCase(String device, String rule) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("""
                                                SELECT s.case_id FROM reports.sensor_case s
                                                JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                                                WHERE s.device = :d AND s.rule = :r AND r.reported_at >= :started
                                                """)
                                        .param("d", device)
                                        .param("r", rule)
                                        .param("started", java.sql.Timestamp.from(started))
                                        .query(UUID.class)
                                        .optional()
                                        .orElse(null)),
                        id -> id != null);
    }

    Map<String, Object> caseRow(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT status, channel, unit, closed_at, result FROM cases.\"case\" WHERE id = :c")
                        .param("c", caseId)
                        .query()
                        .singleRow());
    }

    List<UUID> linkedTo(UUID sensorCase) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT report_case_id FROM reports.sensor_link WHERE sensor_case_id = :s")
                        .param("s", sensorCase)
                        .query(UUID.class)
                        .list());
    }

    List<String> bodiesTo(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(SensorCasesIT::body)
                .toList();
    }

    static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void highWaterOpensASensorCaseInTheDevicesUnitLinksReportsNearbyAndTellsTheirFollowersWhenItIsNormalAgain()
            throws Exception {
        // a resident reported the flooded quay 100 m from the gauge before the alarm, another 3 km away
        String before = "fore@" + domain;
        String near = report("oversvamning", 58.3821, 12.3189, before);
        String far = report("oversvamning", 58.4080, 12.3189, "langt@" + domain);
        // seconds of its own past the minute: another test's readings of the device, a few minutes before, are on the
        // minute, and a firing at the same moment would be that test's submission
        Instant base = Instant.now()
                .minus(Duration.ofMinutes(40))
                .truncatedTo(ChronoUnit.MINUTES)
                .plusSeconds(17);
        TestSensors.send(mvc, LAKE, "level", "m", base, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2);
        UUID sensorCase = sensorCase(LAKE, "hogt-vatten");
        assertThat(caseRow(sensorCase))
                .containsEntry("channel", "SENSOR")
                .containsEntry("unit", "SBF-KOV")
                .containsEntry("status", "mottagen");
        await().atMost(Duration.ofSeconds(20)).until(() -> linkedTo(sensorCase).contains(caseOf(near)));
        assertThat(linkedTo(sensorCase)).doesNotContain(caseOf(far));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> bodiesTo(before).stream().anyMatch(b -> b.contains("larmar om samma sak")));

        // a report sent while the alarm is open is linked too
        String after = "efter@" + domain;
        String later = report("oversvamning", 58.3806, 12.3200, after);
        await().atMost(Duration.ofSeconds(20)).until(() -> linkedTo(sensorCase).contains(caseOf(later)));

        // the staff of the device's unit see the links both ways, and the device
        mvc.perform(atVanersborg(get("/personal/felanmalan/" + sensorCase)).with(water.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(near)))
                .andExpect(content().string(containsString(later)))
                .andExpect(content().string(containsString("/personal/givare/" + LAKE)));
        mvc.perform(atVanersborg(get("/personal/felanmalan/" + caseOf(near))).with(water.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/personal/felanmalan/" + sensorCase)));
        // from the device's page to its case
        mvc.perform(atVanersborg(get("/personal/felanmalan/givare/" + LAKE + "/hogt-vatten"))
                        .with(water.processor()))
                .andExpect(redirectedUrl("/personal/felanmalan/" + sensorCase));
        // the staff of another unit do not see the sensor's case
        mvc.perform(atVanersborg(get("/personal/felanmalan/" + sensorCase)).with(streets.processor()))
                .andExpect(status().isNotFound());

        // the water falls below the clearing level: back to normal, for staff to confirm; the followers are told
        TestSensors.send(mvc, LAKE, "level", "m", base.plusSeconds(12 * 60), 1.95);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "normalt".equals(caseRow(sensorCase).get("status")));
        assertThat(caseRow(sensorCase).get("closed_at")).isNull();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> bodiesTo(before).stream().anyMatch(b -> b.contains("normala värden"))
                        && bodiesTo(after).stream().anyMatch(b -> b.contains("normala värden")));
        assertThat(bodiesTo("langt@" + domain)).noneMatch(b -> b.contains("normala värden"));

        // a report sent once the sensor reads normal is not linked to it
        String afterwards = report("oversvamning", 58.3815, 12.3195, "sedan@" + domain);
        Thread.sleep(1_000);
        assertThat(linkedTo(sensorCase)).doesNotContain(caseOf(afterwards));

        // high water again before staff confirmed: the case is in progress again, not "back to normal"
        TestSensors.send(
                mvc,
                LAKE,
                "level",
                "m",
                base.plusSeconds(14 * 60),
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3,
                2.3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "atgardas".equals(caseRow(sensorCase).get("status")));
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("""
                                        SELECT count(*) FROM reports.sensor_case s
                                        JOIN reports.report r ON r.tenant_id = s.tenant_id AND r.case_id = s.case_id
                                        WHERE s.device = :d AND s.rule = 'hogt-vatten' AND r.reported_at >= :started
                                        """)
                                .param("d", LAKE)
                                .param("started", java.sql.Timestamp.from(started))
                                .query(Long.class)
                                .single()))
                .as("still one case")
                .isEqualTo(1L);
    }

    @Test
    void aFullBinIsTheUnitsCaseOffThePublicMapAndClosesByItselfWhenEmptied() throws Exception {
        // a resident reported litter by the bin: linked for staff, but the public is not told of the bin
        String litter = report("nedskrapning", 58.3803, 12.3245, "skrap@" + domain);
        Instant base = Instant.now()
                .minus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.MINUTES)
                .plusSeconds(23);
        TestSensors.send(mvc, BIN, "fill", "/", base, 0.5, 0.92);
        UUID binCase = sensorCase(BIN, "full-skrapkorg");
        // the bins belong to the device's unit, though reports of litter in the centre go to another by area
        assertThat(caseRow(binCase)).containsEntry("unit", "SBF-KOV").containsEntry("channel", "SENSOR");
        String publicId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT public_id FROM reports.report WHERE case_id = :c")
                        .param("c", binCase)
                        .query(String.class)
                        .single());
        // bin levels are not published: not on the public page, map, list or Open311
        mvc.perform(atVanersborg(get("/felanmalan/" + publicId))).andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/felanmalan/karta.geojson")))
                .andExpect(content().string(not(containsString(publicId))));
        mvc.perform(atVanersborg(get("/open311/v2/requests.json")))
                .andExpect(content().string(not(containsString(publicId))));
        mvc.perform(atVanersborg(get("/felanmalan/givare/" + BIN + "/full-skrapkorg")))
                .andExpect(status().isNotFound());
        // but on the staff's map
        mvc.perform(atVanersborg(get("/personal/felanmalan/karta.geojson")).with(water.processor()))
                .andExpect(content().string(containsString(publicId)));
        mvc.perform(atVanersborg(get("/personal/felanmalan/karta.geojson")).with(streets.processor()))
                .andExpect(content().string(not(containsString(publicId))));

        await().atMost(Duration.ofSeconds(20)).until(() -> linkedTo(binCase).contains(caseOf(litter)));
        mvc.perform(atVanersborg(get("/felanmalan/" + litter)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Skräpkorg"))))
                .andExpect(content().string(not(containsString("Kommunens givare"))));
        // nor may staff merge a public report into the hidden one
        var both = logins().staff(
                        vanersborg,
                        "dora",
                        "Dora Drift",
                        List.of("handlaggare:SBF-DRIFT", "handlaggare:SBF-KOV"),
                        "intern");
        mvc.perform(atVanersborg(get("/personal/felanmalan/" + caseOf(litter))).with(both.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("detta är samma problem som " + publicId))));

        TestSensors.send(mvc, BIN, "fill", "/", base.plusSeconds(5 * 60), 0.05);
        await().atMost(Duration.ofSeconds(20)).until(() -> caseRow(binCase).get("closed_at") != null);
        assertThat(caseRow(binCase)).containsEntry("result", "atgardad");
        assertThat(bodiesTo("skrap@" + domain)).noneMatch(b -> b.contains("normala värden"));
    }
}
