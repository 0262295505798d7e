package se.samla.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;

/**
 * Mina sidor shows a resident's cases at the region's other municipalities only on an e-ID of substantial assurance,
 * and never someone else's.
 */
class ResidentElsewhereIT extends SamlaIntegrationTest {

    @Test
    void anotherMunicipalitysCasesShowOnlyOnSubstantialAssurance() throws Exception {
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        String number =
                se.samla.booking.TestBookings.personalIdentityNumber(760).replace("-", "");
        UUID theirs = TestCaseWork.from(context)
                .welfareApplication(trollhattan.id(), UUID.randomUUID(), "Region Testsson", number);
        String reference = transactions.read(
                trollhattan.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :id")
                        .param("id", theirs)
                        .query(String.class)
                        .single());

        var substantial = logins().resident(vanersborg, "Region Testsson", number, 3);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(substantial.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hos Trollhättans stad")))
                .andExpect(content().string(containsString(theirs.toString())));

        var low = logins().resident(vanersborg, "Region Testsson", number, 2);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(low.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Hos Trollhättans stad"))))
                .andExpect(content().string(not(containsString(theirs.toString()))));

        // another resident sees nothing of it
        var other = logins().resident(
                        vanersborg,
                        "Annan Testsson",
                        se.samla.booking.TestBookings.personalIdentityNumber(761)
                                .replace("-", ""),
                        3);
        mvc.perform(atVanersborg(get("/mina-sidor")).with(other.processor()))
                .andExpect(content().string(not(containsString(theirs.toString()))))
                .andExpect(content().string(not(containsString(reference + "<"))));
    }

    @Test
    void anotherMunicipalitysPostAndBookingsShowUnderItsNameAndTheReadingIsAuditedThere() throws Exception {
        String number =
                se.samla.booking.TestBookings.personalIdentityNumber(762).replace("-", "");
        var atHome = logins().resident(vanersborg, "Posten Testsson", number, 3);
        var resident = (se.samla.identity.SignedInUser.Resident) atHome.user();
        var work = TestCaseWork.from(context);
        UUID caseId = work.welfareApplication(vanersborg.id(), resident.personId(), "Posten Testsson", number);
        work.decide(vanersborg.id(), caseId, "avslag", "Inkomsten täcker behovet.", "4 kap. 1 § SoL");
        UUID letter = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT id FROM messaging.letter WHERE case_id = :c AND pdf IS NOT NULL")
                                        .param("c", caseId)
                                        .query(UUID.class)
                                        .optional()
                                        .orElse(null)),
                        id -> id != null);
        var mine = se.samla.booking.TestBookings.bookFirstFree(
                context, vanersborg.id(), resident, "motesrum-kullen", evenings(java.time.DayOfWeek.THURSDAY));
        // someone else, with a booking of their own at Vänersborg
        String othersNumber =
                se.samla.booking.TestBookings.personalIdentityNumber(763).replace("-", "");
        var othersAtHome = (se.samla.identity.SignedInUser.Resident)
                logins().resident(vanersborg, "Annan Testsson", othersNumber, 3).user();
        var theirs = se.samla.booking.TestBookings.bookFirstFree(
                context, vanersborg.id(), othersAtHome, "motesrum-kullen", evenings(java.time.DayOfWeek.TUESDAY));
        int readBefore = readsFromTrollhattan(resident.personId());

        var inTrollhattan =
                logins().resident(tenants.bySlug("trollhattan").orElseThrow(), "Posten Testsson", number, 3);
        mvc.perform(get("/mina-sidor").with(inTrollhattan.processor()).with(r -> {
                    r.setServerName("trollhattan.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hos Vänersborgs kommun")))
                .andExpect(content().string(containsString("<h3>Post</h3>")))
                .andExpect(content().string(containsString("/mina-sidor/post/" + letter + "\"")))
                .andExpect(content().string(containsString("(oläst)")))
                .andExpect(content().string(containsString("<h3>Bokningar och möten</h3>")))
                .andExpect(content().string(containsString("Mötesrummet Kullen (Bekräftad)</a> – " + when(mine))))
                .andExpect(content().string(not(containsString(when(theirs)))));
        // Vänersborg, which holds the letter and the booking, records that they were read from Trollhättan
        org.assertj.core.api.Assertions.assertThat(readsFromTrollhattan(resident.personId()))
                .isEqualTo(readBefore + 1);

        // the other sees their own, and nothing of the first one's
        var other = logins().resident(tenants.bySlug("trollhattan").orElseThrow(), "Annan Testsson", othersNumber, 3);
        mvc.perform(get("/mina-sidor").with(other.processor()).with(r -> {
                    r.setServerName("trollhattan.localhost");
                    return r;
                }))
                .andExpect(content().string(containsString(when(theirs))))
                .andExpect(content().string(not(containsString(when(mine)))))
                .andExpect(content().string(not(containsString(letter.toString()))));
    }

    /** Evenings at eight of that weekday, six to eleven weeks ahead. */
    static java.util.List<java.time.Instant> evenings(java.time.DayOfWeek day) {
        java.util.List<java.time.Instant> evenings = new java.util.ArrayList<>();
        for (int week = 6; week < 12; week++) {
            evenings.add(java.time.LocalDate.now(se.samla.shared.SwedishTime.ZONE)
                    .plusWeeks(week)
                    .with(java.time.temporal.TemporalAdjusters.nextOrSame(day))
                    .atTime(20, 0)
                    .atZone(se.samla.shared.SwedishTime.ZONE)
                    .toInstant());
        }
        return evenings;
    }

    /** A booked hour as Mina sidor shows it. */
    static String when(java.time.Instant start) {
        var from = start.atZone(se.samla.shared.SwedishTime.ZONE);
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(from) + "–"
                + java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(from.plusHours(1));
    }

    /** Vänersborg's audit entries of the person's data read from Mina sidor at Trollhättan. */
    private int readsFromTrollhattan(UUID person) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                        SELECT count(*) FROM audit.entry
                        WHERE action = 'PERSONAL_DATA_READ' AND object_id = :p AND details LIKE '%trollhattan%'
                        """)
                        .param("p", person.toString())
                        .query(Integer.class)
                        .single());
    }
}
