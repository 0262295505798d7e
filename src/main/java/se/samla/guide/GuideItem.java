package se.samla.guide;

import java.util.List;
import se.samla.shared.LocalizedText;

/**
 * Something a resident can find by its name: an e-service, a problem-report category, a facility to book, an open
 * dataset. The module that offers it describes it; the guide gathers it under life events and finds it in the one
 * search.
 *
 * @param code     its code within its kind, as configuration names it
 * @param path     where it opens, within the tenant (starting with /)
 * @param keywords the words residents use for it besides its name (synonyms)
 * @param provider who handles it when that is not the municipality itself (a federation), else null
 */
public record GuideItem(
        Kind kind,
        String code,
        LocalizedText name,
        LocalizedText summary,
        String path,
        List<String> keywords,
        String provider) {

    public GuideItem {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        summary = summary == null ? new LocalizedText("", "") : summary;
    }

    /** The kinds, in the order the search shows their groups. */
    public enum Kind {
        LIFE_EVENT,
        ESERVICE,
        REPORT,
        FACILITY,
        PAGE,
        DATASET
    }
}
