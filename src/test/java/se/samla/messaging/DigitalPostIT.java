package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.shared.SwedishTime;

/**
 * Letters from decision to resident: into the demo operator's mailbox over the real protocol, on paper where there
 * is no mailbox or no address, with the receipt and appeal deadline noted on the case, in the register and in Mina
 * sidor; and what happens when the operator is down, slow, or loses its answer.
 */
class DigitalPostIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212"; // has a mailbox at the demo operator
    static final String ANNA = "198705212382"; // no mailbox, an address in the register
    static final String ERIK = "199006022397"; // protected identity: no address to print

    @Autowired
    DemoMailboxes mailboxes;

    @Autowired
    DemoOperatorMisbehaviour misbehaviour;

    @Autowired
    OrganisationCertificates certificates;

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void operatorBackToNormalAndNoChoicesMade() throws java.sql.SQLException {
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.NORMAL);
        misbehaviour.slowness(Duration.ofSeconds(40));
        try (var db = se.samla.platform.TestDatabase.superuser(context);
                var statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM messaging.post_choice");
        }
    }

    record Sent(UUID caseId, UUID letterId, TestLogins.Login login) {}

    Sent decided(String name, String identityNumber) {
        var login = logins().resident(vanersborg, name, identityNumber);
        var resident = (SignedInUser.Resident) login.user();
        var work = TestCaseWork.from(context);
        UUID caseId = work.welfareApplication(vanersborg.id(), resident.personId(), name, identityNumber);
        work.decide(
                vanersborg.id(), caseId, "avslag", "Inkomsten täcker behovet.\n\nDu kan söka igen.", "4 kap. 1 § SoL");
        UUID letterId = await().atMost(Duration.ofSeconds(20)).until(() -> letterOf(caseId), id -> id != null);
        return new Sent(caseId, letterId, login);
    }

    TestLogins.Login registrar() {
        return logins().staff(
                        vanersborg,
                        "post-registrar",
                        "Rune Registrator",
                        List.of("registrator:KSF-KANSLI"),
                        "konfidentiell");
    }

    /** Staff without the registrar's role. */
    TestLogins.Login caseOfficer() {
        return logins().staff(
                        vanersborg, "post-officer", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
    }

    UUID letterOf(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM messaging.letter WHERE case_id = :c AND kind = 'DECISION'")
                        .param("c", caseId)
                        .query(UUID.class)
                        .optional()
                        .orElse(null));
    }

    List<String> dispatches(UUID letterId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                        SELECT channel || ':' || status || ':' || reason FROM messaging.dispatch
                        WHERE letter_id = :l ORDER BY created_at, channel
                        """).param("l", letterId).query(String.class).list());
    }

    String dispatchField(UUID letterId, String channel, String column) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT " + column
                                + "::text FROM messaging.dispatch WHERE letter_id = :l AND channel = :c")
                        .param("l", letterId)
                        .param("c", channel)
                        .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                        .single()
                        .orElse(null));
    }

    /** Makes a waiting dispatch due now, as if its wait had passed. */
    void dueNow(UUID letterId) {
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE messaging.dispatch SET next_attempt_at = now() WHERE letter_id = :l AND status = 'PENDING'")
                        .param("l", letterId)
                        .update());
    }

    @Test
    void aDecisionReachesTheDigitalMailboxAndItsAppealDeadlineRunsFromTheDelivery() throws Exception {
        var sent = decided("Tolvan Tolvansson", TOLVAN);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.equals(List.of("DIGITAL_MAILBOX:DELIVERED:DEFAULT")));
        String messageId = dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "message_id");
        assertThat(mailboxes.copies("162120001439", messageId)).isEqualTo(1);
        assertThat(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "operator"))
                .isEqualTo("Demobrevlådan");

        // what arrived at the operator is the letter itself, a PDF/A-2a with the decision in it
        var arrived = mailboxes.deliveries(TOLVAN).stream()
                .filter(d -> d.subject().contains("Beslut i ärende"))
                .findFirst()
                .orElseThrow();
        byte[] pdf = mailboxes.open(TOLVAN, arrived.id()).orElseThrow();
        assertThat(PdfA.violations2a(pdf)).isEmpty();
        // signed by the municipality (PAdES), the signature intact as it arrived
        var verdict = new DecisionSeal()
                .check(
                        pdf,
                        DecisionSeal.fingerprint(
                                certificates.of(vanersborg.id()).certificate()),
                        certificates.of(vanersborg.id()).certificate());
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.signedBy()).contains("Vänersborgs kommun");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(LetterRendererTest.text(document))
                    .contains("Inkomsten täcker behovet.")
                    .contains("Så överklagar du beslutet")
                    .contains("Sara Socialsekreterare");
        }

        LocalDate today = LocalDate.now(SwedishTime.ZONE);
        LocalDate deadline = SwedishWorkingDays.appealDeadline(today);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var decision = transactions.read(
                    vanersborg.id(),
                    () -> jdbc.sql("SELECT received_via, appeal_until FROM cases.decision WHERE case_id = :c")
                            .param("c", sent.caseId())
                            .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2, LocalDate.class))
                            .single());
            assertThat(decision).isEqualTo("DIGITAL_MAILBOX " + deadline);
            var register = transactions.read(
                    vanersborg.id(),
                    () -> jdbc.sql("SELECT dispatched_via FROM records.entry WHERE case_id = :c AND kind = 'DECISION'")
                            .param("c", sent.caseId())
                            .query(String.class)
                            .single());
            assertThat(register).isEqualTo("DIGITAL_MAILBOX");
        });

        // the resident sees it in Min post with the deadline, and can open it; the reading is audited
        mvc.perform(atVanersborg(get("/mina-sidor/post")).with(sent.login().processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(deadline.toString())));
        mvc.perform(atVanersborg(get("/mina-sidor/post/" + sent.letterId()))
                        .with(sent.login().processor()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));
        assertThat(audited("LETTER_OPENED", sent.letterId())).isEqualTo(1);
    }

    int audited(String action, UUID objectId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = :a AND object_id = :o")
                        .param("a", action)
                        .param("o", objectId.toString())
                        .query(Integer.class)
                        .single());
    }

    @Test
    void aResidentWithoutAMailboxGetsTheDecisionOnPaper() {
        var sent = decided("Anna Testsson", ANNA);

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> dispatches(sent.letterId()),
                        d -> d.equals(List.of("DIGITAL_MAILBOX:REPLACED:NO_MAILBOX", "PAPER:PRINT_QUEUED:NO_MAILBOX")));
    }

    @Test
    void aResidentWithAProtectedIdentityHasNoAddressToPrintSoStaffSendItAnotherWay() throws Exception {
        var sent = decided("Erik Provare", ERIK);

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> dispatches(sent.letterId()),
                        d -> d.equals(List.of("DIGITAL_MAILBOX:REPLACED:NO_MAILBOX", "PAPER:NO_ADDRESS:NO_MAILBOX")));
        String dispatch = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id::text FROM messaging.dispatch WHERE letter_id = :l AND channel = 'PAPER'")
                        .param("l", sent.letterId())
                        .query(String.class)
                        .single());
        var registrar = registrar();
        var officer = caseOfficer();

        mvc.perform(atVanersborg(get("/personal/post")).with(registrar.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Markera")));
        mvc.perform(atVanersborg(get("/personal/post/utskick/" + dispatch + "/brev"))
                        .with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/personal/post/utskick/" + dispatch + "/brev"))
                        .with(registrar.processor()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));

        LocalDate today = LocalDate.now(SwedishTime.ZONE);
        mvc.perform(atVanersborg(post("/personal/post/utskick/" + dispatch + "/skickat"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("sentOn", today.plusDays(2).toString()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(atVanersborg(post("/personal/post/utskick/" + dispatch + "/skickat"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("sentOn", today.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(dispatches(sent.letterId())).contains("PAPER:PRINTED:NO_MAILBOX");
        mvc.perform(atVanersborg(post("/personal/post/utskick/" + dispatch + "/skickat"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("sentOn", today.toString()))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void aPrintBatchWithNothingToPrintIsNotMade() throws Exception {
        var registrar = registrar();
        mvc.perform(atVanersborg(post("/personal/post/utskrift"))
                        .with(registrar.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(atVanersborg(post("/personal/post/utskrift"))
                        .with(registrar.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/personal/post?klart=empty"));
    }

    @Test
    void aLostAnswerIsTriedAgainUnderTheSameMessageIdAndTheResidentGetsOneCopy() {
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.LOSES_ANSWER);
        var sent = decided("Tolvan Tolvansson", TOLVAN);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"), e -> e != null);
        String messageId = dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "message_id");
        assertThat(dispatches(sent.letterId())).containsExactly("DIGITAL_MAILBOX:PENDING:DEFAULT");
        assertThat(mailboxes.copies("162120001439", messageId)).isEqualTo(1);

        misbehaviour.set(DemoOperatorMisbehaviour.Mode.NORMAL);
        dueNow(sent.letterId());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.equals(List.of("DIGITAL_MAILBOX:DELIVERED:DEFAULT")));
        assertThat(mailboxes.copies("162120001439", messageId)).isEqualTo(1);
        assertThat(Integer.parseInt(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "attempts")))
                .isEqualTo(2);
    }

    @Test
    void anOperatorThatStaysDownLeavesTheLetterOnStaffsListAfterItsLastTry() {
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.DOWN);
        var sent = decided("Tolvan Tolvansson", TOLVAN);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"), e -> e != null);
        assertThat(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"))
                .contains("out of order")
                .contains("9001");
        // a wait follows each failed try
        assertThat(dispatches(sent.letterId())).containsExactly("DIGITAL_MAILBOX:PENDING:DEFAULT");

        // as if four more tries had failed: the next is the last
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE messaging.dispatch SET attempts = :n WHERE letter_id = :l")
                        .param("n", PostDispatcher.BACKOFF.size())
                        .param("l", sent.letterId())
                        .update());
        dueNow(sent.letterId());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.equals(List.of("DIGITAL_MAILBOX:FAILED:DEFAULT")));
        assertThat(audited("LETTER_DELIVERY_FAILED", sent.letterId())).isEqualTo(1);
    }

    @Test
    void anOperatorAddressThatIsNoPlaceToSendIsNotSentToAndTheLetterWaitsForStaff() {
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.UNUSABLE_ADDRESS);
        var sent = decided("Tolvan Tolvansson", TOLVAN);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.equals(List.of("DIGITAL_MAILBOX:FAILED:DEFAULT")));
        assertThat(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"))
                .contains("Unusable service address");
        String messageId = dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "message_id");
        assertThat(mailboxes.copies("162120001439", messageId)).isZero();
    }

    @Test
    void aSlowOperatorIsGivenUpOnAtTheTimeoutAndTriedAgainLater() {
        misbehaviour.slowness(Duration.ofSeconds(6));
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.SLOW);
        var sent = decided("Tolvan Tolvansson", TOLVAN);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"), e -> e != null);
        assertThat(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"))
                .startsWith("No answer from");
        assertThat(dispatches(sent.letterId())).containsExactly("DIGITAL_MAILBOX:PENDING:DEFAULT");
    }

    @Test
    void aResidentOpensOnlyTheirOwnLetters() throws Exception {
        var tolvans = decided("Tolvan Tolvansson", TOLVAN);
        var anna = logins().resident(vanersborg, "Anna Testsson", ANNA);

        mvc.perform(atVanersborg(get("/mina-sidor/post/" + tolvans.letterId())).with(anna.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/post/" + UUID.randomUUID())).with(anna.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/mina-sidor/post/inte-ett-id")).with(anna.processor()))
                .andExpect(status().isNotFound());
        assertThat(audited("ACCESS_REFUSED", tolvans.letterId())).isEqualTo(1);

        // the same person in another municipality sees none of Vänersborg's letters
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var elsewhere = logins().resident(trollhattan, "Tolvan Tolvansson", TOLVAN);
        mvc.perform(get("/t/trollhattan/mina-sidor/post/" + tolvans.letterId()).with(elsewhere.processor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theChoiceOfChannelIsCheckedStoredAndAudited() throws Exception {
        var anna = logins().resident(vanersborg, "Anna Testsson", ANNA);
        var resident = (SignedInUser.Resident) anna.user();

        mvc.perform(atVanersborg(post("/mina-sidor/post/installningar"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("f.channel", "EMAIL")
                        .param("f.email", "inte en adress"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("Skriv en e-postadress som namn@exempel.se.")));
        mvc.perform(atVanersborg(post("/mina-sidor/post/installningar"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("f.channel", "BREVDUVA"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("Välj hur du vill få post från kommunen.")));
        assertThat(audited("POST_CHOICE_CHANGED", resident.personId())).isZero();

        mvc.perform(atVanersborg(post("/mina-sidor/post/installningar"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("f.channel", "EMAIL")
                        .param("f.email", "anna@example.org"))
                .andExpect(status().is3xxRedirection());
        assertThat(audited("POST_CHOICE_CHANGED", resident.personId())).isEqualTo(1);
        mvc.perform(atVanersborg(get("/mina-sidor/post/installningar")).with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("anna@example.org")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Du har ingen digital brevlåda")));

        // a decision now waits in Mina sidor with an e-mail notice, and no mailbox question is asked
        var work = TestCaseWork.from(context);
        UUID caseId = work.welfareApplication(vanersborg.id(), resident.personId(), "Anna Testsson", ANNA);
        work.decide(vanersborg.id(), caseId, "beviljat", "Du har rätt till bistånd.", "4 kap. 1 § SoL");
        UUID letterId = await().atMost(Duration.ofSeconds(20)).until(() -> letterOf(caseId), id -> id != null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(letterId), d -> d.equals(List.of("EMAIL:DELIVERED:CHOSEN")));

        // unread for longer than the municipality's days: it goes on paper too
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE messaging.dispatch SET delivered_at = now() - interval '8 days' WHERE letter_id = :l")
                        .param("l", letterId)
                        .update());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(letterId), d -> d.contains("PAPER:PRINT_QUEUED:UNREAD"));
    }

    @Test
    void aPrintBatchHasAnAddressSheetBeforeEachLetterAndPostingItStartsTheAppealPeriod() throws Exception {
        var sent = decided("Anna Testsson", ANNA);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.contains("PAPER:PRINT_QUEUED:NO_MAILBOX"));
        var registrar = registrar();
        var officer = caseOfficer();

        mvc.perform(atVanersborg(get("/personal/post")).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(post("/personal/post/utskrift"))
                        .with(officer.processor())
                        .with(csrf()))
                .andExpect(status().isForbidden());

        mvc.perform(atVanersborg(post("/personal/post/utskrift"))
                        .with(registrar.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        UUID batch = UUID.fromString(dispatchField(sent.letterId(), "PAPER", "print_batch_id"));
        byte[] pdf = mvc.perform(
                        atVanersborg(get("/personal/post/utskrift/" + batch)).with(registrar.processor()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(LetterRendererTest.text(document))
                    .contains("Anna Testsson")
                    .contains("Edsgatan 12 lgh 1102")
                    .contains("462 33 VÄNERSBORG")
                    .contains("Inkomsten täcker behovet.");
        }
        mvc.perform(atVanersborg(get("/personal/post/utskrift/" + batch)).with(officer.processor()))
                .andExpect(status().isForbidden());

        LocalDate today = LocalDate.now(SwedishTime.ZONE);
        for (String bad : List.of(
                "", "igår", today.plusDays(1).toString(), today.minusDays(3).toString())) {
            mvc.perform(atVanersborg(post("/personal/post/utskrift/" + batch + "/skickad"))
                            .with(registrar.processor())
                            .with(csrf())
                            .param("sentOn", bad))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content()
                            .string(org.hamcrest.Matchers.containsString(
                                    "Ange ett datum från den dag bunten skapades till i dag.")));
        }
        assertThat(dispatches(sent.letterId())).contains("PAPER:PRINT_QUEUED:NO_MAILBOX");

        mvc.perform(atVanersborg(post("/personal/post/utskrift/" + batch + "/skickad"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("sentOn", today.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(dispatches(sent.letterId())).contains("PAPER:PRINTED:NO_MAILBOX");
        LocalDate received = SwedishWorkingDays.after(today, 2);
        String decision = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT received_via || ' ' || received_deemed || ' ' || appeal_until FROM cases.decision WHERE case_id = :c")
                        .param("c", sent.caseId())
                        .query(String.class)
                        .single());
        assertThat(decision).isEqualTo("PAPER true " + SwedishWorkingDays.appealDeadline(received));

        mvc.perform(atVanersborg(post("/personal/post/utskrift/" + batch + "/skickad"))
                        .with(registrar.processor())
                        .with(csrf())
                        .param("sentOn", today.toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("redan markerad som skickad")));
    }

    @Test
    void aDisposedCasesLetterKeepsWhatItWasAndWhenNotToWhomOrWhatItSaid() throws Exception {
        var sent = decided("Anna Testsson", ANNA);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(sent.letterId()), d -> d.contains("PAPER:PRINT_QUEUED:NO_MAILBOX"));

        TestCaseWork.from(context).dispose(vanersborg.id(), sent.caseId());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String left = transactions.read(
                    vanersborg.id(),
                    () -> jdbc.sql("""
                            SELECT kind || ' ' || subject || ' ' || coalesce(identity_number, '-') || ' '
                                || coalesce(recipient_name, '-') || ' ' || (pdf IS NULL) || ' ' || coalesce(reference, '-')
                            FROM messaging.letter WHERE id = :l
                            """)
                            .param("l", sent.letterId())
                            .query(String.class)
                            .single());
            assertThat(left).isEqualTo("DECISION DECISION - - true -");
        });
        // nothing of it is left to print or to show
        assertThat(dispatches(sent.letterId())).contains("PAPER:REPLACED:DISPOSED");
        mvc.perform(atVanersborg(get("/mina-sidor/post/" + sent.letterId()))
                        .with(sent.login().processor()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMessageSentAsALetterGoesToTheMailboxButNeedNotGoOnPaper() throws Exception {
        var tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
        var anna = logins().resident(vanersborg, "Anna Testsson", ANNA);
        var work = TestCaseWork.from(context);
        UUID tolvansCase = work.welfareApplication(
                vanersborg.id(), ((SignedInUser.Resident) tolvan.user()).personId(), "Tolvan Tolvansson", TOLVAN);
        UUID annasCase = work.welfareApplication(
                vanersborg.id(), ((SignedInUser.Resident) anna.user()).personId(), "Anna Testsson", ANNA);
        work.messageAsLetter(
                vanersborg.id(), tolvansCase, "Vi har tagit emot dina underlag.\n\nHandläggningen fortsätter.");
        work.messageAsLetter(vanersborg.id(), annasCase, "Vi har tagit emot dina underlag.");

        UUID tolvans =
                await().atMost(Duration.ofSeconds(20)).until(() -> messageLetterOf(tolvansCase), id -> id != null);
        UUID annas = await().atMost(Duration.ofSeconds(20)).until(() -> messageLetterOf(annasCase), id -> id != null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(tolvans), d -> d.equals(List.of("DIGITAL_MAILBOX:DELIVERED:DEFAULT")));
        // not a letter that must be delivered: without a mailbox it waits in Mina sidor only
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatches(annas), d -> d.equals(List.of("DIGITAL_MAILBOX:REPLACED:NO_MAILBOX")));
        mvc.perform(atVanersborg(get("/mina-sidor/post")).with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Meddelande i ärende")));
    }

    UUID messageLetterOf(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM messaging.letter WHERE case_id = :c AND kind = 'MESSAGE'")
                        .param("c", caseId)
                        .query(UUID.class)
                        .optional()
                        .orElse(null));
    }

    @Test
    void aDemoMailboxIsReadByItsHolderOnly() throws Exception {
        var anna = logins().resident(vanersborg, "Anna Testsson", ANNA);
        var tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
        mvc.perform(atVanersborg(get("/demo-brevlada/" + TOLVAN)).with(anna.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/demo-brevlada/" + TOLVAN))).andExpect(status().is3xxRedirection());
        mvc.perform(atVanersborg(get("/demo-brevlada/" + TOLVAN + "/" + UUID.randomUUID()))
                        .with(anna.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/demo-brevlada/" + TOLVAN)).with(tolvan.processor()))
                .andExpect(status().isOk());
    }

    @Test
    void anOutcomeIsNotRecordedOnceItsClaimHasPassedToAnotherInstance() {
        misbehaviour.slowness(Duration.ofSeconds(6));
        misbehaviour.set(DemoOperatorMisbehaviour.Mode.SLOW);
        var sent = decided("Tolvan Tolvansson", TOLVAN);
        // taken by this instance's dispatcher, which now waits on the slow operator
        await().atMost(Duration.ofSeconds(20))
                .until(() -> dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "attempts"), a -> "1".equals(a));
        // meanwhile its claim ran out, and another instance took the letter and delivered it
        transactions.run(
                vanersborg.id(), () -> jdbc.sql("""
                                UPDATE messaging.dispatch SET attempts = 2, status = 'DELIVERED', delivered_at = now()
                                WHERE letter_id = :l
                                """).param("l", sent.letterId()).update());

        // the first one's timeout comes back, and changes nothing
        await().pollDelay(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(dispatches(sent.letterId())).containsExactly("DIGITAL_MAILBOX:DELIVERED:DEFAULT"));
        assertThat(dispatchField(sent.letterId(), "DIGITAL_MAILBOX", "last_error"))
                .isNull();
    }

    @Test
    void aDecisionChangedAfterItWasSignedIsNotHandedOutAsTheMunicipalitys() throws Exception {
        var sent = decided("Anna Testsson", ANNA);
        mvc.perform(atVanersborg(get("/mina-sidor/post/" + sent.letterId()))
                        .with(sent.login().processor()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));
        // the first check, when it was first shown, is kept with the letter
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT signed_by || ' ' || seal_indication || ' ' || (seal_report IS NOT NULL)"
                                        + " FROM messaging.letter WHERE id = :l")
                                .param("l", sent.letterId())
                                .query(String.class)
                                .single()))
                .isEqualTo("Vänersborgs kommun TOTAL_PASSED true");

        // someone with access to the database changes a byte of the signed letter
        transactions.run(
                vanersborg.id(), () -> jdbc.sql("""
                                UPDATE messaging.letter SET pdf = overlay(pdf PLACING '\\x58'::bytea FROM 200 FOR 1)
                                WHERE id = :l
                                """).param("l", sent.letterId()).update());
        mvc.perform(atVanersborg(get("/mina-sidor/post/" + sent.letterId()))
                        .with(sent.login().processor()))
                .andExpect(status().isConflict());
        assertThat(audited("LETTER_SIGNATURE_BROKEN", sent.letterId())).isEqualTo(1);
        assertThat(audited("LETTER_OPENED", sent.letterId()))
                .as("only the first, sound opening")
                .isEqualTo(1);
    }
}
