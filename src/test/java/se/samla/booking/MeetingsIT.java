package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.CaseIntake;
import se.samla.cases.TestIntake;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.shared.SwedishTime;

/**
 * Meetings with case officers: an officer offers times, the applicant books one from the case page (no one else can),
 * one meeting per time however many try, both are invited (the officer by e-mail with the calendar file), the case's
 * history says so, the reminder goes the day before, and the officer records whether it was held.
 */
class MeetingsIT extends SamlaIntegrationTest {

    TestLogins.Login anna;
    TestLogins.Login tolvan;
    TestLogins.Login bodil;
    TestLogins.Login gunnel;
    Meetings meetings;

    @BeforeEach
    void setUp() {
        anna = logins().resident(vanersborg, "Anna Testsson", "198705212382");
        tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212");
        bodil = logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        gunnel = logins().staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        meetings = context.getBean(Meetings.class);
    }

    /** Anna's building permit application, open. */
    UUID annasCase() {
        UUID submission = UUID.randomUUID();
        CaseIntake intake = context.getBean(CaseIntake.class);
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var reporter = new CaseIntake.Reporter(
                ((SignedInUser.Resident) anna.user()).personId(),
                "Anna Testsson",
                "198705212382",
                anna.user().auditId());
        Map<String, List<String>> answers = Map.of(
                "property", List.of("Vänersborg Nordstaden 3:12"),
                "address.street", List.of("Sundsgatan 29"),
                "address.postalCode", List.of("462 85"),
                "address.city", List.of("Vänersborg"),
                "measure", List.of("tillbyggnad"),
                "description", List.of("Inglasad altan"),
                "applicantIsOwner", List.of("ja"));
        return transactions
                .call(vanersborg.id(), () -> {
                    TestIntake.receiveFile(
                            intake, submission, "bygglov", "drawings", "Ritning.pdf", pdf, reporter.auditId());
                    return TestIntake.open(
                            intake, "bygglov", null, reporter, submission, answers, CaseIntake.Channel.E_SERVICE);
                })
                .caseId();
    }

    /** Bodil offers a phone time, days ahead at the hour. */
    void offer(TestLogins.Login officer, int days, String start, String end) throws Exception {
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(officer.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).plusDays(days).toString())
                        .param("f.start", start)
                        .param("f.slut", end)
                        .param("f.satt", "PHONE"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mötestiden är utlagd")));
    }

    UUID timeAt(int days, String start) {
        Instant at = LocalDate.now(SwedishTime.ZONE)
                .plusDays(days)
                .atTime(java.time.LocalTime.parse(start))
                .atZone(SwedishTime.ZONE)
                .toInstant();
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM booking.meeting_time WHERE unit = 'SBF-BYGG' AND starts_at = :s")
                        .param("s", java.sql.Timestamp.from(at))
                        .query(UUID.class)
                        .single());
    }

    @Test
    void anOfficersTimeIsCheckedAsItIsOffered() throws Exception {
        // in a unit the officer does not work in, in the past, the wrong way round, a video meeting without a link
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(gunnel.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).plusDays(3).toString())
                        .param("f.start", "10:00")
                        .param("f.slut", "10:30")
                        .param("f.satt", "PHONE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Välj en enhet där du är handläggare")));
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).minusDays(1).toString())
                        .param("f.start", "10:00")
                        .param("f.slut", "10:30")
                        .param("f.satt", "PHONE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Tiden måste ligga framåt")));
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).plusDays(3).toString())
                        .param("f.start", "11:00")
                        .param("f.slut", "10:00")
                        .param("f.satt", "VIDEO")
                        .param("f.lank", "https://video.example/rum"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Sluttiden måste vara efter starttiden")));
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).plusDays(3).toString())
                        .param("f.start", "kl tio")
                        .param("f.slut", "11:00")
                        .param("f.satt", "VIDEO"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Skriv tiden som tt:mm")));
        mvc.perform(atVanersborg(post("/personal/moten"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("f.enhet", "SBF-BYGG")
                        .param(
                                "f.dag",
                                LocalDate.now(SwedishTime.ZONE).plusDays(3).toString())
                        .param("f.start", "10:00")
                        .param("f.slut", "11:00")
                        .param("f.satt", "VIDEO")
                        .param("f.lank", "javascript:alert(1)"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Skriv videolänken")));
    }

    @Test
    void theApplicantBooksAMeetingFromTheCaseAndBothAreInvited() throws Exception {
        UUID caseId = annasCase();
        offer(bodil, 4, "13:00", "13:30");
        UUID time = timeAt(4, "13:00");
        GreenMail mail = context.getBean(GreenMail.class);
        int mailsBefore = mail.getReceivedMessages().length;

        // the case page leads there; another resident cannot book about Anna's case
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Boka ett möte med handläggaren")));
        mvc.perform(atVanersborg(get("/mina-sidor/moten/boka").param("arende", caseId.toString()))
                        .with(tolvan.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/mina-sidor/moten/boka"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("arende", caseId.toString())
                        .param("tid", time.toString()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/moten/boka").param("arende", caseId.toString()))
                        .with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Bodil Bygglovsson")));
        mvc.perform(atVanersborg(post("/mina-sidor/moten/boka"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("arende", caseId.toString())
                        .param("tid", time.toString()))
                .andExpect(status().isFound());

        // the officer's invitation arrives by e-mail with the calendar file; the case page and history show it
        LocksIT.await(() -> mail.getReceivedMessages().length > mailsBefore, "the officer's invitation");
        var invitation = java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().startsWith("bodil");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .reduce((a, b) -> b)
                .orElseThrow();
        MimeMultipart parts = (MimeMultipart) invitation.getContent();
        boolean hasCalendar = false;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getContentType().startsWith("text/calendar")) {
                String ics = new String(
                        parts.getBodyPart(i).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(ics).contains("METHOD:REQUEST").doesNotContain("198705212382");
                new net.fortuna.ical4j.data.CalendarBuilder()
                        .build(new java.io.StringReader(ics))
                        .validate();
                hasCalendar = true;
            }
        }
        assertThat(hasCalendar).isTrue();
        LocksIT.await(
                () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql(
                                                "SELECT count(*) FROM cases.note WHERE case_id = :c AND body LIKE 'Möte bokat%'")
                                        .param("c", caseId)
                                        .query(Integer.class)
                                        .single())
                        == 1,
                "the case's history has the meeting");
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + caseId)).with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Bodil Bygglovsson (Bokat)")));

        // the time is taken now
        mvc.perform(atVanersborg(get("/mina-sidor/moten/boka").param("arende", caseId.toString()))
                        .with(anna.processor()))
                .andExpect(content().string(not(containsString("tid-" + time))));

        // reminded the day before, once
        transactions.run(vanersborg.id(), () -> jdbc.sql("""
                        UPDATE booking.meeting_time SET starts_at = now() + interval '20 hours',
                            ends_at = now() + interval '20 hours 30 minutes' WHERE id = :id
                        """).param("id", time).update());
        assertThat(transactions.call(vanersborg.id(), meetings::remind)).isGreaterThanOrEqualTo(1);
        assertThat(transactions.call(vanersborg.id(), meetings::remind)).isZero();

        // the officer cannot record an outcome before it has begun; Anna cancels, and both are told
        UUID meetingId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM booking.meeting WHERE meeting_time_id = :t")
                        .param("t", time)
                        .query(UUID.class)
                        .single());
        mvc.perform(atVanersborg(post("/personal/moten/" + meetingId + "/utfall"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("utfall", "no-show"))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/mina-sidor/moten/" + meetingId + "/avboka"))
                        .with(tolvan.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/mina-sidor/moten/" + meetingId + "/avboka"))
                        .with(anna.processor())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mötet är avbokat")));
        LocksIT.await(
                () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql(
                                                "SELECT count(*) FROM cases.note WHERE case_id = :c AND body LIKE '%avbokat%'")
                                        .param("c", caseId)
                                        .query(Integer.class)
                                        .single())
                        == 1,
                "the case's history has the cancellation");
    }

    @Test
    void oneMeetingPerTimeHoweverManyTryAndTheOfficerRecordsTheOutcome() throws Exception {
        UUID first = annasCase();
        UUID second = annasCase();
        offer(bodil, 5, "09:00", "09:45");
        UUID time = timeAt(5, "09:00");
        var annaR = (se.samla.identity.SignedInUser.Resident) anna.user();
        var pool = Executors.newFixedThreadPool(8);
        var ready = new CountDownLatch(1);
        List<Callable<Boolean>> tries = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID subject = i % 2 == 0 ? first : second;
            tries.add(() -> {
                ready.await();
                try {
                    transactions.call(
                            vanersborg.id(),
                            () -> meetings.book(
                                    annaR, new MeetingSubjects.Subject("case", subject, "BYGG", "SBF-BYGG"), time));
                    return true;
                } catch (Bookings.Refused refused) {
                    return false;
                }
            });
        }
        var futures = tries.stream().map(pool::submit).toList();
        ready.countDown();
        int won = 0;
        for (var f : futures) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);

        // it began a moment ago: the officer records that it was held
        transactions.run(vanersborg.id(), () -> jdbc.sql("""
                        UPDATE booking.meeting_time SET starts_at = now() - interval '5 minutes',
                            ends_at = now() + interval '40 minutes' WHERE id = :id
                        """).param("id", time).update());
        UUID meetingId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM booking.meeting WHERE meeting_time_id = :t AND status = 'BOOKED'")
                        .param("t", time)
                        .query(UUID.class)
                        .single());
        mvc.perform(atVanersborg(post("/personal/moten/" + meetingId + "/utfall"))
                        .with(gunnel.processor())
                        .with(csrf())
                        .param("utfall", "held"))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/personal/moten/" + meetingId + "/utfall"))
                        .with(bodil.processor())
                        .with(csrf())
                        .param("utfall", "held"))
                .andExpect(status().isOk());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT status FROM booking.meeting WHERE id = :id")
                                .param("id", meetingId)
                                .query(String.class)
                                .single()))
                .isEqualTo("HELD");
    }
}
