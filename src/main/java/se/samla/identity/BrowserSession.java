package se.samla.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An anonymous visitor's browser, told apart by a random token kept in its session: what an anonymous
 * submission or a "me too" belongs to. A login keeps the session's attributes, so it keeps the token.
 */
public final class BrowserSession {

    private static final String ATTRIBUTE = "samla.browser";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSession() {}

    /**
     * Who is asking, as a key safe to store: a logged-in person's opaque id, or a hash of this browser's
     * token (the token itself is as good as the session cookie).
     */
    public static String person(HttpServletRequest request) {
        return CurrentUser.get().map(SignedInUser::auditId).orElseGet(() -> key(token(request)));
    }

    /** What a browser's token is stored as. */
    public static String key(String token) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "browser:" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The browser's token, made on first use. Pages with a form call this when they show it, so that the
     * form's posts (a double click sends two at once) only read the session and never race to write it.
     */
    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        if (session.getAttribute(ATTRIBUTE) instanceof String token) {
            return token;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, token);
        return token;
    }
}
