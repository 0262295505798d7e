package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samla.SamlaIntegrationTest;
import se.samla.platform.TestDatabase;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenant;

/**
 * After a disposal run nothing of the person remains anywhere in the database: not their identity number,
 * name, e-mail or what they wrote, in any text column of any table (the register, the event outbox, search,
 * sessions, audit details), looked for as a superuser past row-level security.
 */
class NoTraceAfterDisposalIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    CaseQueries queries;

    @Autowired
    Disposal disposal;

    /** A made-up personal identity number, valid and used by no other test. */
    static String personalIdentityNumber() {
        String nine = String.format("600101%03d", ThreadLocalRandom.current().nextInt(100, 999));
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return "19" + nine + (10 - sum % 10) % 10;
    }

    @Test
    void aDisposedCaseLeavesNoTraceOfThePerson() throws Exception {
        Tenant vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        String marker = "spar" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String number = personalIdentityNumber();
        String name = "Gallra " + marker + "sson";
        String email = marker + "@example.org";
        LocalDate today = LocalDate.now(SwedishTime.ZONE);
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
                    new CaseIntake.Reporter(null, name, number, "person:test"),
                    submission,
                    TestIntake.welfareApplication("Skuld " + marker, email),
                    CaseIntake.Channel.E_SERVICE);
        });
        var worker = new CaseWork.Worker("staff:test", "Test Handläggare");
        CurrentTenant.callAs(vanersborg.id(), () -> {
            var c = queries.byId(opened.caseId()).orElseThrow();
            work.message(c, true, "Hej " + name + ", om " + marker, worker);
            work.note(c, "Anteckning om " + marker, worker);
            var now = queries.byId(opened.caseId()).orElseThrow();
            work.decide(now, now.version(), "avslag", "Skäl för " + marker, "4 kap. 1 § SoL", worker);
            return null;
        });
        List<String> traces = List.of(marker, number, number.substring(2), email);
        // the e-mails go out after the commits; only then is the outbox done with the address
        waitUntil(() -> found(traces).stream().noneMatch(f -> f.startsWith("public.event_publication")));
        assertThat(found(traces)).as("before disposal the person is there").isNotEmpty();

        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE cases.\"case\" SET disposal_on = :d WHERE id = :c")
                        .param("d", today.minusDays(1))
                        .param("c", opened.caseId())
                        .update());
        var outcome = CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));
        assertThat(outcome.disposed().stream().map(Disposal.Due::caseId)).contains(opened.caseId());
        waitUntil(() -> found(traces).isEmpty());

        assertThat(found(traces)).isEmpty();
    }

    @Test
    void aSignedApplicationSentOnSomeonesBehalfLeavesNoTraceEither() throws Exception {
        Tenant vanersborg = tenants.bySlug("vanersborg").orElseThrow();
        String marker = "spar" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String ombud = personalIdentityNumber();
        LocalDate today = LocalDate.now(SwedishTime.ZONE);
        var tolvan = (se.samla.identity.SignedInUser.Resident)
                logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212")
                        .user();
        var eid = se.samla.identity.demo.TestSignatures.from(context);
        // Tolvan signs school transport for her child; the other guardian is asked to sign
        var signed = CurrentTenant.callAs(vanersborg.id(), () -> {
            var application = new CaseIntake.Application(
                    "skolskjuts",
                    null,
                    new CaseIntake.Reporter(tolvan.personId(), tolvan.displayName(), "191212121212", tolvan.auditId()),
                    new CaseIntake.Submission(
                            UUID.randomUUID(),
                            SubmissionOwner.resident(tolvan.personId(), "browser"),
                            tolvan.auditId()),
                    ApplicationSigningIT.schoolTransport("201304232398", "Skola " + marker),
                    List.of(),
                    CaseIntake.Channel.E_SERVICE);
            var summary = intake.toSign(application);
            return intake.openSigned(application, eid.sign("191212121212", "Tolvan", "Tolvansson", summary.digest()));
        });
        // an ombud, made up, sends an application for a person, made up too
        String number = personalIdentityNumber();
        var sent = CurrentTenant.callAs(
                vanersborg.id(),
                () -> intake.open(new CaseIntake.Application(
                        "ekonomiskt-bistand",
                        null,
                        new CaseIntake.Reporter(null, "Huvudman " + marker, number, "person:test"),
                        TestIntake.submission(UUID.randomUUID()),
                        TestIntake.welfareApplication("Skuld " + marker, marker + "@example.org"),
                        List.of(),
                        CaseIntake.Channel.E_SERVICE,
                        null,
                        new CaseIntake.OnBehalf(null, "Ombud " + marker, ombud, "POWER_OF_ATTORNEY", null))));
        var worker = new CaseWork.Worker("staff:test", "Test Handläggare");
        for (var opened : List.of(signed, sent)) {
            CurrentTenant.callAs(vanersborg.id(), () -> {
                var c = queries.byId(opened.caseId()).orElseThrow();
                work.decide(c, c.version(), "avslag", "Skäl", "lag", worker);
                return null;
            });
        }
        List<String> traces = List.of(marker, number, ombud);
        waitUntil(() -> found(traces).stream().noneMatch(f -> f.startsWith("public.event_publication")));
        assertThat(found(traces))
                .as("before disposal the signature's summary and the ombud are there")
                .anyMatch(f -> f.startsWith("cases.signature.summary"))
                .anyMatch(f -> f.startsWith("cases.case.actor_"));

        for (var opened : List.of(signed, sent)) {
            transactions.run(
                    vanersborg.id(),
                    () -> jdbc.sql("UPDATE cases.\"case\" SET disposal_on = :d WHERE id = :c")
                            .param("d", today.minusDays(1))
                            .param("c", opened.caseId())
                            .update());
        }
        CurrentTenant.callAs(vanersborg.id(), () -> disposal.run(today, "staff:arkivarie"));
        waitUntil(() -> found(traces).isEmpty());

        assertThat(found(traces)).isEmpty();
    }

    /** Every column of every table that holds text and contains one of the traces, as "schema.table.column". */
    List<String> found(List<String> traces) {
        List<String> hits = new ArrayList<>();
        try (Connection db = TestDatabase.superuser(context);
                var s = db.createStatement()) {
            var columns = new ArrayList<String[]>();
            try (var rs = s.executeQuery("""
                    SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
                    WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                      AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                      AND (table_schema, table_name) IN (SELECT table_schema, table_name FROM information_schema.tables
                                                        WHERE table_type = 'BASE TABLE')
                    """)) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            for (String[] column : columns) {
                String ref = "\"" + column[0] + "\".\"" + column[1] + "\"";
                String col = "\"" + column[2] + "\"";
                for (String trace : traces) {
                    String condition = column[3].equals("bytea")
                            ? "position(convert_to('" + trace + "', 'UTF8') in " + col + ") > 0"
                            : col + "::text LIKE '%" + trace + "%'";
                    try (var rs = s.executeQuery("SELECT count(*) FROM " + ref + " WHERE " + condition)) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            hits.add(column[0] + "." + column[1] + "." + column[2] + " holds " + trace);
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean() && Instant.now().isBefore(end)) {
            Thread.sleep(200);
        }
    }
}
