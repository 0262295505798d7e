package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.identity.UserSignature;
import se.samla.identity.demo.TestSignatures;
import se.samla.shared.CurrentTenant;

/**
 * Applications signed with e-ID: the signature is kept with the case it opened, checked again whenever it is shown,
 * and a guardian's co-signature is asked of the other guardian only, who sees exactly what was signed.
 */
class ApplicationSigningIT extends SamlaIntegrationTest {

    static final String TOLVAN = "191212121212";
    static final String ANNA = "198705212382";
    static final String ERIK = "199006022397";
    /** Tolvan's and Anna's child, in the population register stand-in's custody file. */
    static final String CHILD = "201304232398";

    TestLogins.Login tolvan;
    TestLogins.Login anna;
    TestLogins.Login erik;
    CaseIntake intake;
    ApplicationSignatures signatures;
    TestSignatures eid;

    @BeforeEach
    void people() {
        tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", TOLVAN);
        anna = logins().resident(vanersborg, "Anna Testsson", ANNA);
        erik = logins().resident(vanersborg, "Erik Provare", ERIK);
        intake = context.getBean(CaseIntake.class);
        signatures = context.getBean(ApplicationSignatures.class);
        eid = TestSignatures.from(context);
    }

    static Map<String, List<String>> schoolTransport(String child, String school) {
        return Map.of(
                "childPersonalNumber", List.of(child),
                "school", List.of(school),
                "grade", List.of("f-3"),
                "address.street", List.of("Storgatan 1"),
                "address.postalCode", List.of("462 30"),
                "address.city", List.of("Vänersborg"),
                "reason", List.of("avstand"));
    }

    CaseIntake.Application application(TestLogins.Login login, Map<String, List<String>> values, UUID submission) {
        var resident = (SignedInUser.Resident) login.user();
        return new CaseIntake.Application(
                "skolskjuts",
                null,
                new CaseIntake.Reporter(
                        resident.personId(),
                        resident.displayName(),
                        resident.identityNumber().digits(),
                        resident.auditId()),
                new CaseIntake.Submission(
                        submission, SubmissionOwner.resident(resident.personId(), "browser"), resident.auditId()),
                values,
                List.of(),
                CaseIntake.Channel.E_SERVICE);
    }

    /** Signs and sends as the e-service does: the summary to sign, the applicant's e-ID, the case. */
    CaseIntake.Opened signAndSend(TestLogins.Login login, String name, Map<String, List<String>> values) {
        var application = application(login, values, UUID.randomUUID());
        return CurrentTenant.callAs(vanersborg.id(), () -> {
            var summary = intake.toSign(application);
            var signature = eid.sign(
                    application.reporter().identityNumber(), name.split(" ")[0], name.split(" ")[1], summary.digest());
            return intake.openSigned(application, signature);
        });
    }

    @Test
    void aSignedApplicationKeepsItsSignatureWhichStaffAndTheApplicantSeeChecked() throws Exception {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Torpaskolan"));

        var kept = CurrentTenant.callAs(vanersborg.id(), () -> signatures.ofCase(opened.caseId()));
        assertThat(kept).hasSize(2);
        var applicant = kept.get(0);
        assertThat(applicant.role()).isEqualTo(ApplicationSignatures.Role.APPLICANT);
        assertThat(applicant.status()).isEqualTo(ApplicationSignatures.Status.SIGNED);
        assertThat(applicant.summary())
                .contains("\"caseType\":\"skolskjuts\"")
                .contains("\"school\":\"Torpaskolan\"")
                .contains("\"childPersonalNumber\":\"" + CHILD + "\"");

        var officer = logins().staff(vanersborg, "siv", "Siv Skjuts", List.of("handlaggare:BUF-SKJUTS"), "intern");
        mvc.perform(atVanersborg(get("/personal/arenden/" + opened.caseId())).with(officer.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Underskriften är kontrollerad och gäller")))
                .andExpect(content().string(containsString("har inte skrivit under än")));
        mvc.perform(atVanersborg(get("/mina-sidor/arenden/" + opened.caseId())).with(tolvan.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Underskriften är kontrollerad och gäller")));
        String registered = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT description FROM records.entry WHERE case_id = :c AND kind = 'APPLICATION'")
                        .param("c", opened.caseId())
                        .query(String.class)
                        .single());
        assertThat(registered).contains("underskriven med e-legitimation");
    }

    @Test
    void aSignatureKeptWithAChangedSummaryIsShownAsNotHolding() throws Exception {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Rösebo skola"));
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE cases.signature SET summary = replace(summary, 'Rösebo', 'Vänerparken')"
                                + " WHERE case_id = :c AND role = 'APPLICANT'")
                        .param("c", opened.caseId())
                        .update());

        var officer = logins().staff(vanersborg, "siv", "Siv Skjuts", List.of("handlaggare:BUF-SKJUTS"), "intern");
        mvc.perform(atVanersborg(get("/personal/arenden/" + opened.caseId())).with(officer.processor()))
                .andExpect(content().string(containsString("Underskriften gäller inte.")))
                .andExpect(content().string(containsString("har ändrats efter underskriften")));
    }

    @Test
    void anApplicationChangedAfterSigningIsNotSentAndNothingIsStored() {
        var application = application(tolvan, schoolTransport(CHILD, "Torpaskolan"), UUID.randomUUID());
        var changed = application(
                tolvan,
                schoolTransport(CHILD, "Öxnered skola"),
                application.submission().id());
        CurrentTenant.runAs(vanersborg.id(), () -> {
            var summary = intake.toSign(application);
            var signature = eid.sign(TOLVAN, "Tolvan", "Tolvansson", summary.digest());

            assertThatThrownBy(() -> intake.openSigned(changed, signature))
                    .isInstanceOf(CaseIntake.SignedSomethingElse.class);
        });
        assertThat(casesOf(application.submission().id())).isZero();
    }

    @Test
    void aSignatureBySomeoneElseThanTheApplicantIsRefused() {
        var application = application(tolvan, schoolTransport(CHILD, "Torpaskolan"), UUID.randomUUID());
        CurrentTenant.runAs(vanersborg.id(), () -> {
            var summary = intake.toSign(application);
            UserSignature annas = eid.sign(ANNA, "Anna", "Testsson", summary.digest());

            assertThatThrownBy(() -> intake.openSigned(application, annas))
                    .isInstanceOf(CaseIntake.SignedSomethingElse.class);
        });
        assertThat(casesOf(application.submission().id())).isZero();
    }

    @Test
    void someoneWhoIsNotTheChildsGuardianCannotSignForIt() {
        var application = application(erik, schoolTransport(CHILD, "Torpaskolan"), UUID.randomUUID());

        assertThatThrownBy(() -> CurrentTenant.runAs(vanersborg.id(), () -> intake.toSign(application)))
                .isInstanceOfSatisfying(
                        CaseIntake.Refused.class,
                        refused -> assertThat(refused.errors())
                                .extracting(FieldError::field, FieldError::messageKey)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                        "childPersonalNumber", "signing.error.not-guardian")));
    }

    @Test
    void anApplicationThatMustBeSignedCannotComeThroughAChannelThatCannotSign() {
        var resident = (SignedInUser.Resident) tolvan.user();

        assertThatThrownBy(() -> CurrentTenant.runAs(
                        vanersborg.id(),
                        () -> TestIntake.open(
                                intake,
                                "skolskjuts",
                                null,
                                new CaseIntake.Reporter(
                                        resident.personId(), resident.displayName(), TOLVAN, resident.auditId()),
                                UUID.randomUUID(),
                                schoolTransport(CHILD, "Torpaskolan"),
                                CaseIntake.Channel.API)))
                .isInstanceOfSatisfying(
                        CaseIntake.Refused.class,
                        refused -> assertThat(refused.errors())
                                .extracting(FieldError::field)
                                .containsExactly("signature"));
    }

    @Test
    void theOtherGuardianIsAskedSeesWhatWasSignedAndSignsOnce() throws Exception {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Tärnanskolan"));
        var request = CurrentTenant.callAs(
                vanersborg.id(), () -> signatures.ofCase(opened.caseId()).get(1));
        assertThat(request.signerIdentityNumber()).isEqualTo(ANNA);
        assertThat(request.status()).isEqualTo(ApplicationSignatures.Status.WAITING);

        mvc.perform(atVanersborg(get("/mina-sidor")).with(anna.processor()))
                .andExpect(content().string(containsString("Skriv under ansökan: Ansökan om skolskjuts")))
                .andExpect(content().string(containsString("/mina-sidor/underskrifter/" + request.id())));
        mvc.perform(atVanersborg(get("/mina-sidor/underskrifter/" + request.id()))
                        .with(anna.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tärnanskolan")))
                .andExpect(content().string(containsString("Lilla Tolvansson")))
                .andExpect(content().string(containsString(request.summarySha256())));

        // the notice goes by the guardian's way of getting post
        org.awaitility.Awaitility.await()
                .untilAsserted(() -> assertThat(transactions.read(
                                vanersborg.id(),
                                () -> jdbc.sql("SELECT count(*) FROM messaging.letter WHERE kind = 'SIGNATURE_REQUEST'"
                                                + " AND source_id = :s AND identity_number = :n")
                                        .param("s", request.id())
                                        .param("n", ANNA)
                                        .query(Integer.class)
                                        .single()))
                        .isEqualTo(1));

        var annas =
                eid.sign(ANNA, "Anna", "Testsson", request.applicationSummary().digest());
        CurrentTenant.runAs(
                vanersborg.id(), () -> signatures.sign(request.id(), ANNA, "person:anna", annas, type("skolskjuts")));

        var after = CurrentTenant.callAs(vanersborg.id(), () -> signatures.ofCase(opened.caseId()));
        assertThat(after)
                .extracting(ApplicationSignatures.CaseSignature::status)
                .containsOnly(ApplicationSignatures.Status.SIGNED);
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM records.entry WHERE case_id = :c"
                                        + " AND description LIKE 'Underskrift av vårdnadshavare%'")
                                .param("c", opened.caseId())
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
        // signed is signed: a second signature, or a decline after it, is refused
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        vanersborg.id(),
                        () -> signatures.sign(request.id(), ANNA, "person:anna", annas, type("skolskjuts"))))
                .isInstanceOf(ApplicationSignatures.NotOpen.class);
        mvc.perform(
                        atVanersborg(post("/mina-sidor/underskrifter/" + request.id() + "/avsta"))
                                .with(anna.processor())
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void nobodyButTheGuardianAskedSeesOrAnswersTheRequest() throws Exception {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Torpaskolan"));
        var request = CurrentTenant.callAs(
                vanersborg.id(), () -> signatures.ofCase(opened.caseId()).get(1));

        for (var outsider : List.of(erik, tolvan)) {
            mvc.perform(atVanersborg(get("/mina-sidor/underskrifter/" + request.id()))
                            .with(outsider.processor()))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("Torpaskolan"))));
            mvc.perform(atVanersborg(post("/mina-sidor/underskrifter/" + request.id() + "/avsta"))
                            .with(outsider.processor())
                            .with(org.springframework.security.test.web.servlet.request
                                    .SecurityMockMvcRequestPostProcessors.csrf()))
                    .andExpect(status().isNotFound());
        }
        var erikSigns =
                eid.sign(ERIK, "Erik", "Provare", request.applicationSummary().digest());
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        vanersborg.id(),
                        () -> signatures.sign(request.id(), ERIK, "person:erik", erikSigns, type("skolskjuts"))))
                .isInstanceOf(ApplicationSignatures.NotOpen.class);
        assertThat(CurrentTenant.callAs(
                                vanersborg.id(),
                                () -> signatures.ofCase(opened.caseId()).get(1))
                        .status())
                .isEqualTo(ApplicationSignatures.Status.WAITING);
        Integer refusals = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED'"
                                + " AND details LIKE '%' || :r || '%'")
                        .param("r", request.id().toString())
                        .query(Integer.class)
                        .single());
        assertThat(refusals).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aGuardianSignatureOverAnythingButWhatWasShownIsRefused() {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Torpaskolan"));
        var request = CurrentTenant.callAs(
                vanersborg.id(), () -> signatures.ofCase(opened.caseId()).get(1));
        var overOther = eid.sign(ANNA, "Anna", "Testsson", new byte[32]);

        assertThatThrownBy(() -> CurrentTenant.runAs(
                        vanersborg.id(),
                        () -> signatures.sign(request.id(), ANNA, "person:anna", overOther, type("skolskjuts"))))
                .isInstanceOf(CaseIntake.SignedSomethingElse.class);
        assertThat(CurrentTenant.callAs(
                                vanersborg.id(),
                                () -> signatures.ofCase(opened.caseId()).get(1))
                        .status())
                .isEqualTo(ApplicationSignatures.Status.WAITING);
    }

    @Test
    void aDeclineAndATimeOutEachEndTheRequestAndStaffSeeIt() throws Exception {
        var declined = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Torpaskolan"));
        var first = CurrentTenant.callAs(
                vanersborg.id(), () -> signatures.ofCase(declined.caseId()).get(1));
        mvc.perform(
                        atVanersborg(post("/mina-sidor/underskrifter/" + first.id() + "/avsta"))
                                .with(anna.processor())
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Du har avstått från att skriva under")));

        var late = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Rösebo skola"));
        var second = CurrentTenant.callAs(
                vanersborg.id(), () -> signatures.ofCase(late.caseId()).get(1));
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE cases.signature SET due_at = now() - interval '1 minute' WHERE id = :id")
                        .param("id", second.id())
                        .update());
        transactions.call(vanersborg.id(), signatures::expireDue);

        var annas =
                eid.sign(ANNA, "Anna", "Testsson", second.applicationSummary().digest());
        assertThatThrownBy(() -> CurrentTenant.runAs(
                        vanersborg.id(),
                        () -> signatures.sign(second.id(), ANNA, "person:anna", annas, type("skolskjuts"))))
                .isInstanceOf(ApplicationSignatures.NotOpen.class);
        var officer = logins().staff(vanersborg, "siv", "Siv Skjuts", List.of("handlaggare:BUF-SKJUTS"), "intern");
        mvc.perform(atVanersborg(get("/personal/arenden/" + declined.caseId())).with(officer.processor()))
                .andExpect(content().string(containsString("avstod från att skriva under")));
        mvc.perform(atVanersborg(get("/personal/arenden/" + late.caseId())).with(officer.processor()))
                .andExpect(content().string(containsString("skrev inte under i tid")));
    }

    @Test
    void aCaseWhoseAnswersNoLongerMatchWhatWasSignedIsShownAsNotHolding() throws Exception {
        var opened = signAndSend(tolvan, "Tolvan Tolvansson", schoolTransport(CHILD, "Öxneredsskolan"));
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE cases.\"case\" SET answers = jsonb_set(answers, '{school}', '\"Annan skola\"')"
                                + " WHERE id = :c")
                        .param("c", opened.caseId())
                        .update());

        var officer = logins().staff(vanersborg, "siv", "Siv Skjuts", List.of("handlaggare:BUF-SKJUTS"), "intern");
        mvc.perform(atVanersborg(get("/personal/arenden/" + opened.caseId())).with(officer.processor()))
                .andExpect(content().string(containsString("Underskriften gäller inte.")))
                .andExpect(content().string(containsString("inte längre de som skrevs under")));
    }

    @Test
    void aGuardianWithAProtectedIdentityIsNotMadeToShowTheApplicationToTheOtherGuardian() {
        // Erik has a protected identity; Elsa's other guardian is Anna
        var opened = signAndSend(erik, "Erik Provare", schoolTransport("201508122387", "Skyddade skolan"));

        var kept = CurrentTenant.callAs(vanersborg.id(), () -> signatures.ofCase(opened.caseId()));
        assertThat(kept)
                .extracting(ApplicationSignatures.CaseSignature::role)
                .containsExactly(ApplicationSignatures.Role.APPLICANT);
        Integer withheld = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM audit.entry WHERE action = 'CO_SIGNATURES_WITHHELD' AND object_id = :c")
                        .param("c", opened.caseId().toString())
                        .query(Integer.class)
                        .single());
        assertThat(withheld).isEqualTo(1);
    }

    private se.samla.catalog.CaseType type(String code) {
        return context.getBean(se.samla.catalog.Catalog.class)
                .current(vanersborg.id(), code)
                .orElseThrow();
    }

    private int casesOf(UUID submission) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s")
                        .param("s", submission)
                        .query(Integer.class)
                        .single());
    }
}
