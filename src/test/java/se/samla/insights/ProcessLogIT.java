package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import se.samla.SamlaIntegrationTest;
import se.samla.cases.TestCaseWork;
import se.samla.shared.SwedishTime;

/**
 * A manager downloads a case type's event log for process mining (XES): one trace per case of the period, one event
 * per status in order and in time, agreeing with the cases' own history, and nothing that points to a person.
 */
class ProcessLogIT extends SamlaIntegrationTest {

    /** Moves the case and its history into May 2018, a month of this test's own, a day apart per step. */
    void inMay2018(UUID caseId, int day) {
        transactions.run(vanersborg.id(), () -> {
            var submitted = java.time.LocalDate.of(2018, 5, day).atTime(9, 0).atZone(SwedishTime.ZONE);
            jdbc.sql("UPDATE cases.\"case\" SET submitted_at = :s WHERE id = :c")
                    .param("s", java.sql.Timestamp.from(submitted.toInstant()))
                    .param("c", caseId)
                    .update();
            // whole days of seconds, as May has no change of summer time; and a function Citus runs on the shard
            jdbc.sql(
                            "UPDATE cases.status_change SET changed_at = to_timestamp(:s + (seq - 1) * 86400) WHERE case_id = :c")
                    .param("s", (double) submitted.toEpochSecond())
                    .param("c", caseId)
                    .update();
        });
    }

    long steps(List<UUID> cases) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT count(*) FROM insights.case_step WHERE case_id IN (:c)")
                        .param("c", cases)
                        .query(Long.class)
                        .single());
    }

    @Test
    void theEventLogFollowsTheCasesAndNamesNoOne() throws Exception {
        var work = TestCaseWork.from(context);
        List<UUID> cases = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String number = se.samla.booking.TestBookings.personalIdentityNumber(730 + i)
                    .replace("-", "");
            numbers.add(number);
            cases.add(work.welfareApplication(vanersborg.id(), UUID.randomUUID(), "Process Testsson", number));
        }
        work.decide(vanersborg.id(), cases.get(0), "beviljat", "Du har rätt till bistånd.", "4 kap. 1 § SoL");
        // the projection has followed the events; the dates are then moved behind its back, and it reads in again
        await().atMost(Duration.ofSeconds(20)).until(() -> steps(cases) >= 3);
        inMay2018(cases.get(0), 7);
        inMay2018(cases.get(1), 9);
        context.getBean(CaseFactsProjection.class).catchUp(vanersborg, true);

        var manager = logins().staff(vanersborg, "maja", "Maja Chef", List.of("chef:SOC"), "konfidentiell");
        String xes = mvc.perform(atVanersborg(get("/personal/insikter/handelselogg.xes")
                                .param("typ", "ekonomiskt-bistand")
                                .param("fran", "2018-05")
                                .param("till", "2018-05"))
                        .with(manager.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document log = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xes.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Element root = log.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("log");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.xes-standard.org/");
        assertThat(root.getAttribute("xes.version")).isEqualTo("1849-2016");
        NodeList traces = root.getElementsByTagNameNS("http://www.xes-standard.org/", "trace");
        // as many traces as the cases' own table has cases of the type and units in May 2018
        long counted = transactions.read(
                vanersborg.id(), () -> jdbc.sql("""
                                SELECT count(*) FROM cases."case" WHERE case_type = 'ekonomiskt-bistand'
                                AND unit IN ('SOC', 'SOC-EKB') AND submitted_at >= '2018-05-01T00:00:00+02'
                                AND submitted_at < '2018-06-01T00:00:00+02'
                                """).query(Long.class).single());
        assertThat((long) traces.getLength()).isEqualTo(counted).isEqualTo(2);
        // the first came in first: received, then decided a day later, in that order
        List<String> first = names((Element) traces.item(0));
        assertThat(first).containsExactly("Inkommen", "Beslutad");
        assertThat(timestamps((Element) traces.item(0)))
                .containsExactly(Instant.parse("2018-05-07T07:00:00Z"), Instant.parse("2018-05-08T07:00:00Z"));
        assertThat(names((Element) traces.item(1))).containsExactly("Inkommen");
        // nothing that points to a person or a case
        assertThat(xes).doesNotContain("Process Testsson");
        for (String number : numbers) {
            assertThat(xes).doesNotContain(number).doesNotContain(number.substring(0, 8) + "-");
        }
        for (UUID id : cases) {
            assertThat(xes).doesNotContain(id.toString());
        }
        assertThat(xes).doesNotContainPattern("SOC \\d{4}/\\d{6}");

        // a manager whose clearance does not reach the secret case type gets an empty log; staff who manage nothing,
        // none at all
        var internal = logins().staff(vanersborg, "mats", "Mats Mellanchef", List.of("chef:SOC"), "intern");
        String empty = mvc.perform(atVanersborg(get("/personal/insikter/handelselogg.xes")
                                .param("typ", "ekonomiskt-bistand")
                                .param("fran", "2018-05")
                                .param("till", "2018-05"))
                        .with(internal.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(empty).contains("<log").doesNotContain("<trace");
        var officer = logins().staff(
                        vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        mvc.perform(atVanersborg(get("/personal/insikter/handelselogg.xes")
                                .param("typ", "ekonomiskt-bistand")
                                .param("fran", "2018-05")
                                .param("till", "2018-05"))
                        .with(officer.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(get("/personal/insikter/handelselogg.xes")
                                .param("typ", "finns-inte")
                                .param("fran", "2018-05")
                                .param("till", "2018-05"))
                        .with(manager.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/personal/insikter/handelselogg.xes")
                                .param("typ", "ekonomiskt-bistand")
                                .param("fran", "maj")
                                .param("till", "2018-05"))
                        .with(manager.processor()))
                .andExpect(status().isBadRequest());
    }

    static List<String> names(Element trace) {
        return attributes(trace, "string", "concept:name");
    }

    static List<Instant> timestamps(Element trace) {
        return attributes(trace, "date", "time:timestamp").stream()
                .map(value -> java.time.OffsetDateTime.parse(value).toInstant())
                .toList();
    }

    static List<String> attributes(Element trace, String type, String key) {
        List<String> values = new ArrayList<>();
        NodeList events = trace.getElementsByTagNameNS("http://www.xes-standard.org/", "event");
        for (int i = 0; i < events.getLength(); i++) {
            NodeList attributes =
                    ((Element) events.item(i)).getElementsByTagNameNS("http://www.xes-standard.org/", type);
            for (int j = 0; j < attributes.getLength(); j++) {
                Element attribute = (Element) attributes.item(j);
                if (attribute.getAttribute("key").equals(key)) {
                    values.add(attribute.getAttribute("value"));
                }
            }
        }
        return values;
    }
}
