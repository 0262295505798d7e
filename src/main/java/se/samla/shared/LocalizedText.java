package se.samla.shared;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/** A text in Swedish, with English as the second language (falls back to Swedish). */
public record LocalizedText(String sv, String en) implements Serializable {

    public LocalizedText {
        Objects.requireNonNull(sv, "sv");
    }

    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : sv;
    }
}
