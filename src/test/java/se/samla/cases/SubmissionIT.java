package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
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
import se.samla.shared.CurrentTenant;
import se.samla.tenancy.Tenant;

/** Submitting e-services: the happy path, and what must not happen however the form is posted. */
class SubmissionIT extends SamlaIntegrationTest {

    static final String FORM = "/e-tjanster/synpunkt-klagomal/formular";

    @Autowired
    Catalog catalog;

    @Autowired
    CaseIntake intake;

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
        return feedback(submission, version("synpunkt-klagomal"));
    }

    MockMultipartHttpServletRequestBuilder feedback(UUID submission, int version) {
        return (MockMultipartHttpServletRequestBuilder) post(FORM)
                .param("submissionId", submission.toString())
                .param("version", String.valueOf(version))
                .param("f.kind", "forslag")
                .param("f.area", "gata-park")
                .param("f.message", "Fler bänkar i Skräcklanparken.")
                .param("f.wantsAnswer", "nej");
    }

    int casesWithSubmission(UUID submission) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM cases.\"case\" WHERE submission_id = :s")
                        .param("s", submission)
                        .query(Integer.class)
                        .single());
    }

    @Test
    void anAnonymousFeedbackIsReceivedOnceHoweverOftenItIsPosted() throws Exception {
        UUID submission = UUID.randomUUID();
        var first = mvc.perform(feedback(submission))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("/e-tjanster/kvitto/*"))
                .andReturn();
        var session = first.getResponse().getCookie("SAMLA_SESSION");
        assertThat(session).isNotNull();
        var again = mvc.perform(feedback(submission).cookie(session))
                .andExpect(status().isFound())
                .andReturn();
        assertThat(again.getResponse().getRedirectedUrl())
                .isEqualTo(first.getResponse().getRedirectedUrl());
        assertThat(casesWithSubmission(submission)).isEqualTo(1);
        // the anonymous applicant sees the receipt in their own session only
        mvc.perform(get(first.getResponse().getRedirectedUrl()).cookie(session).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("KSF 20")));
        mvc.perform(get(first.getResponse().getRedirectedUrl()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
    }

    @Test
    void concurrentDoubleSubmissionsMakeOneCase() throws Exception {
        UUID submission = UUID.randomUUID();
        Map<String, List<String>> answers = Map.of(
                "kind", List.of("berom"),
                "area", List.of("skola"),
                "message", List.of("Tack!"),
                "wantsAnswer", List.of("nej"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CaseIntake.Opened>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> CurrentTenant.callAs(
                        vanersborg.id(),
                        () -> TestIntake.open(
                                intake,
                                "synpunkt-klagomal",
                                null,
                                CaseIntake.Reporter.anonymous("anonymous"),
                                submission,
                                answers,
                                CaseIntake.Channel.E_SERVICE))));
            }
            Set<String> references = new HashSet<>();
            for (var result : results) {
                references.add(result.get().reference());
            }
            assertThat(references).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(casesWithSubmission(submission)).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsGetConsecutiveNumbersWithoutGapsOrDeadlock() throws Exception {
        Map<String, List<String>> answers = Map.of(
                "kind", List.of("synpunkt"),
                "area", List.of("annat"),
                "message", List.of("Hej"),
                "wantsAnswer", List.of("nej"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<CaseIntake.Opened>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Callable<CaseIntake.Opened> task = () -> CurrentTenant.callAs(
                        vanersborg.id(),
                        () -> TestIntake.open(
                                intake,
                                "synpunkt-klagomal",
                                null,
                                CaseIntake.Reporter.anonymous("anonymous"),
                                UUID.randomUUID(),
                                answers,
                                CaseIntake.Channel.E_SERVICE));
                results.add(pool.submit(task));
            }
            List<Integer> numbers = new ArrayList<>();
            for (var result : results) {
                String reference = result.get().reference();
                assertThat(reference).matches("KSF \\d{4}/\\d{6}");
                numbers.add(Integer.parseInt(reference.substring(reference.indexOf('/') + 1)));
            }
            numbers.sort(Integer::compareTo);
            int lowest = numbers.get(0);
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as("no gaps, no duplicates").isEqualTo(lowest + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFormPostedAgainstAnOlderVersionIsShownAgainWithTheAnswersKept() throws Exception {
        UUID submission = UUID.randomUUID();
        mvc.perform(feedback(submission, version("synpunkt-klagomal") - 1))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Formuläret har ändrats")))
                .andExpect(content().string(containsString("Fler bänkar i Skräcklanparken.")));
        assertThat(casesWithSubmission(submission)).isZero();
    }

    @Test
    void anUnknownCaseTypeIsNotFound() throws Exception {
        mvc.perform(post("/e-tjanster/finns-inte/formular")
                        .param("submissionId", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/e-tjanster/finns-inte").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBrokenSubmissionIdIsABadRequest() throws Exception {
        mvc.perform(post(FORM).param("submissionId", "'; DROP TABLE cases;--")).andExpect(status().isBadRequest());
    }

    @Test
    void anEServiceForResidentsSendsAVisitorToLogIn() throws Exception {
        mvc.perform(get("/e-tjanster/bygglov/formular").with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/logga-in"));
    }

    @Test
    void anExecutableNamedPdfAndAnOversizedFileAreRefusedAndNothingIsLost() throws Exception {
        UUID submission = UUID.randomUUID();
        byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] big = new byte[21 * 1024 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(), 0, big, 0, 9);
        mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(anna.processor())
                        .file(new MockMultipartFile("f.drawings", "ritning.pdf", "application/pdf", executable))
                        .file(new MockMultipartFile("f.drawings", "fasad.pdf", "application/pdf", elf))
                        .file(new MockMultipartFile("f.drawings", "stor.pdf", "application/pdf", big))
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov")))
                        .param("f.property", "Vänersborg Nordstaden 3:12")
                        .param("f.description", "Ett nytt garage"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Filen ritning.pdf är inte av en tillåten typ")))
                .andExpect(content().string(containsString("Filen fasad.pdf är inte av en tillåten typ")))
                .andExpect(content().string(containsString("Filen stor.pdf är för stor")))
                .andExpect(content().string(containsString("Vänersborg Nordstaden 3:12")))
                .andExpect(content().string(containsString("Ett nytt garage")));
        Integer stored = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM cases.attachment WHERE submission_id = :s")
                        .param("s", submission)
                        .query(Integer.class)
                        .single());
        assertThat(stored).isZero();
    }

    @Test
    void aResidentReachesOnlyTheirOwnCasesAndTheRefusalIsAudited() throws Exception {
        UUID submission = UUID.randomUUID();
        var posted = mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(anna.processor())
                        .file(new MockMultipartFile(
                                "f.drawings",
                                "situationsplan.pdf",
                                "application/octet-stream",
                                "%PDF-1.4\n%%EOF\n".getBytes()))
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov")))
                        .param("f.property", "Vänersborg Nordstaden 3:12")
                        .param("f.address.street", "Sundsgatan 29")
                        .param("f.address.postalCode", "462 85")
                        .param("f.address.city", "Vänersborg")
                        .param("f.measure", "tillbyggnad")
                        .param("f.description", "Inglasad veranda")
                        .param("f.applicantIsOwner", "ja"))
                .andExpect(status().isFound())
                .andReturn();
        String caseId = posted.getResponse().getRedirectedUrl().replaceAll(".*/", "");
        String fileId = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id::text FROM cases.attachment WHERE case_id = CAST(:c AS uuid)")
                        .param("c", caseId)
                        .query(String.class)
                        .single());

        mvc.perform(get("/mina-sidor/arenden/" + caseId).with(anna.processor()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Inglasad veranda")));
        mvc.perform(get("/mina-sidor/arenden/" + caseId + "/filer/" + fileId)
                        .with(anna.processor())
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        }))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));

        mvc.perform(get("/mina-sidor/arenden/" + caseId).with(erik.processor()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("Inglasad veranda"))));
        mvc.perform(get("/mina-sidor/arenden/" + caseId + "/filer/" + fileId)
                        .with(erik.processor())
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        }))
                .andExpect(status().isNotFound());
        mvc.perform(get("/mina-sidor").with(erik.processor()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Inglasad veranda"))));

        Integer refusals = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED' AND object_id = :c AND actor_id = :e")
                        .param("c", caseId)
                        .param("e", erik.user().auditId().substring("person:".length()))
                        .query(Integer.class)
                        .single());
        assertThat(refusals).isEqualTo(2);

        // and the other municipality does not know the case at all
        Tenant trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var trollhattanResident = logins().resident(trollhattan, "Anna Testsson", "198705212382");
        mvc.perform(get("/mina-sidor/arenden/" + caseId)
                        .with(trollhattanResident.processor())
                        .with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        }))
                .andExpect(status().isNotFound());
    }

    @Autowired
    Drafts drafts;

    @Test
    void anExpiredDraftGoesWithItsFilesAndTheirContent() throws Exception {
        UUID submission = UUID.randomUUID();
        mvc.perform(post("/e-tjanster/bygglov/formular")
                        .with(anna.processor())
                        .param("action", "spara")
                        .file(new MockMultipartFile(
                                "f.drawings", "utkast.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes()))
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("bygglov"))))
                .andExpect(status().isOk());
        String blobKey = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT blob_key FROM cases.attachment WHERE submission_id = :s")
                        .param("s", submission)
                        .query(String.class)
                        .single());
        java.nio.file.Path content = java.nio.file.Path.of(
                        context.getEnvironment().getProperty("samla.blobs.directory", "data/blobs"))
                .toAbsolutePath()
                .resolve(blobKey);
        assertThat(content).exists();

        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE cases.draft SET expires_at = now() - interval '1 minute' WHERE submission_id = :s")
                        .param("s", submission)
                        .update());
        drafts.removeExpired();

        assertThat(content).doesNotExist();
        Integer left = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT (SELECT count(*) FROM cases.attachment WHERE submission_id = :s) + "
                                + "(SELECT count(*) FROM cases.draft WHERE submission_id = :s)")
                        .param("s", submission)
                        .query(Integer.class)
                        .single());
        assertThat(left).isZero();
    }

    @Test
    void aDraftIsSavedAndResumedWithWhatWasTyped() throws Exception {
        UUID submission = UUID.randomUUID();
        mvc.perform(post("/e-tjanster/skolskjuts/formular")
                        .with(erik.processor())
                        .param("action", "spara")
                        .param("submissionId", submission.toString())
                        .param("version", String.valueOf(version("skolskjuts")))
                        .param("f.school", "Torpaskolan"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ditt utkast är sparat")));
        mvc.perform(get("/e-tjanster/skolskjuts/formular")
                        .with(erik.processor())
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        }))
                .andExpect(content().string(containsString("Torpaskolan")))
                .andExpect(content().string(containsString(submission.toString())));
        mvc.perform(get("/mina-sidor").with(erik.processor()).with(r -> {
                    r.setServerName("vanersborg.localhost");
                    return r;
                }))
                .andExpect(content().string(containsString("Ansökan om skolskjuts")));
        mvc.perform(get("/e-tjanster/skolskjuts/formular")
                        .with(anna.processor())
                        .with(r -> {
                            r.setServerName("vanersborg.localhost");
                            return r;
                        }))
                .andExpect(content().string(not(containsString("Torpaskolan"))));
    }
}
