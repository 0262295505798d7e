package se.samla.opendata;

import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.samla.identity.CurrentUser;
import se.samla.opendata.view.OpenDataView;
import se.samla.reports.PublicMaps;
import se.samla.shared.SwedishTime;

/** The public open data page: every dataset, a preview of its first rows, a map where it has places, and downloads. */
@Controller
class OpenDataController {

    private final OpenDataPages pages;
    private final PublicMaps maps;
    private final MessageSource messages;

    OpenDataController(OpenDataPages pages, PublicMaps maps, MessageSource messages) {
        this.pages = pages;
        this.maps = maps;
        this.messages = messages;
    }

    /**
     * Administrators choose which datasets are published, reach their uploaded datasets, and set the smallest
     * group statistics show.
     */
    @GetMapping("/admin/oppna-data")
    String settings(
            @RequestParam(name = "sparad", required = false) String saved,
            @RequestParam(name = "borttagen", required = false) String deleted,
            Model model) {
        String done = saved != null
                ? text("opendata.settings.saved-dataset", saved)
                : deleted != null ? text("opendata.settings.deleted-dataset", deleted) : null;
        var overview = pages.overview();
        model.addAttribute("settings", settingsView(overview, String.valueOf(overview.smallestGroup()), null, done));
        return "opendata/settings";
    }

    private static OpenDataView.Settings settingsView(
            OpenDataPages.Overview overview, String smallest, String smallestError, String done) {
        var all = overview.datasets().stream()
                .map(d -> new OpenDataView.Setting(d.id(), d.title(), d.published()))
                .toList();
        var own = overview.uploaded().stream()
                .map(u -> new OpenDataView.Uploaded(
                        u.id(),
                        u.details().title(),
                        u.fileName(),
                        u.rows(),
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                .format(u.modified().atZone(SwedishTime.ZONE))))
                .toList();
        return new OpenDataView.Settings(
                all, own, smallest, smallestError, OpenDataSettings.LOWEST, OpenDataSettings.HIGHEST, done);
    }

    @PostMapping("/admin/oppna-data/minsta-grupp")
    String smallestGroup(
            @RequestParam(name = "smallest", required = false) String smallest,
            Model model,
            HttpServletResponse response) {
        var admin = CurrentUser.requireStaff();
        Integer n = null;
        try {
            n = smallest == null ? null : Integer.valueOf(smallest.strip());
        } catch (NumberFormatException e) {
            // told below
        }
        if (n == null || n < OpenDataSettings.LOWEST || n > OpenDataSettings.HIGHEST) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "settings",
                    settingsView(
                            pages.overview(),
                            smallest == null ? "" : smallest,
                            text(
                                    "opendata.settings.smallest-error",
                                    String.valueOf(OpenDataSettings.LOWEST),
                                    String.valueOf(OpenDataSettings.HIGHEST)),
                            null));
            return "opendata/settings";
        }
        pages.smallestGroup(n, admin.auditId());
        return "redirect:/admin/oppna-data";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    @PostMapping("/admin/oppna-data")
    String change(@RequestParam(name = "published", required = false) List<String> published) {
        var admin = CurrentUser.requireStaff();
        pages.publishOnly(published == null ? Set.of() : Set.copyOf(published), admin.auditId());
        return "redirect:/admin/oppna-data";
    }

    @GetMapping("/oppna-data")
    String page(Model model, HttpServletResponse response) {
        List<OpenDataView.Item> items = pages.published().stream()
                .map(p -> {
                    Dataset d = p.dataset();
                    var description = p.description();
                    return new OpenDataView.Item(
                            d.id(),
                            description.title(),
                            description.description(),
                            description.keywords(),
                            d.located() ? List.of("csv", "json", "geojson") : List.of("csv", "json"),
                            d.columns(),
                            p.preview(),
                            d.located() ? maps.of("/datasets/" + d.id() + ".geojson") : null,
                            text("opendata.licence." + description.licence().name()),
                            description.licence().iri);
                })
                .toList();
        maps.allowTiles(response);
        model.addAttribute("open", new OpenDataView(items));
        return "opendata/open-data";
    }
}
