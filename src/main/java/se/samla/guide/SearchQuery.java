package se.samla.guide;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import se.samla.shared.TenantId;

/**
 * What a resident typed in the one search box, for one tenant and language.
 *
 * @param text the words as typed, trimmed and at most {@link #MAX_LENGTH} characters
 */
public record SearchQuery(TenantId tenant, String text, Locale locale) {

    public static final int MAX_LENGTH = 200;

    public SearchQuery {
        text = text == null ? "" : text.strip();
        text = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    public boolean isEmpty() {
        return words().isEmpty();
    }

    /**
     * The words for PostgreSQL's to_tsquery: each word stemmed by the configuration given there and matched as a
     * prefix, all of them required ("bygglov altan" finds "Ansökan om bygglov" with the synonym "altanen"). Only
     * letters and digits pass, so nothing typed can be read as tsquery syntax.
     */
    public String prefixQuery() {
        return Arrays.stream(words().split(" "))
                .filter(w -> !w.isEmpty())
                .map(w -> w + ":*")
                .collect(Collectors.joining(" & "));
    }

    /** The words alone, in lower case, separated by single spaces. */
    public String words() {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
