package se.samla.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.samla.shared.LocalizedText;

/** A case type's fees: worked out from the answers as its taxa says, and a wrong declaration stops the start. */
class FeeAmountsTest {

    static final Set<String> UNITS = Set.of("SBF-BYGG");

    @TempDir
    Path directory;

    @Test
    void theDemoBuildingPermitFeeFollowsTheKindOfWorkAndTheArea() {
        CaseTypeDefinition permit =
                CaseTypeFiles.read(Path.of("config/tenants/vanersborg/case-types/bygglov.yml"), unit -> true);
        Fee fee = permit.fees().get(0);

        assertThat(fee.chargedFor("beviljat")).isTrue();
        assertThat(fee.chargedFor("avskrivet")).isFalse();
        // 6 300 kr for an extension and 42 kr a square metre
        assertThat(FeeAmounts.amount(fee, permit, Map.of("measure", "tillbyggnad", "area", new BigDecimal("24"))))
                .isEqualByComparingTo("7308.00");
        assertThat(FeeAmounts.amount(fee, permit, Map.of("measure", "nybyggnad", "area", 120.5)))
                .isEqualByComparingTo("14861.00");
        // a number kept as text (a case sent before the form typed its numbers) is still a number
        assertThat(FeeAmounts.amount(fee, permit, Map.of("measure", "tillbyggnad", "area", "24")))
                .isEqualByComparingTo("7308.00");
        assertThatThrownBy(() -> FeeAmounts.amount(fee, permit, Map.of("measure", "tillbyggnad")))
                .isInstanceOfSatisfying(FeeAmounts.NotComputable.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("fee.error.answer-missing");
                    assertThat(e.arguments()).containsExactly("Byggnadsarea (kvadratmeter)");
                });
    }

    @Test
    void aTableGivesTheAmountOfTheAnswerAndAFixedFeeIsTheSameForAll() throws IOException {
        var type = CaseTypeFiles.read(write(valid("""
                          - code: avgift
                            name: { sv: Avgift, en: Fee }
                            charged: AT_DECISION
                            table: { by: what, rows: { a: 100, b: 250.50 } }
                            vat: 25
                            account: "3011"
                          - code: fast
                            name: { sv: Fast, en: Fixed }
                            charged: MONTHLY
                            months: 12
                            fixed: 250
                            account: "3520"
                        """)), UNITS::contains);

        assertThat(FeeAmounts.amount(type.fees().get(0), type, Map.of("what", "b")))
                .isEqualByComparingTo("250.50");
        assertThat(type.fees().get(0).vat()).isEqualTo(25);
        assertThat(FeeAmounts.amount(type.fees().get(1), type, Map.of())).isEqualByComparingTo("250.00");
    }

    @Test
    void aFormulaReachesNothingButTheAnswers() {
        var type = new CaseTypeDefinition(
                "lov",
                new LocalizedText("Lov", "Permit"),
                null,
                "x",
                "SBF-BYGG",
                null,
                null,
                null,
                1,
                1,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        for (String formula : List.of(
                "T(java.lang.System).exit(1)",
                "new java.io.File('/tmp/x').delete()",
                "'text'.getClass().forName('java.lang.Runtime')",
                "@someBean.amount()")) {
            Fee fee = new Fee(
                    "x",
                    new LocalizedText("X", "X"),
                    Fee.Charged.AT_DECISION,
                    null,
                    null,
                    null,
                    formula,
                    0,
                    "3011",
                    null);
            assertThatThrownBy(() -> FeeAmounts.amount(fee, type, Map.of()))
                    .as(formula)
                    .isInstanceOf(FeeAmounts.NotComputable.class);
        }
    }

    @Test
    void aFormulaDividesWithoutRoundingToWholeKronor() {
        var type = new CaseTypeDefinition(
                "lov",
                new LocalizedText("Lov", "Permit"),
                null,
                "x",
                "SBF-BYGG",
                null,
                null,
                null,
                1,
                1,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Fee quarter = new Fee(
                "x",
                new LocalizedText("X", "X"),
                Fee.Charged.AT_DECISION,
                null,
                null,
                null,
                "#area / 4",
                0,
                "3011",
                null);
        Fee third = new Fee(
                "x",
                new LocalizedText("X", "X"),
                Fee.Charged.AT_DECISION,
                null,
                null,
                null,
                "#area / 3",
                0,
                "3011",
                null);

        assertThat(FeeAmounts.amount(quarter, type, Map.of("area", 10))).isEqualByComparingTo("2.50");
        assertThat(FeeAmounts.amount(third, type, Map.of("area", 10))).isEqualByComparingTo("3.33");
    }

    @Test
    void aWrongFeeDeclarationIsNamedWithItsField() throws IOException {
        String fee = """
                  - code: avgift
                    name: { sv: Avgift, en: Fee }
                    charged: AT_DECISION
                    formula: "100 * #what"
                    account: "3011"
                """;
        assertProblem(valid(fee.replace("#what", "#nope")), "field 'fees[0].formula': #nope is not a number");
        assertProblem(valid(fee.replace("#what", "#why")), "field 'fees[0].formula': #why is not a number");
        assertProblem(valid(fee.replace("100 * #what", "100 * (")), "field 'fees[0].formula': cannot be read");
        assertProblem(
                valid(fee.replace("100 * #what", "T(java.lang.Math).max(1, 2)")),
                "field 'fees[0].formula': may only compute with the answers");
        assertProblem(valid(fee.replace("account: \"3011\"", "account: \"30\"")), "field 'fees[0].account'");
        assertProblem(valid(fee + "    vat: 20\n"), "field 'fees[0].vat': must be 0, 6, 12 or 25");
        assertProblem(valid(fee + "    fixed: 10\n"), "field 'fees[0]': give exactly one of fixed, table or formula");
        assertProblem(valid(fee + "    results: [avslag]\n"), "field 'fees[0].results[0]': 'avslag' is not a result");
        assertProblem(valid(fee + "    months: 3\n"), "field 'fees[0].months': only a MONTHLY fee");
        assertProblem(
                valid(fee.replace("formula: \"100 * #what\"", "table: { by: what, rows: { a: 100 } }")),
                "field 'fees[0].table.rows': 'b' has no amount");
        assertProblem(
                valid(fee.replace("formula: \"100 * #what\"", "table: { by: why, rows: { a: 100 } }")),
                "field 'fees[0].table.by'");
        // nobody can set the amount when the application arrives: it may only read what is always asked
        assertProblem(
                valid(fee.replace("AT_DECISION", "AT_SUBMISSION")
                                .replace("formula: \"100 * #what\"", "table: { by: what, rows: { a: 1, b: 2 } }"))
                        .replace("    required: true\n    options:", "    options:"),
                "fee charged at submission may only read questions that are always asked and required");
    }

    private void assertProblem(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> CaseTypeFiles.read(file, UNITS::contains))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(expected);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(directory.resolve("lov.yml"), yaml);
    }

    private static String valid(String fees) {
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
                fees:
                """ + fees;
    }
}
