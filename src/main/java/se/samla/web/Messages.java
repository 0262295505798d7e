package se.samla.web;

import java.util.Locale;
import org.springframework.context.MessageSource;

/** User-facing text in the reader's language, from the message bundles. */
public final class Messages {

    private final MessageSource source;
    private final Locale locale;

    Messages(MessageSource source, Locale locale) {
        this.source = source;
        this.locale = locale;
    }

    public String t(String key, Object... args) {
        return source.getMessage(key, args, key, locale);
    }

    public Locale locale() {
        return locale;
    }
}
