package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.catalog.Catalog;
import se.samla.identity.TestLogins;

/**
 * A submission id seen on someone else's page, or replayed, gives nothing of its owner's away: not its
 * files, not its receipt, not a change to their draft. Every channel, and concurrent replays.
 */
class SubmissionOwnershipIT extends SamlaIntegrationTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    Catalog catalog;

    @Autowired
    CaseIntake intake;

    @Autowired
    Submissions submissions;

    TestLogins.Login anna;
    TestLogins.Login erik;

    @BeforeEach
    void residents() {
        anna = logins().resident(vanersborg, "Anna Testsson", "198705212382");
        erik = logins().resident(vanersborg, "Erik Provare", "199006022397");
    }

    MockMultipartHttpServletRequestBuilder post(String path) {
        var builder = multipart(path);
        builder.with(request -> {
            request.setServerName("vanersborg.localhost");
            return request;
        });
        builder.with(csrf());
        return builder;
    }

    int version(String code) {
        return catalog.current(vanersborg.id(), code).orElseThrow().version();
    }

    MockMultipartHttpServletRequestBuilder feedback(UUID submission) {
        return (MockMultipartHttpServletRequestBuilder) post("/e-tjanster/synpunkt-klagomal/formular")
                .param("submissionId", submission.toString())
                .param("version", String.valueOf(version("synpunkt-klagomal")))
                .param("f.kind", "synpunkt")
                .param("f.area", "gata-park")
                .param("f.message", "Hemlig synpunkt " + submission)
                .param("f.wantsAnswer", "nej");
    }

    int count(String sql, UUID submission) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(sql).param("s", submission).query(Integer.class).single());
    }

    int refusals(UUID submission) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM audit.entry WHERE action = 'SUBMISSION_REFUSED' AND object_id = :s")
                        .param("s", submission.toString())
                        .query(Integer.class)
                        .single());
    }

    /** Anna's draft of a building permit with a drawing, under the given submission. */
    void annasDraftWithADrawing(UUID submission) throws Exception {
        mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(anna.processor())
                        .param("action", "spara")
                        .file(new MockMultipartFile("f.drawings", "annas-ritning.pdf", "application/pdf", PDF))
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov")))
                        .param("f.description", "Annas garage"))
                .andExpect(status().isOk());
        assertThat(count(
                        "SELECT count(*) FROM cases.attachment WHERE submission_id = :s AND case_id IS NULL",
                        submission))
                .isEqualTo(1);
    }

    @Test
    void anotherResidentWithADraftsSubmissionIdSeesNothingTakesNothingAndBreaksNothing() throws Exception {
        UUID submission = UUID.randomUUID();
        annasDraftWithADrawing(submission);

        // Erik posts the bygglov form with Anna's submission id: no file names, no case, nothing removed
        mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(erik.processor())
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov")))
                        .param("remove", "00000000-0000-0000-0000-000000000000")
                        .param("f.property", "Vänersborg Nordstaden 3:12")
                        .param("f.address.street", "Sundsgatan 29")
                        .param("f.address.postalCode", "462 85")
                        .param("f.address.city", "Vänersborg")
                        .param("f.measure", "tillbyggnad")
                        .param("f.description", "Eriks garage")
                        .param("f.applicantIsOwner", "ja"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("annas-ritning.pdf"))));
        // nor as a draft of his own
        mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(erik.processor())
                        .param("action", "spara")
                        .file(new MockMultipartFile("f.drawings", "eriks.pdf", "application/pdf", PDF))
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov"))))
                .andExpect(status().isNotFound());

        // nor by answering a completion request on a case of his own with it: Anna's files stay hers
        UUID erikSubmission = UUID.randomUUID();
        var posted = mvc.perform(feedback(erikSubmission).with(erik.processor()))
                .andExpect(status().isFound())
                .andReturn();
        String erikCase = posted.getResponse().getRedirectedUrl().replaceAll(".*/", "");
        mvc.perform(post("/mina-sidor/arenden/" + erikCase + "/komplettering/" + UUID.randomUUID())
                        .with(erik.processor())
                        .param("answer", "Här är filerna")
                        .param("submissionId", submission.toString()))
                .andExpect(status().isNotFound());

        assertThat(count(
                        "SELECT count(*) FROM cases.attachment WHERE submission_id = :s AND case_id IS NULL",
                        submission))
                .as("Anna's drawing is still waiting for her")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s", submission))
                .isZero();
        assertThat(refusals(submission)).isEqualTo(3);

        // and Anna finds her draft as she left it
        mvc.perform(get("/e-tjanster/bygglov/formular").with(anna.processor()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("annas-ritning.pdf")))
                .andExpect(content().string(containsString("Annas garage")));
    }

    @Test
    void anAnonymousReplayOfAResidentsSubmissionShowsNoReceipt() throws Exception {
        UUID submission = UUID.randomUUID();
        var sent = mvc.perform(feedback(submission).with(anna.processor()))
                .andExpect(status().isFound())
                .andReturn();
        String receipt = sent.getResponse().getRedirectedUrl();
        String reference = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE submission_id = :s")
                        .param("s", submission)
                        .query(String.class)
                        .single());

        var replay = mvc.perform(feedback(submission))
                .andExpect(status().isNotFound())
                .andReturn();
        assertThat(replay.getResponse().getContentAsString()).doesNotContain(reference);
        Cookie session = replay.getResponse().getCookie("SAMLA_SESSION");
        var receiptPage = get(receipt).with(r -> {
            r.setServerName("vanersborg.localhost");
            return r;
        });
        if (session != null) {
            receiptPage.cookie(session);
        }
        mvc.perform(receiptPage)
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(reference))));
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s", submission))
                .isEqualTo(1);
        assertThat(refusals(submission)).isEqualTo(1);
    }

    @Test
    void anAnonymousSenderSeesTheReceiptInTheirOwnBrowserOnly() throws Exception {
        UUID submission = UUID.randomUUID();
        var page = mvc.perform(get("/e-tjanster/synpunkt-klagomal/formular").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andReturn();
        Cookie session = page.getResponse().getCookie("SAMLA_SESSION");
        assertThat(session).isNotNull();
        var sent = mvc.perform(feedback(submission).cookie(session))
                .andExpect(status().isFound())
                .andReturn();
        var again = mvc.perform(feedback(submission).cookie(session))
                .andExpect(status().isFound())
                .andReturn();
        assertThat(again.getResponse().getRedirectedUrl())
                .isEqualTo(sent.getResponse().getRedirectedUrl());
        mvc.perform(get(sent.getResponse().getRedirectedUrl()).cookie(session).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("KSF 20")));
        // another browser replaying the same post gets nothing
        mvc.perform(feedback(submission)).andExpect(status().isNotFound());
        mvc.perform(get(sent.getResponse().getRedirectedUrl()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s", submission))
                .isEqualTo(1);
    }

    @Test
    void concurrentReplaysInOneBrowserMakeOneCaseAndAllGetTheSameReceipt() throws Exception {
        UUID submission = UUID.randomUUID();
        var page = mvc.perform(get("/e-tjanster/synpunkt-klagomal/formular").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andReturn();
        Cookie session = page.getResponse().getCookie("SAMLA_SESSION");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                replies.add(pool.submit(() -> {
                    var result =
                            mvc.perform(feedback(submission).cookie(session)).andReturn();
                    return result.getResponse().getStatus() + " "
                            + result.getResponse().getRedirectedUrl();
                }));
            }
            Set<String> answers = new HashSet<>();
            for (var reply : replies) {
                answers.add(reply.get());
            }
            assertThat(answers).hasSize(1);
            assertThat(answers.iterator().next()).startsWith("302 /e-tjanster/kvitto/");
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s", submission))
                .isEqualTo(1);
    }

    @Test
    void aDoubleClickWithAFileMakesOneCaseWithOneFile() throws Exception {
        UUID submission = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> {
                    var result = mvc.perform(post("/e-tjanster/bygglov/formular")
                                    .with(anna.processor())
                                    .file(new MockMultipartFile(
                                            "f.drawings", "situationsplan.pdf", "application/pdf", PDF))
                                    .param("submissionId", submission.toString())
                                    .param("version", String.valueOf(version("bygglov")))
                                    .param("f.property", "Vänersborg Nordstaden 3:12")
                                    .param("f.address.street", "Sundsgatan 29")
                                    .param("f.address.postalCode", "462 85")
                                    .param("f.address.city", "Vänersborg")
                                    .param("f.measure", "tillbyggnad")
                                    .param("f.description", "Dubbelklickat garage")
                                    .param("f.applicantIsOwner", "ja"))
                            .andReturn();
                    return result.getResponse().getStatus() + " "
                            + result.getResponse().getRedirectedUrl();
                }));
            }
            Set<String> answers = new HashSet<>();
            for (var reply : replies) {
                answers.add(reply.get());
            }
            assertThat(answers).hasSize(1);
            assertThat(answers.iterator().next()).startsWith("302 /e-tjanster/kvitto/");
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s", submission))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :s", submission))
                .isEqualTo(1);
    }

    @Test
    void concurrentApiReplaysWithAFileMakeOneCaseWithOneFile() throws Exception {
        UUID submission = UUID.randomUUID();
        var client = new CaseIntake.Submission(
                submission, SubmissionOwner.apiClient("vanersborg-bygg-integration"), "client:test");
        Map<String, List<String>> values = Map.of(
                "property",
                List.of("Vänersborg Onsjö 1:7"),
                "address.street",
                List.of("Onsjövägen 3"),
                "address.postalCode",
                List.of("46291"),
                "address.city",
                List.of("Vänersborg"),
                "source",
                List.of("jord"),
                "installer",
                List.of("Värme & Vatten AB"),
                "installerOrganisationNumber",
                List.of("212000-1439"),
                "start",
                List.of(java.time.LocalDate.now().plusDays(30).toString()));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<CaseIntake.Opened>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> transactions.call(
                        vanersborg.id(),
                        () -> intake.open(new CaseIntake.Application(
                                "anmalan-varmepump",
                                null,
                                CaseIntake.Reporter.anonymous("client:test"),
                                client,
                                values,
                                List.of(new CaseIntake.NewFile(
                                        "sitePlan", "plan.pdf", PDF.length, () -> new ByteArrayInputStream(PDF))),
                                CaseIntake.Channel.API)))));
            }
            Set<String> references = new HashSet<>();
            int created = 0;
            for (var reply : replies) {
                references.add(reply.get().reference());
                created += reply.get().created() ? 1 : 0;
            }
            assertThat(references).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(count(
                        "SELECT count(*) FROM cases.attachment a JOIN cases.\"case\" c ON c.tenant_id = a.tenant_id AND c.id = a.case_id "
                                + "WHERE c.submission_id = :s",
                        submission))
                .isEqualTo(1);
        // another client naming the same submission gets nothing
        var other = new CaseIntake.Submission(submission, SubmissionOwner.apiClient("another-client"), "client:other");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.call(
                        vanersborg.id(),
                        () -> intake.open(new CaseIntake.Application(
                                "anmalan-varmepump",
                                null,
                                CaseIntake.Reporter.anonymous("client:other"),
                                other,
                                values,
                                List.of(),
                                CaseIntake.Channel.API))))
                .isInstanceOf(CaseIntake.NotYours.class);
    }

    @Test
    void pendingUploadsAreCappedByTheFormsLimitAndAbandonedOnesAreSwept() throws Exception {
        UUID submission = UUID.randomUUID();
        // the heat pump's site plan takes two files: the third and fourth are refused and not kept
        var sender = new CaseIntake.Submission(
                submission, SubmissionOwner.apiClient("vanersborg-bygg-integration"), "client:test");
        List<FieldError> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] plan = ("%PDF-1.4\n% plan " + i + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
            answers.add(transactions.call(
                    vanersborg.id(),
                    () -> intake.receiveFile(
                            sender,
                            "anmalan-varmepump",
                            new CaseIntake.NewFile(
                                    "sitePlan", "plan.pdf", plan.length, () -> new ByteArrayInputStream(plan)))));
        }
        assertThat(answers.subList(0, 2)).containsOnlyNulls();
        assertThat(answers.subList(2, 4))
                .allSatisfy(e -> assertThat(e.messageKey()).isEqualTo("form.error.too-many-files"));
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :s", submission))
                .isEqualTo(2);
        // the same file sent again is kept once, and does not count as another
        UUID again = UUID.randomUUID();
        var resender = new CaseIntake.Submission(
                again, SubmissionOwner.apiClient("vanersborg-bygg-integration"), "client:test");
        for (int i = 0; i < 3; i++) {
            assertThat(transactions.call(
                            vanersborg.id(),
                            () -> intake.receiveFile(
                                    resender,
                                    "anmalan-varmepump",
                                    new CaseIntake.NewFile(
                                            "sitePlan", "plan.pdf", PDF.length, () -> new ByteArrayInputStream(PDF)))))
                    .isNull();
        }
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :s", again))
                .isEqualTo(1);

        // a day later nobody has sent it and no draft keeps it: files, content and submission go
        String blobKey = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT blob_key FROM cases.attachment WHERE submission_id = :s LIMIT 1")
                        .param("s", submission)
                        .query(String.class)
                        .single());
        java.nio.file.Path content = java.nio.file.Path.of(
                        context.getEnvironment().getProperty("samla.blobs.directory", "data/blobs"))
                .toAbsolutePath()
                .resolve(blobKey);
        assertThat(content).exists();
        UUID kept = UUID.randomUUID();
        annasDraftWithADrawing(kept);
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE cases.submission SET started_at = now() - interval '25 hours' WHERE id IN (:s, :k)")
                        .param("s", submission)
                        .param("k", kept)
                        .update());
        submissions.sweepAbandoned(vanersborg);
        assertThat(content).doesNotExist();
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :s", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM cases.submission WHERE id = :s", submission))
                .isZero();
        assertThat(count("SELECT count(*) FROM cases.attachment WHERE submission_id = :s", kept))
                .as("a draft keeps its files")
                .isEqualTo(1);
    }
}
