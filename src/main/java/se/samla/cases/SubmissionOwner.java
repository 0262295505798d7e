package se.samla.cases;

import java.util.Objects;
import java.util.UUID;
import se.samla.identity.BrowserSession;

/**
 * Who started a submission, and so the only one who may add files to it, send it or see its receipt: a
 * logged-in resident, an API client, an Open311 key, or one anonymous browser session.
 *
 * @param key     what the submission is stored under
 * @param browser the browser session's key as well, when a resident logged in during the form: a
 *                submission started before the login is still theirs
 */
public record SubmissionOwner(String key, String browser) {

    public SubmissionOwner {
        Objects.requireNonNull(key, "key");
    }

    public static SubmissionOwner resident(UUID personId, String browserToken) {
        return new SubmissionOwner(
                "person:" + personId, browserToken == null ? null : BrowserSession.key(browserToken));
    }

    public static SubmissionOwner browser(String browserToken) {
        return new SubmissionOwner(BrowserSession.key(Objects.requireNonNull(browserToken)), null);
    }

    /**
     * A resident's thread in the secure mailbox: theirs, but not one of their forms, so a form can neither take a
     * thread's submission nor a thread a form's.
     */
    public static SubmissionOwner mailbox(UUID personId) {
        return new SubmissionOwner("mailbox:person:" + personId, null);
    }

    public static SubmissionOwner apiClient(String clientId) {
        return new SubmissionOwner("client:" + clientId, null);
    }

    /** Another municipality of the installation, handing a case over. */
    static SubmissionOwner municipality(String slug) {
        return new SubmissionOwner("municipality:" + slug, null);
    }

    public static SubmissionOwner open311(UUID keyId) {
        return new SubmissionOwner("open311:" + keyId, null);
    }

    boolean isResident() {
        return key.startsWith("person:");
    }

    boolean owns(String storedOwner) {
        return key.equals(storedOwner) || (browser != null && browser.equals(storedOwner));
    }
}
