package se.samla.cases;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens cases for tests through the one intake, as one test client that owns every submission it names. */
public final class TestIntake {

    public static final SubmissionOwner OWNER = SubmissionOwner.apiClient("test");

    private TestIntake() {}

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
