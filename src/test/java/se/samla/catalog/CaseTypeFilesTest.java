package se.samla.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong case-type file stops the start with one message naming the file, the line and the field. */
class CaseTypeFilesTest {

    static final Set<String> UNITS = Set.of("SBF-BYGG", "SOC-EKB");

    @TempDir
    Path directory;

    @Test
    void everyDemoCaseTypeIsSound() {
        for (String tenant : new String[] {"vanersborg", "trollhattan"}) {
            var definitions = CaseTypeFiles.readAll(Path.of("config/tenants", tenant, "case-types"), unit -> true);
            assertThat(definitions).isNotEmpty();
        }
        var eServices = CaseTypeFiles.readAll(Path.of("config/tenants/vanersborg/case-types"), unit -> true).stream()
                .filter(d -> !d.isReportCategory())
                .toList();
        assertThat(eServices).hasSizeGreaterThanOrEqualTo(6);
        assertThat(eServices.stream().map(CaseTypeDefinition::unit).distinct().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aValidFileIsRead() throws IOException {
        CaseTypeDefinition d = CaseTypeFiles.read(write("lov", valid()), UNITS::contains);
        assertThat(d.code()).isEqualTo("lov");
        assertThat(d.form()).extracting(FormField::key).containsExactly("what", "why", "more");
        assertThat(d.initialStatus().code()).isEqualTo("ny");
        assertThat(d.allowsTransition("ny", "klar")).isTrue();
        assertThat(d.allowsTransition("klar", "ny")).isFalse();
        assertThat(d.field("more").orElseThrow().showWhen().equals()).isEqualTo("b");
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() throws IOException {
        assertProblem(
                valid().replace("    required: true\n    options:", "    requird: true\n    options:"),
                "line 17, field 'form[0].requird'");
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() throws IOException {
        assertProblem(
                valid().replace("serviceNormDays: 10", "serviceNormDays: tio"), "line 8, field 'serviceNormDays'");
        assertProblem(valid().replace("type: CHOICE", "type: DROPDOWN"), "line 15, field 'form[0].type'");
    }

    @Test
    void soundnessRulesAreNamedWithTheirLine() throws IOException {
        assertProblem(valid().replace("unit: SBF-BYGG", "unit: NOPE"), "line 5, field 'unit': 'NOPE' is not a unit");
        assertProblem(valid().replace("field: what", "field: more"), "line 29, field 'form[2].showWhen.field'");
        assertProblem(valid().replace("equals: b", "equals: c"), "field 'form[2].showWhen.equals'");
        assertProblem(
                valid().replace("next: [klar]", "next: [borta]"),
                "field 'statuses[0].next[0]': 'borta' is not a status");
        assertProblem(
                valid().replace("    final: true\n", "    final: true\n    next: [ny]\n"), "field 'statuses[1].next'");
        assertProblem(
                valid().replace("disposalPeriod: P2Y", "disposalPeriod: två år"), "field 'results[0].disposalPeriod'");
        assertProblem(valid().replace("leadTimeDays: 20", "leadTimeDays: 5"), "field 'leadTimeDays'");
        assertProblem(valid().replace("code: lov", "code: annat"), "field 'code': must be 'lov'");
        assertProblem(
                valid().replace("plainLanguage: { sv: Här söker du lov., en: Here you apply for a permit. }\n", ""),
                "field 'plainLanguage': an e-service needs a plain-language (lättläst) summary");
        assertProblem(valid().replace(", en: Here you apply for a permit. }", " }"), "field 'plainLanguage'");
        assertProblem(valid().replace("level: PUBLIC", "level: CONFIDENTIAL"), "field 'confidentiality.provision'");
        assertProblem(
                valid().replace("form:\n", "report:\n  icon: x\nform:\n"), "field 'startedBy': a report category");
        assertProblem(
                valid().replace("startedBy: RESIDENT\nassuranceLevel: 3", "startedBy: ANYONE")
                        .replace("form:\n", "report:\n  routes:\n    - { area: norr, unit: NOPE }\nform:\n"),
                "field 'report.routes[0].unit'");
    }

    @Test
    void whatASensorsClearingDoesMustNameAStatusToWaitInOrAResult() throws IOException {
        String report = valid().replace("startedBy: RESIDENT\nassuranceLevel: 3", "startedBy: ANYONE");
        assertProblem(
                report.replace("form:\n", "report:\n  sensorCleared: { status: ny, result: beviljat }\nform:\n"),
                "field 'report.sensorCleared': give exactly one of status and result");
        assertProblem(
                report.replace("form:\n", "report:\n  sensorCleared: { status: klar }\nform:\n"),
                "field 'report.sensorCleared.status': 'klar' is not a status of the case type that is not final");
        assertProblem(
                report.replace("form:\n", "report:\n  sensorCleared: { result: avslag }\nform:\n"),
                "field 'report.sensorCleared.result': 'avslag' is not a result");
        Path file = write("lov", report.replace("form:\n", "report:\n  sensorCleared: { result: beviljat }\nform:\n"));
        assertThat(CaseTypeFiles.read(file, UNITS::contains)
                        .report()
                        .sensorCleared()
                        .result())
                .isEqualTo("beviljat");
    }

    @Test
    void registrationAndClassificationMustBeStated() throws IOException {
        assertProblem(valid().replace("registered: true\n", ""), "line 1, field 'registered'");
        assertProblem(
                valid().replace("classification: { confidentiality: 1, integrity: 2, availability: 1 }\n", ""),
                "field 'classification'");
        assertProblem(
                valid().replace("integrity: 2", "integrity: 5"),
                "field 'classification.integrity': must be a level from 0 to 4");
        assertProblem(
                valid().replace("confidentiality: 1,", "confidentiality: 4,"),
                "field 'classification.confidentiality': level 4");
        assertProblem(
                valid().replace("level: PUBLIC", "level: CONFIDENTIAL, provision: \"26 kap. 1 § OSL\"")
                        .replace("registered: true", "registered: false"),
                "field 'registered': documents that may be secret");
        assertProblem(
                valid().replace("level: PUBLIC", "level: CONFIDENTIAL, provision: \"26 kap. 1 § OSL\""),
                "field 'classification.confidentiality': a confidential case type needs at least level 2");
    }

    private void assertProblem(String yaml, String expected) throws IOException {
        Path file = write("lov", yaml);
        assertThatThrownBy(() -> CaseTypeFiles.read(file, UNITS::contains))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Invalid case type " + file)
                .hasMessageContaining(expected);
    }

    private Path write(String code, String yaml) throws IOException {
        return Files.writeString(directory.resolve(code + ".yml"), yaml);
    }

    private static String valid() {
        return """
                code: lov
                name: { sv: Lov, en: Permit }
                description: { sv: Ett lov, en: A permit }
                category: bygga-och-bo
                unit: SBF-BYGG
                startedBy: RESIDENT
                assuranceLevel: 3
                serviceNormDays: 10
                leadTimeDays: 20
                confidentiality: { level: PUBLIC }
                registered: true
                classification: { confidentiality: 1, integrity: 2, availability: 1 }
                form:
                  - key: what
                    type: CHOICE
                    label: { sv: Vad, en: What }
                    required: true
                    options:
                      - { value: a, label: { sv: A, en: A } }
                      - { value: b, label: { sv: B, en: B } }
                  - key: why
                    type: LONG_TEXT
                    label: { sv: Varför, en: Why }
                    required: true
                  - key: more
                    type: TEXT
                    label: { sv: Mer, en: More }
                    showWhen:
                      field: what
                      equals: b
                statuses:
                  - code: ny
                    staff: { sv: Ny, en: New }
                    resident: { sv: Mottagen, en: Received }
                    next: [klar]
                  - code: klar
                    staff: { sv: Klar, en: Done }
                    resident: { sv: Klar, en: Done }
                    final: true
                results:
                  - { code: beviljat, name: { sv: Beviljat, en: Granted }, keep: false, disposalPeriod: P2Y, retentionReference: "IHP 1" }
                plainLanguage: { sv: Här söker du lov., en: Here you apply for a permit. }
                """;
    }
}
