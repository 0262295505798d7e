package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.TestLogins;

/**
 * "Skriv till oss": a resident writes to a unit at the level it asks for, the unit reads, answers by letter, and makes
 * the thread a case; and every way in that is not theirs (another resident, another unit, a clearance too low, another
 * municipality, ids taken from someone else's page) finds nothing and changes nothing.
 */
class SecureMailboxIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212";
    static final String ANNA = "198705212382";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes();

    @Autowired
    DemoMailboxes mailboxes;

    @Autowired
    SecureMailboxDisposal disposal;

    TestLogins.Login tolvan() {
        return logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
    }

    TestLogins.Login anna() {
        return logins().resident(vanersborg, "Anna Testsson", ANNA);
    }

    TestLogins.Login socialWorker() {
        return logins().staff(vanersborg, "mbx-soc", "Sara Socionom", List.of("handlaggare:SOC-EKB"), "konfidentiell");
    }

    /** Sent to write a message to a unit; answers with the thread's id. */
    UUID write(TestLogins.Login who, String unit, String subject, String body, MockMultipartFile... files)
            throws Exception {
        var request = multipart("/mina-sidor/meddelanden/nytt")
                .param("submissionId", UUID.randomUUID().toString())
                .param("f.unit", unit)
                .param("f.subject", subject)
                .param("f.body", body);
        for (var file : files) {
            request.file(file);
        }
        String location = mvc.perform(
                        atVanersborg(request).with(who.processor()).with(csrf()))
                .andExpect(status().isFound())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return UUID.fromString(location.substring("/mina-sidor/meddelanden/".length(), location.indexOf('?')));
    }

    int version(UUID thread) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM messaging.thread WHERE id = :id")
                        .param("id", thread)
                        .query(Integer.class)
                        .single());
    }

    int count(String sql, UUID id) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(sql).param("id", id).query(Integer.class).single());
    }

    UUID fileOf(UUID thread) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT file_ids[1] FROM messaging.thread_message WHERE thread_id = :id AND sender = 'RESIDENT'")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());
    }

    @Test
    void aResidentWritesToSocialServicesWhoAnswerByLetterIntoTheDigitalMailbox() throws Exception {
        var tolvan = tolvan();
        UUID thread = write(
                tolvan,
                "SOC-EKB",
                "Fråga om mitt bistånd",
                "Hej! Jag undrar hur länge handläggningen brukar ta.",
                new MockMultipartFile("f.bilagor", "hyresavi.pdf", "application/pdf", PDF));
        UUID file = fileOf(thread);

        // the resident sees the thread, waiting for the unit, and can open the file sent
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread + "?skickat"))
                        .with(tolvan.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Fråga om mitt bistånd")))
                .andExpect(content().string(containsString("Väntar på svar från enheten")))
                .andExpect(content().string(containsString("hyresavi.pdf")));
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread + "/filer/" + file))
                        .with(tolvan.processor()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"));

        // the unit's case officer finds it in the inbox, reads it and its file
        var worker = socialWorker();
        mvc.perform(atVanersborg(get("/personal/inkorg")).with(worker.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Fråga om mitt bistånd")))
                .andExpect(content().string(containsString("Tolvan Tolvansson")));
        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread)).with(worker.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Jag undrar hur länge")))
                .andExpect(content().string(containsString("19121212-1212")))
                .andExpect(content().string(containsString("Sekretess")));
        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread + "/filer/" + file))
                        .with(worker.processor()))
                .andExpect(status().isOk());

        // the answer is kept in the thread and goes out as a letter, into Tolvan's digital mailbox
        UUID answerId = UUID.randomUUID();
        for (int click = 0; click < 2; click++) {
            mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/svar"))
                            .with(worker.processor())
                            .with(csrf())
                            .param("version", String.valueOf(click == 0 ? version(thread) : version(thread) - 1))
                            .param("messageId", answerId.toString())
                            .param("f.body", "Hej Tolvan! Det brukar ta två till tre veckor."))
                    .andExpect(status().isFound());
        }
        assertThat(count(
                        "SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id AND sender = 'UNIT'",
                        thread))
                .as("a double click answers once")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("""
                                SELECT d.status FROM messaging.dispatch d JOIN messaging.letter l ON l.tenant_id = d.tenant_id AND l.id = d.letter_id
                                WHERE l.source_id = :id AND l.kind = 'MAILBOX_ANSWER'
                                """)
                                        .param("id", answerId)
                                        .query(String.class)
                                        .list()),
                        statuses -> statuses.equals(List.of("DELIVERED")));
        // the subject line names the unit, not what the resident wrote about
        assertThat(mailboxes.deliveries(TOLVAN))
                .anyMatch(d -> d.subject().contains("Svar på ditt meddelande")
                        && d.subject().contains("Ekonomiskt bistånd"))
                .noneMatch(d -> d.subject().contains("Fråga om mitt bistånd"));

        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden")).with(tolvan.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nytt svar")))
                .andExpect(content().string(containsString("Besvarad")));
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(tolvan.processor()))
                .andExpect(content().string(containsString("Det brukar ta två till tre veckor.")))
                .andExpect(content().string(containsString("Sara Socionom")));
        // the answer was read, so the list no longer says it is new
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden")).with(tolvan.processor()))
                .andExpect(content().string(not(containsString("Nytt svar"))));
    }

    @Test
    void nobodyElseReachesAThreadItsFilesOrItsIds() throws Exception {
        var tolvan = tolvan();
        UUID thread = write(
                tolvan,
                "SOC-EKB",
                "Min skuld",
                "Jag har en skuld som jag behöver hjälp med.",
                new MockMultipartFile("f.bilagor", "skuld.pdf", "application/pdf", PDF));
        UUID file = fileOf(thread);
        var anna = anna();
        var builder =
                logins().staff(vanersborg, "mbx-bygg", "Bodil Bygg", List.of("handlaggare:SBF-BYGG"), "konfidentiell");
        var lowClearance =
                logins().staff(vanersborg, "mbx-soc-low", "Lars Låg", List.of("handlaggare:SOC-EKB"), "intern");

        // another resident
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(anna.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread + "/filer/" + file))
                        .with(anna.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/" + thread))
                        .with(anna.processor())
                        .with(csrf())
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "Jag skriver i någon annans tråd"))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden")).with(anna.processor()))
                .andExpect(content().string(not(containsString("Min skuld"))));
        // staff of another unit, and of the unit with a clearance below the thread's
        for (var staff : List.of(builder, lowClearance)) {
            mvc.perform(atVanersborg(get("/personal/inkorg/" + thread)).with(staff.processor()))
                    .andExpect(status().isNotFound());
            mvc.perform(atVanersborg(get("/personal/inkorg/" + thread + "/filer/" + file))
                            .with(staff.processor()))
                    .andExpect(status().isNotFound());
            mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/svar"))
                            .with(staff.processor())
                            .with(csrf())
                            .param("version", String.valueOf(version(thread)))
                            .param("messageId", UUID.randomUUID().toString())
                            .param("f.body", "Svar från fel enhet"))
                    .andExpect(status().isNotFound());
            mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                            .with(staff.processor())
                            .with(csrf())
                            .param("version", String.valueOf(version(thread)))
                            .param("caseType", "ekonomiskt-bistand"))
                    .andExpect(status().isNotFound());
            mvc.perform(atVanersborg(get("/personal/inkorg?alla")).with(staff.processor()))
                    .andExpect(content().string(not(containsString("Min skuld"))));
        }
        // another municipality does not know the thread at all
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var trollhattanStaff = logins().staff(
                        trollhattan, "mbx-troll", "Tora Troll", List.of("handlaggare:SOC"), "strikt-konfidentiell");
        mvc.perform(get("/personal/inkorg/" + thread)
                        .with(trollhattanStaff.processor())
                        .with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        }))
                .andExpect(status().isNotFound());
        // the file's id is no way in through another thread either: Anna's own thread does not lend it out
        UUID annas = write(anna, "KSF-KANSLI", "Parkering", "Var får jag parkera vid kommunhuset?");
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + annas + "/filer/" + file))
                        .with(anna.processor()))
                .andExpect(status().isNotFound());
        // a message id taken from Tolvan's thread writes nothing in Anna's
        UUID tolvansMessage = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM messaging.thread_message WHERE thread_id = :id")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/" + annas))
                        .with(anna.processor())
                        .with(csrf())
                        .param("messageId", tolvansMessage.toString())
                        .param("f.body", "Med någon annans id"))
                .andExpect(status().isNotFound());
        // and the submission id of Tolvan's thread starts nothing for Anna, nor brings her files into it
        UUID tolvansSubmission = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT submission_id FROM messaging.thread WHERE id = :id")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt")
                                .file(new MockMultipartFile("f.bilagor", "annat.pdf", "application/pdf", PDF)))
                        .with(anna.processor())
                        .with(csrf())
                        .param("submissionId", tolvansSubmission.toString())
                        .param("f.unit", "SOC-EKB")
                        .param("f.subject", "Kapad")
                        .param("f.body", "Med någon annans inlämning"))
                .andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id", thread))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM cases.attachment WHERE submission_id = (SELECT submission_id FROM messaging.thread WHERE id = :id)",
                        thread))
                .isEqualTo(1);
        // every refused look is in the audit log
        assertThat(count(
                        "SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED' AND object_type = 'thread' AND object_id = CAST(:id AS text)",
                        thread))
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void socialServicesAskForAssuranceLevelThreeAndBadInputIsRefusedBesideItsField() throws Exception {
        var lowLevel = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN, 2);
        UUID tolvansId = ((se.samla.identity.SignedInUser.Resident) lowLevel.user()).personId();
        int before = count("SELECT count(*) FROM messaging.thread WHERE person_id = :id", tolvansId);

        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/nytt")).with(lowLevel.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Kräver e-legitimation på tillitsnivå 3")));
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                        .with(lowLevel.processor())
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("f.unit", "SOC-EKB")
                        .param("f.subject", "Bistånd")
                        .param("f.body", "Hej"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("tillitsnivå 3")))
                // what was typed is kept
                .andExpect(content().string(containsString("Bistånd")));
        // the same login may write to a unit that asks for level 2
        write(lowLevel, "KSF-KANSLI", "Allmän fråga", "När har kommunhuset öppet?");

        var tolvan = tolvan();
        // nothing chosen, nothing written, a unit that takes no messages
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("f.unit", "SBF-GATA")
                        .param("f.subject", " ")
                        .param("f.body", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Välj vem du vill skriva till.")))
                .andExpect(content().string(containsString("Skriv ett ämne.")))
                .andExpect(content().string(containsString("Skriv ett meddelande.")));
        // a subject too long
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("f.unit", "SOC-EKB")
                        .param("f.subject", "x".repeat(201))
                        .param("f.body", "Hej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Texten får vara högst 200 tecken.")));
        // a program named .pdf, with a good file beside it: neither is kept, no thread is started
        byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
        UUID submission = UUID.randomUUID();
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt")
                                .file(new MockMultipartFile("f.bilagor", "intyg.pdf", "application/pdf", PDF))
                                .file(new MockMultipartFile("f.bilagor", "kvitto.pdf", "application/pdf", executable)))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", submission.toString())
                        .param("f.unit", "SOC-EKB")
                        .param("f.subject", "Kvitton")
                        .param("f.body", "Här är mina kvitton."))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Filen kvitto.pdf är inte av en tillåten typ")));
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :id", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE submission_id = :id", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE person_id = :id", tolvansId))
                .as("only the level-2 message to the registry was stored")
                .isEqualTo(before + 1);

        // sending one form twice (a double click) starts one thread
        UUID once = UUID.randomUUID();
        for (int click = 0; click < 2; click++) {
            mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                            .with(tolvan.processor())
                            .with(csrf())
                            .param("submissionId", once.toString())
                            .param("f.unit", "BUF-SKJUTS")
                            .param("f.subject", "Skolskjuts i höst")
                            .param("f.body", "Gäller skolskjuts även efter flytten?"))
                    .andExpect(status().isFound());
        }
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE submission_id = :id", once))
                .isEqualTo(1);
    }

    @Test
    void logInFirst() throws Exception {
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/nytt"))).andExpect(status().isFound());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                        .with(csrf())
                        .param("submissionId", UUID.randomUUID().toString())
                        .param("f.unit", "KSF-KANSLI")
                        .param("f.subject", "Anonymt")
                        .param("f.body", "Utan inloggning"))
                .andExpect(status().isFound());
        // staff are not residents: they have an inbox, not this form
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/nytt"))
                        .with(socialWorker().processor()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aThreadBecomesACaseWithItsFilesAndGoesOnThere() throws Exception {
        var tolvan = tolvan();
        UUID thread = write(
                tolvan,
                "SOC-EKB",
                "Jag behöver hjälp med hyran",
                "Jag har blivit arbetslös och klarar inte hyran i december.",
                new MockMultipartFile("f.bilagor", "uppsagning.pdf", "application/pdf", PDF));
        var worker = socialWorker();
        int version = version(thread);

        // a case type of another unit is not offered, and not taken
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version))
                        .param("caseType", "bygglov"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Välj en ärendetyp som enheten handlägger.")));
        // a page shown before the resident wrote again is stale: no case is made
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/" + thread))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "Jag glömde: jag har två barn."))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version))
                        .param("caseType", "ekonomiskt-bistand"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Någon annan har ändrat tråden")));
        assertThat(count(
                        "SELECT count(*) FROM cases.\"case\" WHERE submission_id = (SELECT submission_id FROM messaging.thread WHERE id = :id)",
                        thread))
                .isZero();

        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseType", "ekonomiskt-bistand"))
                .andExpect(status().isFound());

        record Made(UUID id, String reference, String channel, String confidentiality, UUID applicant, int files) {}
        Made made = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                        SELECT c.id, c.reference, c.channel, c.confidentiality, c.applicant_person_id,
                            (SELECT count(*) FROM cases.attachment a WHERE a.case_id = c.id) AS files
                        FROM cases."case" c JOIN messaging.thread t ON t.tenant_id = c.tenant_id AND t.case_id = c.id WHERE t.id = :id
                        """)
                        .param("id", thread)
                        .query((rs, n) -> new Made(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getObject(5, UUID.class),
                                rs.getInt(6)))
                        .single());
        assertThat(made.channel()).isEqualTo("SECURE_MAILBOX");
        assertThat(made.confidentiality()).isEqualTo("CONFIDENTIAL");
        assertThat(made.applicant()).isEqualTo(((se.samla.identity.SignedInUser.Resident) tolvan.user()).personId());
        assertThat(made.files()).isEqualTo(1);
        // registered as any new case, with its file
        assertThat(count("SELECT count(*) FROM records.entry WHERE case_id = :id", made.id()))
                .isGreaterThanOrEqualTo(2);

        // the case shows the messages as its application, to the case officer and in Mina sidor
        mvc.perform(atVanersborg(get("/personal/arenden/" + made.id())).with(worker.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Meddelanden via Skriv till oss")))
                .andExpect(content().string(containsString("jag har två barn")));
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + made.id())).with(tolvan.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("klarar inte hyran")))
                .andExpect(content().string(containsString("uppsagning.pdf")));
        // the thread points there and takes no more
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(tolvan.processor()))
                .andExpect(content().string(containsString("Tråden finns nu i ärende " + made.reference())));
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/" + thread))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "En sak till"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Skriv i ärendet i stället")));
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseType", "ekonomiskt-bistand"))
                .andExpect(status().isConflict());
        assertThat(count(
                        "SELECT count(*) FROM cases.\"case\" WHERE applicant_person_id = (SELECT person_id FROM messaging.thread WHERE id = :id) AND channel = 'SECURE_MAILBOX'",
                        thread))
                .isEqualTo(1);
    }

    @Test
    void aClosedThreadIsDisposedOfWithItsFilesAndWhatItsAnswerSaid() throws Exception {
        var anna = anna();
        UUID thread = write(
                anna,
                "KSF-KANSLI",
                "Kopia av protokoll",
                "Kan jag få protokollet från senaste fullmäktige?",
                new MockMultipartFile("f.bilagor", "fraga.pdf", "application/pdf", PDF));
        var registrar = logins().staff(
                        vanersborg, "mbx-kansli", "Rune Registrator", List.of("registrator:KSF-KANSLI"), "intern");
        UUID answer = UUID.randomUUID();
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/svar"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("messageId", answer.toString())
                        .param("f.body", "Protokollet finns på kommunens webbplats."))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/avsluta"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread))))
                .andExpect(status().isFound());
        UUID submission = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT submission_id FROM messaging.thread WHERE id = :id")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());

        // kept while its unit keeps closed threads (a year in the demo)
        disposal.dispose(vanersborg);
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE id = :id", thread))
                .isEqualTo(1);

        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE messaging.thread SET closed_at = now() - interval '366 days' WHERE id = :id")
                        .param("id", thread)
                        .update());
        disposal.dispose(vanersborg);
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE id = :id", thread))
                .isZero();
        assertThat(count("SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id", thread))
                .isZero();
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :id", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM cases.submission WHERE id = :id", submission))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM messaging.letter WHERE source_id = :id AND pdf IS NULL AND person_id IS NULL",
                        answer))
                .isEqualTo(1);
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(anna.processor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aThreadAboutAnOpenCaseJoinsItAndIsRegisteredThere() throws Exception {
        var anna = anna();
        var resident = (se.samla.identity.SignedInUser.Resident) anna.user();
        var work = se.samla.cases.TestCaseWork.from(context);
        UUID annasCase = work.welfareApplication(vanersborg.id(), resident.personId(), "Anna Testsson", ANNA);
        var tolvan = (se.samla.identity.SignedInUser.Resident) tolvan().user();
        UUID tolvansCase = work.welfareApplication(vanersborg.id(), tolvan.personId(), "Tolvan Tolvansson", TOLVAN);
        UUID thread = write(
                anna,
                "SOC-EKB",
                "Lönebesked till min ansökan",
                "Här kommer lönebeskedet ni bad om.",
                new MockMultipartFile("f.bilagor", "lonebesked.pdf", "application/pdf", PDF));
        var worker = socialWorker();

        // the thread offers Anna's open case of the unit, not Tolvan's
        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread)).with(worker.processor()))
                .andExpect(content().string(containsString("Lägg till i pågående ärende")))
                .andExpect(content().string(containsString(annasCase.toString())))
                .andExpect(content().string(not(containsString(tolvansCase.toString()))));
        // another resident's case id, taken from elsewhere, is refused and nothing moves
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/till-arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseId", tolvansCase.toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Välj ett av invånarens pågående ärenden i enheten.")));
        assertThat(count("SELECT count(*) FROM cases.message WHERE case_id = :id", tolvansCase))
                .isZero();

        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/till-arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseId", annasCase.toString()))
                .andExpect(status().isFound());
        assertThat(count(
                        "SELECT count(*) FROM cases.message WHERE case_id = :id AND direction = 'FROM_RESIDENT' AND body LIKE '%lönebeskedet%'",
                        annasCase))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM cases.attachment WHERE case_id = :id AND filename = 'lonebesked.pdf'",
                        annasCase))
                .isEqualTo(1);
        // the message and its file are registered in the case
        assertThat(count(
                        "SELECT count(*) FROM records.entry WHERE case_id = :id AND kind IN ('MESSAGE', 'FILE') AND direction = 'INCOMING'",
                        annasCase))
                .isEqualTo(2);
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(anna.processor()))
                .andExpect(content().string(containsString("Tråden finns nu i ärende")));
    }

    @Autowired
    se.samla.cases.CaseIntake intake;

    @Autowired
    se.samla.catalog.Catalog catalog;

    /** A building permit case of Anna's, public as its case type, opened as a written message would open it. */
    UUID annasBuildingCase() {
        var anna = (se.samla.identity.SignedInUser.Resident) anna().user();
        return transactions.call(
                vanersborg.id(),
                () -> se.samla.cases.TestIntake.open(
                                intake,
                                "bygglov",
                                "SBF-BYGG",
                                new se.samla.cases.CaseIntake.Reporter(
                                        anna.personId(), "Anna Testsson", ANNA, anna.auditId()),
                                UUID.randomUUID(),
                                java.util.Map.of(se.samla.cases.CaseIntake.WRITTEN_MESSAGE, List.of("Ett garage")),
                                se.samla.cases.CaseIntake.Channel.SECURE_MAILBOX)
                        .caseId());
    }

    @Test
    void whatWasWrittenInConfidenceGoesIntoNoCaseThatMoreMayRead() throws Exception {
        UUID publicCase = annasBuildingCase();
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT confidentiality FROM cases.\"case\" WHERE id = :id")
                                .param("id", publicCase)
                                .query(String.class)
                                .single()))
                .isEqualTo("PUBLIC");
        var anna = anna();
        // the building permits unit keeps its threads internal
        UUID thread = write(anna, "SBF-BYGG", "Grannens garage", "Jag vill inte att grannen ser det här.");
        var builder = logins().staff(
                        vanersborg, "mbx-bygg-2", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");

        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread)).with(builder.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Lägg till i pågående ärende"))));
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/till-arende"))
                        .with(builder.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseId", publicCase.toString()))
                .andExpect(status().isUnprocessableContent());
        assertThat(count("SELECT count(*) FROM cases.message WHERE case_id = :id", publicCase))
                .isZero();

        // a case made of it is internal too, above its public case type
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(builder.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseType", "bygglov"))
                .andExpect(status().isFound());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("""
                                SELECT c.confidentiality FROM cases."case" c JOIN messaging.thread t ON t.tenant_id = c.tenant_id AND t.case_id = c.id
                                WHERE t.id = :id
                                """)
                                .param("id", thread)
                                .query(String.class)
                                .single()))
                .isEqualTo("INTERNAL");
    }

    @Test
    void aLoginBelowTheUnitsLevelReadsNothingOfItsThreads() throws Exception {
        UUID thread = write(
                tolvan(),
                "SOC-EKB",
                "Skulder",
                "Jag har skulder hos Kronofogden.",
                new MockMultipartFile("f.bilagor", "skuld.pdf", "application/pdf", PDF));
        UUID file = fileOf(thread);
        var lowLevel = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN, 2);
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread)).with(lowLevel.processor()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("Kronofogden"))));
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden/" + thread + "/filer/" + file))
                        .with(lowLevel.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/" + thread))
                        .with(lowLevel.processor())
                        .with(csrf())
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "Med en svagare inloggning"))
                .andExpect(status().isForbidden());
        // its list shows that the thread is there, not what it is about
        mvc.perform(atVanersborg(get("/mina-sidor/meddelanden")).with(lowLevel.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Skulder"))))
                .andExpect(content().string(containsString("tillitsnivå 3 för att se det här meddelandet")));
        assertThat(count("SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id", thread))
                .isEqualTo(1);
    }

    @Test
    void aFormAndAThreadNeverShareASubmission() throws Exception {
        var tolvan = tolvan();
        UUID thread = write(
                tolvan,
                "KSF-KANSLI",
                "Synpunkt",
                "Bra bibliotek!",
                new MockMultipartFile("f.bilagor", "bild.pdf", "application/pdf", PDF));
        UUID submission = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT submission_id FROM messaging.thread WHERE id = :id")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());
        // the thread's submission sent through an e-service form opens nothing and takes nothing
        mvc.perform(atVanersborg(post("/e-tjanster/synpunkt-klagomal/formular"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", submission.toString())
                        .param("f.message", "Kapad inlämning"))
                .andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :id", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :id", submission))
                .isEqualTo(1);

        // and a form's submission does not start a thread
        UUID formSubmission = UUID.randomUUID();
        mvc.perform(atVanersborg(post("/e-tjanster/synpunkt-klagomal/formular"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", formSubmission.toString())
                        .param(
                                "version",
                                String.valueOf(catalog.current(vanersborg.id(), "synpunkt-klagomal")
                                        .orElseThrow()
                                        .version()))
                        .param("f.kind", "synpunkt")
                        .param("f.area", "annat")
                        .param("f.message", "Ett riktigt formulär")
                        .param("f.wantsAnswer", "nej"))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("submissionId", formSubmission.toString())
                        .param("f.unit", "KSF-KANSLI")
                        .param("f.subject", "Med formulärets id")
                        .param("f.body", "Hej"))
                .andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE submission_id = :id", formSubmission))
                .isZero();
    }

    @Test
    void onlyCaseOfficersAndRegistrarsOfTheUnitAnswerAndAnotherMunicipalityWritesNothing() throws Exception {
        UUID thread = write(anna(), "KSF-KANSLI", "Öppettider", "När öppnar receptionen?");
        var archivist = logins().staff(
                        vanersborg, "mbx-arkiv", "Arne Arkivarie", List.of("arkivarie:KSF-KANSLI"), "konfidentiell");
        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread)).with(archivist.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Skicka svaret"))));
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/svar"))
                        .with(archivist.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "Ett svar från arkivet"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Bara handläggare och registratorer")));

        // an archivist's look does not tell the resident that their message was read
        assertThat(count(
                        "SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id AND read_at IS NULL",
                        thread))
                .isEqualTo(1);
        // and a made-up "done" in the address says nothing
        mvc.perform(atVanersborg(get("/personal/inkorg/" + thread + "?klart=nagot"))
                        .with(archivist.processor()))
                .andExpect(status().isOk());

        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var elsewhere = logins().staff(
                        trollhattan,
                        "mbx-troll-2",
                        "Tore Trollhättebo",
                        List.of("registrator:KSF"),
                        "strikt-konfidentiell");
        for (String path : List.of("/svar", "/avsluta", "/arende")) {
            mvc.perform(post("/personal/inkorg/" + thread + path)
                            .with(elsewhere.processor())
                            .with(csrf())
                            .with(r -> {
                                r.setServerName("trollhattan.localhost");
                                return r;
                            })
                            .param("version", String.valueOf(version(thread)))
                            .param("messageId", UUID.randomUUID().toString())
                            .param("caseType", "synpunkt-klagomal")
                            .param("f.body", "Från fel kommun"))
                    .andExpect(status().isNotFound());
        }
        assertThat(count("SELECT count(*) FROM messaging.thread_message WHERE thread_id = :id", thread))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE id = :id AND status = 'OPEN'", thread))
                .isEqualTo(1);
    }

    @Test
    void aThreadInACaseGoesWithTheCasesDisposalAndAnAnsweredOneIsClosedWhenLeft() throws Exception {
        var tolvan = tolvan();
        UUID thread = write(tolvan, "SOC-EKB", "Hyra", "Hjälp med hyran.");
        var worker = socialWorker();
        mvc.perform(atVanersborg(post("/personal/inkorg/" + thread + "/arende"))
                        .with(worker.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(thread)))
                        .param("caseType", "ekonomiskt-bistand"))
                .andExpect(status().isFound());
        UUID caseId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT case_id FROM messaging.thread WHERE id = :id")
                        .param("id", thread)
                        .query(UUID.class)
                        .single());
        var work = se.samla.cases.TestCaseWork.from(context);
        work.decide(vanersborg.id(), caseId, "avslag", "Inkomsten räcker.", "4 kap. 1 § SoL");
        work.dispose(vanersborg.id(), caseId);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM messaging.thread WHERE id = :id", thread), n -> n == 0);

        // answered, and the resident never came back: closed after sixty days, then kept as its unit says
        UUID answered = write(anna(), "KSF-KANSLI", "Parkering", "Var parkerar jag?");
        var registrar = logins().staff(
                        vanersborg, "mbx-kansli-2", "Rune Registrator", List.of("registrator:KSF-KANSLI"), "intern");
        mvc.perform(atVanersborg(post("/personal/inkorg/" + answered + "/svar"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("version", String.valueOf(version(answered)))
                        .param("messageId", UUID.randomUUID().toString())
                        .param("f.body", "Bakom kommunhuset."))
                .andExpect(status().isFound());
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE messaging.thread SET updated_at = now() - interval '61 days' WHERE id = :id")
                        .param("id", answered)
                        .update());
        disposal.dispose(vanersborg);
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE id = :id AND status = 'CLOSED'", answered))
                .isEqualTo(1);
    }

    @Test
    void twoPostsOfOneFormAtOnceStartOneThread() throws Exception {
        var tolvan = tolvan();
        UUID once = UUID.randomUUID();
        java.util.concurrent.Callable<Integer> send =
                () -> mvc.perform(atVanersborg(multipart("/mina-sidor/meddelanden/nytt")
                                        .file(new MockMultipartFile("f.bilagor", "samma.pdf", "application/pdf", PDF)))
                                .with(tolvan.processor())
                                .with(csrf())
                                .param("submissionId", once.toString())
                                .param("f.unit", "KSF-KANSLI")
                                .param("f.subject", "Samtidigt")
                                .param("f.body", "Två flikar skickar samma formulär."))
                        .andReturn()
                        .getResponse()
                        .getStatus();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(send);
            var second = pool.submit(send);
            assertThat(List.of(first.get(), second.get())).containsExactly(302, 302);
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM messaging.thread WHERE submission_id = :id", once))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :id", once))
                .isEqualTo(1);
    }
}
