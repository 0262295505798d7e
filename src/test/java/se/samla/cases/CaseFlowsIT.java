package se.samla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import se.samla.SamlaIntegrationTest;
import se.samla.shared.CurrentTenant;

/**
 * The main flows between modules: a case submitted is registered in its own transaction (the law wants the
 * register never to lag behind) and the applicant is told after the commit, through the event registry; a
 * decision is registered the same way and delivered.
 */
@EnableScenarios
class CaseFlowsIT extends SamlaIntegrationTest {

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    CaseQueries queries;

    @BeforeEach
    void setUp() {}

    Map<String, List<String>> application(String email) {
        return TestIntake.welfareApplication("Arbetslös", email);
    }

    int entries(UUID caseId, String kind) {
        return jdbc.sql("SELECT count(*) FROM records.entry WHERE case_id = :c AND kind = :k")
                .param("c", caseId)
                .param("k", kind)
                .query(Integer.class)
                .single();
    }

    int delivered(String eventKey) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM messaging.delivery WHERE event_key = :k AND status = 'SENT'")
                        .param("k", eventKey)
                        .query(Integer.class)
                        .single());
    }

    @Test
    void aSubmittedCaseIsRegisteredInItsOwnTransactionAndTheApplicantIsToldAfterTheCommit(Scenario scenario) {
        AtomicReference<UUID> caseId = new AtomicReference<>();
        CurrentTenant.runAs(
                vanersborg.id(),
                () -> scenario.stimulate(() -> {
                            var opened = TestIntake.open(
                                    intake,
                                    "ekonomiskt-bistand",
                                    null,
                                    new CaseIntake.Reporter(null, "Flödes Testsson", "198705212382", "person:flow"),
                                    UUID.randomUUID(),
                                    application("flode-" + UUID.randomUUID() + "@example.org"),
                                    CaseIntake.Channel.E_SERVICE);
                            caseId.set(opened.caseId());
                            // still inside the submission's transaction: the application is already in the register
                            assertThat(entries(opened.caseId(), "APPLICATION")).isEqualTo(1);
                            return opened;
                        })
                        .andWaitForEventOfType(CaseSubmitted.class)
                        .matching(e -> e.caseId().equals(caseId.get()))
                        .toArriveAndVerify(e -> assertThat(e.tenantId()).isEqualTo(vanersborg.id())));

        CurrentTenant.runAs(
                vanersborg.id(),
                () -> scenario.stimulate(() -> caseId.get())
                        .andWaitForStateChange(() -> delivered("submitted:" + caseId.get()), n -> n > 0)
                        .andVerify(n -> assertThat(n).as("told once").isEqualTo(1)));
    }

    @Test
    void aDecisionIsRegisteredWithItAndDeliveredAfterTheCommit(Scenario scenario) {
        var opened = transactions.call(
                vanersborg.id(),
                () -> TestIntake.open(
                        intake,
                        "ekonomiskt-bistand",
                        null,
                        new CaseIntake.Reporter(null, "Beslut Testsson", "198705212382", "person:flow"),
                        UUID.randomUUID(),
                        application("beslut-" + UUID.randomUUID() + "@example.org"),
                        CaseIntake.Channel.E_SERVICE));
        var worker = new CaseWork.Worker("staff:flow", "Test Handläggare");
        CurrentTenant.runAs(
                vanersborg.id(),
                () -> scenario.stimulate(() -> {
                            var c = queries.byId(opened.caseId()).orElseThrow();
                            work.decide(c, c.version(), "avslag", "Inkomsten täcker behovet", "4 kap. 1 § SoL", worker);
                            assertThat(entries(opened.caseId(), "DECISION")).isEqualTo(1);
                            return opened.caseId();
                        })
                        .andWaitForEventOfType(CaseEvents.DecisionMade.class)
                        .matching(e -> e.caseId().equals(opened.caseId()))
                        .toArrive());

        CurrentTenant.runAs(
                vanersborg.id(),
                () -> scenario.stimulate(() -> opened.caseId())
                        .andWaitForStateChange(() -> delivered("decision:" + opened.caseId()), n -> n > 0)
                        .andVerify(n -> assertThat(n).isEqualTo(1)));
    }
}
