package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.platform.TestDatabase;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** Disposal: the dry run lists what the run disposes of, a legal hold is respected, and a crash leaves no case half done. */
class DisposalIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    CaseQueries queries;

    @Autowired
    Disposal disposal;

    @Autowired
    DiskBlobStore blobs;

    LocalDate today;

    @BeforeEach
    void setUp() {
        today = LocalDate.now(SwedishTime.ZONE);
    }

    /** A closed financial-assistance case with a file, a message, a note and a decision, past its disposal date. */
    private UUID closedCaseDueForDisposal(String marker) {
        UUID submission = UUID.randomUUID();
        var opened = transactions.call(vanersborg.id(), () -> {
            TestIntake.receiveFile(
                    intake,
                    submission,
                    "ekonomiskt-bistand",
                    "documents",
                    "kontoutdrag-" + marker + ".pdf",
                    "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                    "person:test");
            return TestIntake.open(
                    intake,
                    "ekonomiskt-bistand",
                    null,
                    new CaseIntake.Reporter(null, "Gallrad Person " + marker, "191212121212", "person:test"),
                    submission,
                    TestIntake.welfareApplication("Text " + marker, "gallrad@example.org"),
                    CaseIntake.Channel.E_SERVICE);
        });
        var worker = new CaseWork.Worker("staff:test", "Test Handläggare");
        CurrentTenant.callAs(vanersborg.id(), () -> {
            var c = queries.byId(opened.caseId()).orElseThrow();
            work.message(c, true, "Meddelande " + marker, worker);
            work.note(c, "Anteckning " + marker, worker);
            work.decide(
                    queries.byId(opened.caseId()).orElseThrow(),
                    c.version(),
                    "avslag",
                    "Skäl " + marker,
                    "4 kap. 1 § SoL",
                    worker);
            return null;
        });
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE cases.\"case\" SET disposal_on = :d WHERE id = :c")
                        .param("d", today.minusDays(1))
                        .param("c", opened.caseId())
                        .update());
        return opened.caseId();
    }

    private String blobKeyOf(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT blob_key FROM cases.attachment WHERE case_id = :c")
                        .param("c", caseId)
                        .query(String.class)
                        .single());
    }

    private Map<String, Object> contentOf(UUID caseId) {
        return transactions.read(
                vanersborg.id(), () -> jdbc.sql("""
                SELECT c.answers::text AS answers, c.applicant_name, c.disposed_at IS NOT NULL AS disposed,
                  (SELECT count(*) FROM cases.message m WHERE m.case_id = c.id) AS messages,
                  (SELECT count(*) FROM cases.note n WHERE n.case_id = c.id) AS notes,
                  (SELECT count(*) FROM cases.decision d WHERE d.case_id = c.id) AS decisions,
                  (SELECT count(*) FROM cases.attachment a WHERE a.case_id = c.id) AS files,
                  (SELECT count(*) FROM cases.disposal_record r WHERE r.case_id = c.id) AS records
                FROM cases."case" c WHERE c.id = :c
                """).param("c", caseId).query().singleRow());
    }

    private List<UUID> dueNow() {
        return CurrentTenant.callAs(vanersborg.id(), () -> disposal.due(today)).stream()
                .map(Disposal.Due::caseId)
                .toList();
    }

    @Test
    void theDryRunListsExactlyWhatTheRunDisposesOfAndNothingRemainsOfIt() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        UUID first = closedCaseDueForDisposal(marker);
        UUID second = closedCaseDueForDisposal(marker + "b");
        String key = blobKeyOf(first);
        List<UUID> dryRun = dueNow();
        assertThat(dryRun).contains(first, second);

        var outcome = CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));

        assertThat(outcome.disposed().stream().map(Disposal.Due::caseId).toList())
                .containsExactlyInAnyOrderElementsOf(dryRun);
        assertThat(outcome.failed()).isEmpty();
        var left = contentOf(first);
        assertThat(left.get("answers")).isEqualTo("{}");
        assertThat(left.get("applicant_name")).isNull();
        assertThat(left)
                .containsEntry("disposed", true)
                .containsEntry("messages", 0L)
                .containsEntry("notes", 0L)
                .containsEntry("decisions", 0L)
                .containsEntry("files", 0L)
                .containsEntry("records", 1L);
        assertThatThrownBy(() -> blobs.open(key)).isInstanceOf(NoSuchFileException.class);
        var record = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT reference, case_type, retention_reference, disposed::text FROM cases.disposal_record WHERE case_id = :c")
                        .param("c", first)
                        .query()
                        .singleRow());
        assertThat(record.get("case_type")).isEqualTo("ekonomiskt-bistand");
        assertThat(record.get("retention_reference")).isEqualTo("IHP SOC 4.2.1");
        assertThat((String) record.get("disposed"))
                .contains("\"files\": 1")
                .contains("\"messages\": 1")
                .contains("\"notes\": 1");
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'CASE_DISPOSED' AND object_id = :c")
                                .param("c", first.toString())
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
        // nothing of it can be found by search any more
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM cases.matching_cases(:t, :q, ARRAY['SOC-EKB'], ARRAY['CONFIDENTIAL'], 10) m WHERE m = :c")
                                .param("t", vanersborg.id().value())
                                .param("q", "Gallrad")
                                .param("c", first)
                                .query(Integer.class)
                                .single()))
                .isZero();
        // a second run finds nothing more to do
        assertThat(dueNow()).doesNotContain(first, second);
    }

    @Test
    void aLegalHoldKeepsACaseUntilItIsLifted() {
        UUID held = closedCaseDueForDisposal(UUID.randomUUID().toString().substring(0, 8));
        CurrentTenant.callAs(
                vanersborg.id(),
                () -> disposal.hold(held, "Tvist i förvaltningsrätten, mål 1234-26", "staff:arkivarie"));
        assertThat(dueNow()).doesNotContain(held);
        CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));
        assertThat(contentOf(held))
                .containsEntry("disposed", false)
                .containsEntry("messages", 1L)
                .containsEntry("files", 1L);
        CurrentTenant.callAs(vanersborg.id(), () -> disposal.hold(held, null, "staff:arkivarie"));
        assertThat(dueNow()).contains(held);
    }

    @Test
    void aRunThatFailsInTheMiddleOfACaseLeavesItWholeAndTheNextRunFinishes() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        UUID broken = closedCaseDueForDisposal(marker);
        UUID fine = closedCaseDueForDisposal(marker + "x");
        String key = blobKeyOf(broken);
        // the database fails half way through the broken case: after its files and messages are deleted
        try (Connection db = TestDatabase.superuser(context);
                var s = db.createStatement()) {
            s.execute("""
                    CREATE FUNCTION public.fail_disposal() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
                    CREATE TRIGGER fail_disposal BEFORE DELETE ON cases.note FOR EACH ROW
                      WHEN (OLD.case_id = '%s') EXECUTE FUNCTION public.fail_disposal();
                    """.formatted(broken));
        }
        try {
            var outcome = CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));
            assertThat(outcome.failed()).hasSize(1);
            assertThat(outcome.disposed().stream().map(Disposal.Due::caseId))
                    .contains(fine)
                    .doesNotContain(broken);
        } finally {
            try (Connection db = TestDatabase.superuser(context);
                    var s = db.createStatement()) {
                s.execute("DROP TRIGGER fail_disposal ON cases.note; DROP FUNCTION public.fail_disposal();");
            }
        }
        var whole = contentOf(broken);
        assertThat(whole)
                .containsEntry("disposed", false)
                .containsEntry("messages", 1L)
                .containsEntry("notes", 1L)
                .containsEntry("decisions", 1L)
                .containsEntry("files", 1L)
                .containsEntry("records", 0L);
        assertThat((String) whole.get("answers")).contains(marker);
        try (var content = blobs.open(key)) {
            assertThat(content.readAllBytes()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(contentOf(fine)).containsEntry("disposed", true);

        CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));
        assertThat(contentOf(broken)).containsEntry("disposed", true).containsEntry("files", 0L);
        assertThatThrownBy(() -> blobs.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theArchivistsPageShowsTheDryRunAndOnlyArchivistsMayUseIt() throws Exception {
        UUID due = closedCaseDueForDisposal(UUID.randomUUID().toString().substring(0, 8));
        String reference = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT reference FROM cases.\"case\" WHERE id = :c")
                        .param("c", due)
                        .query(String.class)
                        .single());
        var logins = logins();
        var archivist =
                logins.staff(vanersborg, "rune", "Rune Registrator", List.of("arkivarie:KSF-KANSLI"), "konfidentiell");
        var officer = logins.staff(
                vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        var host = (org.springframework.test.web.servlet.request.RequestPostProcessor) r -> {
            r.setServerName("vanersborg.localhost");
            return r;
        };
        mvc.perform(get("/personal/gallring").with(host).with(archivist.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(reference)))
                .andExpect(content().string(Matchers.containsString("IHP SOC 4.2.1")));
        mvc.perform(get("/personal/gallring").with(host).with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/personal/gallring/kor")
                        .with(host)
                        .with(officer.processor())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(contentOf(due)).containsEntry("disposed", false);
        mvc.perform(post("/personal/gallring/sparr")
                        .with(host)
                        .with(archivist.processor())
                        .with(csrf())
                        .param("reference", "SOC 1999/000001")
                        .param("reason", "x"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Det finns inget ärende med det diarienumret.")));
        mvc.perform(post("/personal/gallring/kor")
                        .with(host)
                        .with(archivist.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(contentOf(due)).containsEntry("disposed", true);
    }
}
