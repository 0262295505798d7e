package se.samla.guide.view;

import java.util.List;

/** The start page, a life event's page and the search's answer, as their templates show them. */
public final class GuideViews {

    private GuideViews() {}

    /** Something to open: within the tenant, or (external) elsewhere on the web. */
    public record Link(String title, String summary, String href, boolean external, String provider) {}

    /** A life event as the start page lists it. */
    public record LifeEventLink(String code, String name, String summary) {}

    public record Home(List<LifeEventLink> lifeEvents) {}

    /** One kind of thing under a heading, on a life event's page or in the search's answer. */
    public record Section(String id, String heading, List<Link> links, String moreHref, String moreText) {}

    public record LifeEvent(String name, String summary, List<Section> sections) {}

    /**
     * The search's answer.
     *
     * @param count how many hits were shown, for the status line read out to a screen reader
     */
    public record Search(String query, boolean searched, List<Section> sections, int count) {}
}
