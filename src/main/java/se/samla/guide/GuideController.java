package se.samla.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import se.samla.guide.view.GuideViews;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;

/** The tenant's start page with its life events, each life event's page, and the one search. */
@Controller
class GuideController {

    private final LifeEvents lifeEvents;
    private final GuideIndex index;
    private final SiteSearch search;
    private final MessageSource messages;

    GuideController(LifeEvents lifeEvents, GuideIndex index, SiteSearch search, MessageSource messages) {
        this.lifeEvents = lifeEvents;
        this.index = index;
        this.search = search;
        this.messages = messages;
    }

    @GetMapping("/")
    String home(Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        TenantId tenant = CurrentTenant.require();
        model.addAttribute(
                "home",
                new GuideViews.Home(lifeEvents.of(tenant, index.offered(tenant)).stream()
                        .map(g -> new GuideViews.LifeEventLink(
                                g.event().code(),
                                g.event().name().in(locale),
                                g.event().summary().in(locale)))
                        .toList()));
        return "guide/home";
    }

    @GetMapping("/livshandelser/{code}")
    String lifeEvent(@PathVariable String code, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        TenantId tenant = CurrentTenant.require();
        var gathered = lifeEvents
                .of(tenant, code, index.offered(tenant))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<GuideViews.Section> sections = new ArrayList<>();
        for (GuideItem.Kind kind : GuideItem.Kind.values()) {
            List<GuideViews.Link> links = gathered.items().stream()
                    .filter(item -> item.kind() == kind)
                    .map(item -> link(item, locale))
                    .toList();
            if (!links.isEmpty()) {
                sections.add(new GuideViews.Section(
                        kind.name().toLowerCase(Locale.ROOT), text("guide.kind." + kind, locale), links, null, null));
            }
        }
        model.addAttribute(
                "event",
                new GuideViews.LifeEvent(
                        gathered.event().name().in(locale),
                        gathered.event().summary().in(locale),
                        sections));
        return "guide/life-event";
    }

    @GetMapping("/sok")
    String search(@RequestParam(name = "q", required = false) String q, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        var result = search.search(new SearchQuery(CurrentTenant.require(), q, locale));
        List<GuideViews.Section> sections = new ArrayList<>();
        result.indexed()
                .forEach((kind, entries) -> sections.add(new GuideViews.Section(
                        kind.name().toLowerCase(Locale.ROOT),
                        text("guide.kind." + kind, locale),
                        entries.stream()
                                .map(e -> new GuideViews.Link(
                                        e.name(), e.summary(), e.path(), e.external(), e.provider()))
                                .toList(),
                        null,
                        null)));
        for (SearchSource.Found found : result.live()) {
            sections.add(new GuideViews.Section(
                    found.group().name().toLowerCase(Locale.ROOT),
                    text("guide.group." + found.group(), locale),
                    found.hits().stream()
                            .map(h -> new GuideViews.Link(h.title(), h.detail(), h.path(), false, null))
                            .toList(),
                    found.morePath(),
                    found.morePath() == null ? null : text("guide.group." + found.group() + ".more", locale)));
        }
        model.addAttribute(
                "search",
                new GuideViews.Search(
                        result.query().text(),
                        !result.query().isEmpty(),
                        sections,
                        sections.stream().mapToInt(s -> s.links().size()).sum()));
        return "guide/search";
    }

    private static GuideViews.Link link(GuideItem item, Locale locale) {
        return new GuideViews.Link(
                item.name().in(locale),
                item.summary().in(locale),
                item.path(),
                item.path().startsWith("https://"),
                item.provider());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
