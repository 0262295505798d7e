package se.samla.cases;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.samla.catalog.CaseType;
import se.samla.shared.LocalizedText;
import se.samla.tenancy.Tenant;

/**
 * What the e-ID shows a person as they sign an application (the sign message), in Swedish and English: whose
 * application, to which municipality, and the checksum of exactly what is signed.
 */
@Component
class SignMessages {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final MessageSource messages;

    SignMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** @param forWhom the applicant's name when the signer acts for them; else null */
    LocalizedText applicant(Tenant tenant, CaseType type, ApplicationSummary summary, String forWhom) {
        String key = forWhom == null ? "signing.message" : "signing.message-for";
        return new LocalizedText(
                messages.getMessage(
                        key, new Object[] {tenant.name(), name(type, SWEDISH), spaced(summary), forWhom}, SWEDISH),
                messages.getMessage(
                        key,
                        new Object[] {tenant.name(), name(type, Locale.ENGLISH), spaced(summary), forWhom},
                        Locale.ENGLISH));
    }

    LocalizedText guardian(Tenant tenant, CaseType type, String applicant, ApplicationSummary summary) {
        return new LocalizedText(
                messages.getMessage(
                        "signing.co-message",
                        new Object[] {tenant.name(), name(type, SWEDISH), applicant, spaced(summary)},
                        SWEDISH),
                messages.getMessage(
                        "signing.co-message",
                        new Object[] {tenant.name(), name(type, Locale.ENGLISH), applicant, spaced(summary)},
                        Locale.ENGLISH));
    }

    /** "Ansökan om bygglov" reads "ansökan om bygglov" inside a sentence. */
    private static String name(CaseType type, Locale locale) {
        String name = type.definition().name().in(locale);
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(locale) + name.substring(1);
    }

    /** The checksum in groups of eight, which a person can compare by eye. */
    private static String spaced(ApplicationSummary summary) {
        return summary.sha256().replaceAll("(.{8})(?!$)", "$1 ");
    }
}
