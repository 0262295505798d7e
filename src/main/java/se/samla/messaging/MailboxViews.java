package se.samla.messaging;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseIntake;
import se.samla.cases.FieldError;
import se.samla.identity.SignedInUser;
import se.samla.messaging.view.MailboxView;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;
import se.samla.tenancy.Tenants;
import se.samla.web.FieldView;

/** The secure mailbox's pages, from what {@link SecureMailbox} gives: the same thread for the resident and the unit. */
@Component
class MailboxViews {

    private static final DateTimeFormatter MINUTE = SwedishTime.MINUTE;

    private final MessageSource messages;
    private final Tenants tenants;

    MailboxViews(MessageSource messages, Tenants tenants) {
        this.messages = messages;
        this.tenants = tenants;
    }

    MailboxView.Row row(MailboxThreads.Thread t, boolean forStaff, boolean waiting, Locale locale) {
        return new MailboxView.Row(
                t.id().toString(),
                t.reference(),
                t.subject(),
                unitName(t.unit(), locale),
                forStaff ? t.residentName() : null,
                status(t, forStaff, locale),
                MINUTE.format(t.updatedAt()),
                waiting);
    }

    /** A thread of the resident's that this login may not read: only that it is there, and what it takes. */
    MailboxView.Row hiddenRow(MailboxThreads.Thread t, Locale locale) {
        return new MailboxView.Row(
                t.id().toString(),
                t.reference(),
                t("mailbox.hidden", locale, t.assuranceLevel()),
                unitName(t.unit(), locale),
                null,
                "–",
                MINUTE.format(t.updatedAt()),
                false);
    }

    MailboxView.Write write(
            List<SecureMailbox.Recipient> recipients,
            UUID submissionId,
            String unit,
            String subject,
            String body,
            List<FieldError> errors,
            Locale locale) {
        List<FieldView.Choice> choices = recipients.stream()
                .map(r -> new FieldView.Choice(
                        r.unit(),
                        unitName(r.unit(), locale),
                        r.unit().equals(unit),
                        t(
                                r.allowed() ? "mailbox.unit.level" : "mailbox.unit.level-too-low",
                                locale,
                                r.assuranceLevel())))
                .toList();
        return new MailboxView.Write(
                submissionId.toString(),
                field(
                        "unit",
                        "CHOICE",
                        t("mailbox.field.unit", locale),
                        null,
                        true,
                        choices,
                        null,
                        errors,
                        null,
                        locale),
                field(
                        "subject",
                        "TEXT",
                        t("mailbox.field.subject", locale),
                        t("mailbox.field.subject.help", locale),
                        true,
                        List.of(),
                        subject,
                        errors,
                        MailboxProblems.MAX_SUBJECT,
                        locale),
                body(body, errors, locale),
                files(errors, locale),
                problems(errors, locale),
                null);
    }

    /** A thread as the resident or the unit reads it. */
    MailboxView.Thread thread(
            MailboxThreads.Conversation conversation,
            SignedInUser.Staff staff,
            boolean mayAct,
            List<se.samla.catalog.CaseType> caseTypes,
            List<se.samla.cases.CaseHandling.CaseInfo> openCases,
            String draft,
            List<FieldError> errors,
            String notice,
            Locale locale) {
        var t = conversation.thread();
        boolean forStaff = staff != null;
        String base = (forStaff ? "/personal/inkorg/" : "/mina-sidor/meddelanden/") + t.id();
        List<MailboxView.Message> list = new ArrayList<>();
        for (MailboxThreads.Message m : conversation.messages()) {
            List<MailboxView.File> files = m.fileIds().stream()
                    .map(conversation.files()::get)
                    .filter(java.util.Objects::nonNull)
                    .map(f -> new MailboxView.File(f.id().toString(), f.filename(), size(f.sizeBytes())))
                    .toList();
            boolean own = m.fromResident() != forStaff;
            list.add(new MailboxView.Message(
                    m.fromResident(),
                    m.authorName(),
                    MINUTE.format(m.sentAt()),
                    m.body(),
                    files,
                    own ? t(m.read() ? "mailbox.read" : "mailbox.unread", locale) : null));
        }
        boolean takesMore = !t.inCase();
        String caseLink =
                t.caseId() == null ? null : (forStaff ? "/personal/arenden/" : "/mina-sidor/arenden/") + t.caseId();
        String resident = forStaff
                ? t.residentName() + ", " + t.identityNumber().substring(0, 8) + "-"
                        + t.identityNumber().substring(8)
                : null;
        return new MailboxView.Thread(
                base,
                t.reference(),
                t.subject(),
                unitName(t.unit(), locale),
                status(t, forStaff, locale),
                forStaff ? t("confidentiality." + t.confidentiality().name(), locale) : null,
                resident,
                t.caseReference(),
                caseLink,
                list,
                UUID.randomUUID().toString(),
                t.submissionId().toString(),
                t.version(),
                takesMore && mayAct ? reply(draft, forStaff, errors, locale) : null,
                takesMore && mayAct && !forStaff ? files(errors, locale) : null,
                problems(errors, locale),
                notice,
                forStaff && mayAct && t.open(),
                caseTypes.stream()
                        .map(c -> new MailboxView.Option(
                                c.code(), c.definition().name().in(locale)))
                        .toList(),
                forStaff && mayAct && takesMore && !caseTypes.isEmpty(),
                forStaff && mayAct && takesMore
                        ? openCases.stream()
                                .map(c -> new MailboxView.Option(c.id().toString(), c.reference()))
                                .toList()
                        : List.of(),
                error(errors, "caseType", locale),
                error(errors, "caseId", locale));
    }

    String status(MailboxThreads.Thread t, boolean forStaff, Locale locale) {
        return switch (t.status()) {
            case "CASE" -> t("mailbox.status.CASE", locale, t.caseReference());
            case "CLOSED" -> t(forStaff ? "mailbox.status.CLOSED.staff" : "mailbox.status.CLOSED", locale);
            default -> t("mailbox.status.OPEN." + t.waitingFor(), locale);
        };
    }

    private FieldView reply(String draft, boolean forStaff, List<FieldError> errors, Locale locale) {
        return new FieldView(
                "body",
                "LONG_TEXT",
                t(forStaff ? "mailbox.field.answer" : "mailbox.field.reply", locale),
                t(forStaff ? "mailbox.field.answer.help" : "mailbox.field.reply.help", locale),
                true,
                null,
                List.of(),
                draft,
                null,
                null,
                null,
                error(errors, "body", locale),
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                MailboxProblems.MAX_BODY,
                null,
                null);
    }

    private FieldView body(String body, List<FieldError> errors, Locale locale) {
        return field(
                "body",
                "LONG_TEXT",
                t("mailbox.field.body", locale),
                t("mailbox.field.body.help", locale),
                true,
                List.of(),
                body,
                errors,
                MailboxProblems.MAX_BODY,
                locale);
    }

    private FieldView files(List<FieldError> errors, Locale locale) {
        var f = CaseIntake.MESSAGE_FILES;
        return new FieldView(
                f.key(),
                "FILE",
                t("mailbox.field.files", locale),
                null,
                false,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                error(errors, f.key(), locale),
                null,
                null,
                null,
                List.of(),
                String.join(",", f.accept()),
                f.effectiveMaxFiles(),
                f.effectiveMaxBytes() / (1024 * 1024),
                null,
                null,
                null);
    }

    private FieldView field(
            String key,
            String type,
            String label,
            String help,
            boolean required,
            List<FieldView.Choice> choices,
            String value,
            List<FieldError> errors,
            Integer maxLength,
            Locale locale) {
        return new FieldView(
                key,
                type,
                label,
                help,
                required,
                null,
                choices,
                value,
                null,
                null,
                null,
                error(errors, key, locale),
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                maxLength,
                null,
                null);
    }

    List<MailboxView.Problem> problems(List<FieldError> errors, Locale locale) {
        return errors.stream()
                .map(e -> new MailboxView.Problem(FieldView.id(e.field()), message(e, locale)))
                .toList();
    }

    private String error(List<FieldError> errors, String field, Locale locale) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(e -> message(e, locale))
                .findFirst()
                .orElse(null);
    }

    private String message(FieldError e, Locale locale) {
        return messages.getMessage(e.messageKey(), e.args().toArray(), locale);
    }

    String unitName(String code, Locale locale) {
        return tenants.unit(CurrentTenant.require(), code)
                .map(u -> u.name().in(locale))
                .orElse(code);
    }

    String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? Math.max(1, bytes / 1024) + " kB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
