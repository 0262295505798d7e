package se.samla.shared;

/**
 * Text that can be stored as it was typed. NUL cannot be stored in PostgreSQL text, other control
 * characters are never typed, and U+FFFD is what bytes that were not UTF-8 became on the way in: text with
 * any of them is refused rather than kept in a form nobody typed.
 */
public final class StorableText {

    private StorableText() {}

    public static boolean isStorable(String text) {
        return text == null
                || text.chars()
                        .noneMatch(
                                c -> c == 0xFFFD || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'));
    }
}
