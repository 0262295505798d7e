package se.samla.cases;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens cases for tests through the one intake, as one test client that owns every submission it names. */
public final class TestIntake {

    public static final SubmissionOwner OWNER = SubmissionOwner.apiClient("test");

    /** The phone number every test application for economic assistance gives. */
    public static final String WELFARE_PHONE = "0521123456";

    private TestIntake() {}

    /** Answers to the feedback form ("synpunkt-klagomal"): a view on streets and parks, no answer wanted. */
    public static Map<String, List<String>> feedback(String message) {
        return Map.of(
                "kind", List.of("synpunkt"),
                "area", List.of("gata-park"),
                "message", List.of(message),
                "wantsAnswer", List.of("nej"));
    }

    /**
     * Answers to the economic assistance form ("ekonomiskt-bistand"): someone living alone, asking for this month's
     * rent, in the situation given, told at the e-mail address given.
     */
    public static Map<String, List<String>> welfareApplication(String situation, String email) {
        return Map.of(
                "household", List.of("ensam"),
                "applyingFor", List.of("hyra"),
                "month",
                        List.of(java.time.LocalDate.now(se.samla.shared.SwedishTime.ZONE)
                                .toString()),
                "monthlyIncome", List.of("4500"),
                "housingCost", List.of("6200"),
                "situation", List.of(situation),
                "phone", List.of(WELFARE_PHONE),
                "email", List.of(email));
    }

    public static CaseIntake.Submission submission(UUID id) {
        return new CaseIntake.Submission(id, OWNER, "test");
    }

    public static FieldError receiveFile(
            CaseIntake intake,
            UUID submission,
            String caseType,
            String field,
            String filename,
            byte[] content,
            String uploadedBy) {
        return intake.receiveFile(
                new CaseIntake.Submission(submission, OWNER, uploadedBy),
                caseType,
                new CaseIntake.NewFile(field, filename, content.length, () -> new ByteArrayInputStream(content)));
    }

    public static CaseIntake.Opened open(
            CaseIntake intake,
            String caseType,
            String unit,
            CaseIntake.Reporter reporter,
            UUID submission,
            Map<String, List<String>> values,
            CaseIntake.Channel channel) {
        return intake.open(new CaseIntake.Application(
                caseType,
                unit,
                reporter,
                new CaseIntake.Submission(submission, OWNER, reporter.auditId()),
                values,
                List.of(),
                channel));
    }
}
