package se.samla.shared;

import java.util.regex.Pattern;

/**
 * Whether a text is an e-mail address as people write them: one @, a domain with a dot, no spaces, and none of
 * the characters that only quoted addresses may hold (which also keeps it safe in a mailto: link). Whether the
 * mailbox exists only sending can tell.
 */
public final class EmailAddress {

    private static final String PLAIN = "[^@\\s<>\"(),;:\\[\\]\\\\{}|^`]";
    private static final Pattern FORM =
            Pattern.compile(PLAIN + "{1,64}@" + PLAIN + "+\\." + "[^@\\s<>\"(),;:\\[\\]\\\\{}|^`.]{2,}");

    private EmailAddress() {}

    public static boolean isValid(String text) {
        return text != null && text.length() <= 254 && FORM.matcher(text).matches();
    }
}
