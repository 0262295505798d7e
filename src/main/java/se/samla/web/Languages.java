package se.samla.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The languages pages are offered in, Swedish first. Texts come from the message bundles (messages_{tag}.properties);
 * a language written right to left gets a mirrored layout. With samla.web.pseudo-locale on, the pseudo-locale ar-XB
 * is accepted as well (?lang=ar-XB), though not offered in the language switch: the English texts, written right to
 * left, to check the layout without a translation.
 */
@Component
public class Languages {

    public static final Locale SWEDISH = Locale.forLanguageTag("sv");
    public static final Locale PSEUDO_RTL = Locale.forLanguageTag("ar-XB");
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ps", "ur", "yi", "ckb", "dv");

    private final List<Locale> offered;
    private final List<Locale> accepted;

    Languages(
            @Value("${samla.web.languages:sv,en}") List<String> tags,
            @Value("${samla.web.pseudo-locale:false}") boolean pseudoLocale) {
        List<Locale> all = new ArrayList<>();
        all.add(SWEDISH);
        for (String tag : tags) {
            Locale locale = Locale.forLanguageTag(tag.strip());
            if (!locale.getLanguage().isEmpty() && !all.contains(locale)) {
                all.add(locale);
            }
        }
        this.offered = List.copyOf(all);
        if (pseudoLocale) {
            all.add(PSEUDO_RTL);
        }
        this.accepted = List.copyOf(all);
    }

    /** The languages the language switch offers. */
    public List<Locale> offered() {
        return offered;
    }

    /** The offered language that best matches, by its whole tag or else by its language; else Swedish. */
    public Locale closest(Locale wanted) {
        if (wanted == null) {
            return SWEDISH;
        }
        return accepted.stream()
                .filter(l -> l.toLanguageTag().equalsIgnoreCase(wanted.toLanguageTag()))
                .findFirst()
                .or(() -> offered.stream()
                        .filter(l -> l.getLanguage().equals(wanted.getLanguage())
                                && l.getCountry().isEmpty())
                        .findFirst())
                .orElse(SWEDISH);
    }

    public static boolean rightToLeft(Locale locale) {
        return RIGHT_TO_LEFT.contains(locale.getLanguage());
    }

    public static boolean pseudo(Locale locale) {
        return PSEUDO_RTL.equals(locale);
    }
}
