package se.samla.cases;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import se.samla.cases.view.StaffCaseView;
import se.samla.catalog.CaseType;
import se.samla.shared.SwedishTime;

/** What both the resident's and the case officer's pages show of a case's conversation and decision. */
@Component
class CaseViews {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CaseQueries queries;
    private final org.springframework.context.MessageSource messages;
    private final ApplicationSignatures signatures;
    private final se.samla.identity.ESignatures eSignatures;
    private final se.samla.catalog.Catalog catalog;
    private final Attachments attachments;
    private final tools.jackson.databind.json.JsonMapper jsonMapper;
    private final se.samla.booking.Meetings meetings;

    /** The meetings booked about the case, for its page in Mina sidor. */
    List<se.samla.cases.view.CaseView.Step> meetings(UUID caseId, java.util.Locale locale) {
        return meetings.ofCase(caseId).stream()
                .map(m -> new se.samla.cases.view.CaseView.Step(
                        minute(m.startsAt()),
                        messages.getMessage("meeting.mode." + m.mode().name(), null, locale) + ", " + m.officerName()
                                + " (" + messages.getMessage("meeting.status." + m.status(), null, locale) + ")"))
                .toList();
    }

    CaseViews(
            CaseQueries queries,
            org.springframework.context.MessageSource messages,
            ApplicationSignatures signatures,
            se.samla.identity.ESignatures eSignatures,
            se.samla.catalog.Catalog catalog,
            Attachments attachments,
            tools.jackson.databind.json.JsonMapper jsonMapper,
            se.samla.booking.Meetings meetings) {
        this.meetings = meetings;
        this.catalog = catalog;
        this.attachments = attachments;
        this.jsonMapper = jsonMapper;
        this.queries = queries;
        this.messages = messages;
        this.signatures = signatures;
        this.eSignatures = eSignatures;
    }

    /**
     * The application's signatures and requests to sign, each signature checked again as it is shown: the summary
     * kept with it must still have the checksum that was signed, and the e-ID signature must still verify over it.
     */
    /**
     * Whether what was signed is what the case holds: the same answers, and the same files for the form's questions
     * (a completion's files come later and are not part of the application).
     */
    private boolean coversTheCase(ApplicationSummary summary, StoredCase c) {
        var type = catalog.version(se.samla.shared.CurrentTenant.require(), c.caseType(), c.caseTypeVersion());
        if (type.isEmpty()) {
            return false;
        }
        var fileQuestions = type.get().definition().form().stream()
                .filter(f -> f.type() == se.samla.catalog.FieldType.FILE)
                .map(se.samla.catalog.FormField::key)
                .collect(java.util.stream.Collectors.toSet());
        java.util.Map<String, Object> answers = new java.util.HashMap<>(
                jsonMapper.readValue(jsonMapper.writeValueAsString(c.answers()), java.util.Map.class));
        answers.keySet().removeAll(fileQuestions);
        java.util.Set<List<String>> signedFiles = summary.files(jsonMapper).stream()
                .map(f -> List.of(
                        String.valueOf(f.get("question")),
                        String.valueOf(f.get("name")),
                        String.valueOf(f.get("sha256"))))
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<List<String>> keptFiles = attachments.ofCase(c.id()).stream()
                .filter(a -> fileQuestions.contains(a.fieldKey()))
                .map(a -> List.of(a.fieldKey(), a.filename(), a.sha256()))
                .collect(java.util.stream.Collectors.toSet());
        return summary.answers(jsonMapper).equals(answers) && signedFiles.equals(keptFiles);
    }

    /** "Sent by X for Y" for a case someone sent for its applicant; else null. */
    String submittedBy(StoredCase c, Locale locale) {
        return c.sentOnBehalf()
                ? messages.getMessage(
                                "acting-for.submitted-by", new Object[] {c.actorName(), c.applicantName()}, locale)
                        + " ("
                        + messages.getMessage("acting-for.as." + c.actingAs(), null, locale)
                        + ")"
                : null;
    }

    List<StaffCaseView.Signature> signatures(StoredCase c, Locale locale) {
        return signatures.ofCase(c.id()).stream()
                .map(s -> {
                    boolean signed = s.signature() != null;
                    String problem = null;
                    if (signed) {
                        if (!s.applicationSummary().sha256().equals(s.summarySha256())) {
                            problem = messages.getMessage("signature.problem.summary-changed", null, locale);
                        } else if (!coversTheCase(s.applicationSummary(), c)) {
                            problem = messages.getMessage("signature.problem.case-changed", null, locale);
                        } else {
                            var checked = eSignatures.verify(s.signature());
                            if (!checked.holds()) {
                                problem = messages.getMessage("signature.problem.invalid", null, locale);
                            }
                        }
                    }
                    return new StaffCaseView.Signature(
                            s.signerName() != null
                                    ? s.signerName()
                                    : messages.getMessage("signature.guardian-unnamed", null, locale),
                            messages.getMessage("signature.role." + s.role().name(), null, locale),
                            messages.getMessage("signature.status." + s.status().name(), null, locale),
                            minute(
                                    signed
                                            ? s.signature().signedAt()
                                            : s.answeredAt() != null ? s.answeredAt() : s.dueAt()),
                            signed,
                            signed && problem == null,
                            problem,
                            signed ? s.signature().certificateIssuer() : null,
                            s.summarySha256());
                })
                .toList();
    }

    List<StaffCaseView.Message> messages(UUID caseId) {
        return queries.messages(caseId).stream()
                .map(m -> new StaffCaseView.Message(
                        m.toResident(), m.authorName(), m.body(), minute(m.at()), m.readAt() != null))
                .toList();
    }

    List<StaffCaseView.Completion> completions(UUID caseId) {
        return queries.completionRequests(caseId).stream()
                .map(r -> new StaffCaseView.Completion(
                        r.id(),
                        r.items(),
                        DAY.format(r.dueOn()),
                        minute(r.at()),
                        r.answeredAt() == null ? null : minute(r.answeredAt()),
                        r.answer()))
                .toList();
    }

    StaffCaseView.Decision decision(UUID caseId, CaseType type, Locale locale) {
        return queries.decision(caseId)
                .map(d -> new StaffCaseView.Decision(
                        type.definition()
                                .result(d.outcome())
                                .map(r -> r.name().in(locale))
                                .orElse(d.outcome()),
                        d.reasons(),
                        d.legalReference(),
                        d.decidedBy(),
                        minute(d.at()),
                        d.receivedAt() == null
                                ? null
                                : messages.getMessage(
                                        "case.received." + d.receivedVia() + (d.receivedDeemed() ? ".deemed" : ""),
                                        new Object[] {
                                            d.receivedDeemed()
                                                    ? DAY.format(d.receivedAt().atZone(SwedishTime.ZONE))
                                                    : minute(d.receivedAt())
                                        },
                                        locale),
                        d.appealUntil() == null ? null : DAY.format(d.appealUntil())))
                .orElse(null);
    }

    static String minute(Instant instant) {
        return MINUTE.format(instant.atZone(SwedishTime.ZONE));
    }

    /** The messages of a case opened from the secure mailbox, which answered no form. */
    static java.util.Optional<String> writtenMessage(StoredCase c, se.samla.catalog.CaseTypeDefinition definition) {
        return definition.field(CaseIntake.WRITTEN_MESSAGE).isPresent()
                ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(c.answers().get(CaseIntake.WRITTEN_MESSAGE))
                        .map(String::valueOf);
    }

    static String day(Instant instant) {
        return DAY.format(instant.atZone(SwedishTime.ZONE));
    }
}
