package se.samla.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** A case officer's work on a case, for tests of other modules: an application, a decision, a completion request. */
public final class TestCaseWork {

    private final CaseIntake intake;
    private final CaseWork work;
    private final CaseQueries queries;
    private final TenantTransactions transactions;
    private final Disposal disposal;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final CaseSubmissions submissions;
    private final se.samla.catalog.Catalog catalog;

    private TestCaseWork(ApplicationContext context) {
        this.submissions = context.getBean(CaseSubmissions.class);
        this.catalog = context.getBean(se.samla.catalog.Catalog.class);
        this.intake = context.getBean(CaseIntake.class);
        this.work = context.getBean(CaseWork.class);
        this.queries = context.getBean(CaseQueries.class);
        this.transactions = context.getBean(TenantTransactions.class);
        this.disposal = context.getBean(Disposal.class);
        this.jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
    }

    public static TestCaseWork from(ApplicationContext context) {
        return new TestCaseWork(context);
    }

    /** An application for economic assistance (a registered, confidential case type) by a logged-in resident. */
    public UUID welfareApplication(TenantId tenant, UUID personId, String name, String identityNumber) {
        return transactions.call(
                tenant,
                () -> TestIntake.open(
                                intake,
                                "ekonomiskt-bistand",
                                null,
                                new CaseIntake.Reporter(personId, name, identityNumber, "person:" + personId),
                                UUID.randomUUID(),
                                TestIntake.welfareApplication(
                                        "Arbetslös", "post-" + UUID.randomUUID() + "@example.org"),
                                CaseIntake.Channel.E_SERVICE)
                        .caseId());
    }

    /**
     * A case of the type sent by a logged-in resident with these answers as they are stored (the form's own checks,
     * such as required files, left out).
     *
     * @return the case's id and reference
     */
    public java.util.Map.Entry<UUID, String> submitted(
            TenantId tenant,
            String caseType,
            UUID personId,
            String name,
            String identityNumber,
            java.util.Map<String, Object> answers) {
        return transactions.call(tenant, () -> {
            var submitted = submissions.submit(
                    catalog.current(tenant, caseType).orElseThrow(),
                    new Applicant(personId, name, identityNumber, "person:" + personId),
                    UUID.randomUUID(),
                    answers,
                    CaseSubmissions.Channel.E_SERVICE);
            return java.util.Map.entry(submitted.caseId(), submitted.reference());
        });
    }

    /** The same, sent by a signatory for an organisation. */
    public java.util.Map.Entry<UUID, String> submittedFor(
            TenantId tenant,
            String caseType,
            String organisationNumber,
            String organisationName,
            UUID personId,
            String name,
            String identityNumber,
            java.util.Map<String, Object> answers) {
        return transactions.call(tenant, () -> {
            var submitted = submissions.submit(
                    catalog.current(tenant, caseType).orElseThrow(),
                    new Applicant(
                            null,
                            organisationName,
                            null,
                            "person:" + personId,
                            new CaseIntake.OnBehalf(
                                    personId, name, identityNumber, "ORGANISATION", organisationNumber)),
                    UUID.randomUUID(),
                    answers,
                    CaseSubmissions.Channel.E_SERVICE);
            return java.util.Map.entry(submitted.caseId(), submitted.reference());
        });
    }

    public void decide(TenantId tenant, UUID caseId, String outcome, String reasons, String legalReference) {
        CurrentTenant.runAs(tenant, () -> {
            var c = queries.byId(caseId).orElseThrow();
            work.decide(
                    c,
                    c.version(),
                    outcome,
                    reasons,
                    legalReference,
                    new CaseWork.Worker("staff:test", "Sara Socialsekreterare"));
        });
    }

    /** The case moved to the status by a case officer. */
    public void transition(TenantId tenant, UUID caseId, String to) {
        CurrentTenant.runAs(tenant, () -> {
            var c = queries.byId(caseId).orElseThrow();
            work.transition(c, c.version(), to, new CaseWork.Worker("staff:test", "Sara Socialsekreterare"));
        });
    }

    public void requestCompletion(TenantId tenant, UUID caseId, List<String> items, LocalDate dueOn) {
        CurrentTenant.runAs(tenant, () -> {
            var c = queries.byId(caseId).orElseThrow();
            work.requestCompletion(
                    c, c.version(), items, dueOn, new CaseWork.Worker("staff:test", "Sara Socialsekreterare"));
        });
    }

    /** A case officer's message to the applicant, sent as a letter too. */
    public void messageAsLetter(TenantId tenant, UUID caseId, String body) {
        CurrentTenant.runAs(tenant, () -> {
            var c = queries.byId(caseId).orElseThrow();
            work.message(c, true, body, new CaseWork.Worker("staff:test", "Sara Socialsekreterare"), true);
        });
    }

    /** Disposes of a closed case now, as if its disposal day had passed. */
    public void dispose(TenantId tenant, UUID caseId) {
        LocalDate today = LocalDate.now(se.samla.shared.SwedishTime.ZONE);
        transactions.run(
                tenant,
                () -> jdbc.sql("UPDATE cases.\"case\" SET disposal_on = :d WHERE tenant_id = :t AND id = :c")
                        .param("t", tenant.value())
                        .param("d", today.minusDays(1))
                        .param("c", caseId)
                        .update());
        CurrentTenant.callAs(tenant, () -> disposal.run(today, "staff:arkivarie"));
    }
}
