package se.samla.guide;

import java.util.List;
import se.samla.shared.LocalizedText;

/**
 * A life event (livshändelse) as residents name it, as written in config/life-events.yml (the shared default set)
 * or a tenant's own config/tenants/{slug}/life-events.yml, and what belongs to it.
 *
 * @param code       its name in the address /livshandelser/{code}
 * @param eServices  the e-services that belong to it, by case-type code
 * @param reports    the problem-report categories, by case-type code
 * @param facilities the facilities to book, by code
 * @param pages      information pages elsewhere (the municipality's web site, a national authority)
 * @param keywords   other words residents use for it, for the search
 */
record LifeEvent(
        String code,
        LocalizedText name,
        LocalizedText summary,
        List<String> eServices,
        List<String> reports,
        List<String> facilities,
        List<InformationPage> pages,
        List<String> keywords) {

    LifeEvent {
        eServices = eServices == null ? List.of() : List.copyOf(eServices);
        reports = reports == null ? List.of() : List.copyOf(reports);
        facilities = facilities == null ? List.of() : List.copyOf(facilities);
        pages = pages == null ? List.of() : List.copyOf(pages);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /** A page of information outside Samla, by its address. */
    record InformationPage(LocalizedText title, String url, LocalizedText summary) {}
}
