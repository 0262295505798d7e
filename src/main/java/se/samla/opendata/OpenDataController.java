package se.samla.opendata;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.samla.identity.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.samla.opendata.view.OpenDataView;
import se.samla.platform.TenantTransactions;
import se.samla.reports.PublicMaps;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** The public open data page: every dataset, a preview of its first rows, a map where it has places, and downloads. */
@Controller
class OpenDataController {

    static final int PREVIEW_ROWS = 10;

    /** Ends a dataset's stream once the preview has its rows. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    private final PublishedDatasets datasets;
    private final UploadedDatasets uploaded;
    private final OpenDataSettings settings;
    private final TenantTransactions transactions;
    private final PublicMaps maps;
    private final MessageSource messages;

    OpenDataController(PublishedDatasets datasets, UploadedDatasets uploaded, OpenDataSettings settings,
            TenantTransactions transactions, PublicMaps maps, MessageSource messages) {
        this.datasets = datasets;
        this.uploaded = uploaded;
        this.settings = settings;
        this.transactions = transactions;
        this.maps = maps;
        this.messages = messages;
    }

    /**
     * Administrators choose which datasets are published, reach their uploaded datasets, and set the smallest
     * group statistics show.
     */
    @GetMapping("/admin/oppna-data")
    String settings(@RequestParam(name = "sparad", required = false) String saved,
            @RequestParam(name = "borttagen", required = false) String deleted, Model model) {
        String done = saved != null ? text("opendata.settings.saved-dataset", saved)
                : deleted != null ? text("opendata.settings.deleted-dataset", deleted) : null;
        model.addAttribute("settings", settingsView(String.valueOf(settings.smallestGroup()), null, done));
        return "opendata/settings";
    }

    private OpenDataView.Settings settingsView(String smallest, String smallestError, String done) {
        Set<String> off = datasets.switchedOff();
        var all = datasets.all().stream().map(d -> new OpenDataView.Setting(d.id(),
                transactions.read(CurrentTenant.require(), d::describe).title(), !off.contains(d.id()))).toList();
        var own = uploaded.all().stream().map(u -> new OpenDataView.Uploaded(u.id(), u.details().title(), u.fileName(), u.rows(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(u.modified().atZone(SwedishTime.ZONE)))).toList();
        return new OpenDataView.Settings(all, own, smallest, smallestError, OpenDataSettings.LOWEST, OpenDataSettings.HIGHEST,
                done);
    }

    @PostMapping("/admin/oppna-data/minsta-grupp")
    String smallestGroup(@RequestParam(name = "smallest", required = false) String smallest, Model model,
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
            model.addAttribute("settings", settingsView(smallest == null ? "" : smallest, text("opendata.settings.smallest-error",
                    String.valueOf(OpenDataSettings.LOWEST), String.valueOf(OpenDataSettings.HIGHEST)), null));
            return "opendata/settings";
        }
        settings.smallestGroup(n, admin.auditId());
        return "redirect:/admin/oppna-data";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    @PostMapping("/admin/oppna-data")
    String change(@RequestParam(name = "published", required = false) List<String> published) {
        var admin = CurrentUser.requireStaff();
        datasets.publishOnly(published == null ? Set.of() : Set.copyOf(published), admin.auditId());
        return "redirect:/admin/oppna-data";
    }

    @GetMapping("/oppna-data")
    String page(Model model, HttpServletResponse response) {
        List<OpenDataView.Item> items = new ArrayList<>();
        for (Dataset d : datasets.published()) {
            var description = transactions.read(CurrentTenant.require(), d::describe);
            List<List<String>> preview = new ArrayList<>();
            try {
                transactions.read(CurrentTenant.require(), () -> {
                    d.rows(row -> {
                        preview.add(row.values().stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
                        if (preview.size() >= PREVIEW_ROWS) {
                            throw new Enough();
                        }
                    });
                    return null;
                });
            } catch (Enough enough) {
                // the preview is full
            }
            items.add(new OpenDataView.Item(d.id(), description.title(), description.description(), description.keywords(),
                    d.located() ? List.of("csv", "json", "geojson") : List.of("csv", "json"), d.columns(), preview,
                    d.located() ? maps.of("/datasets/" + d.id() + ".geojson") : null,
                    text("opendata.licence." + description.licence().name()), description.licence().iri));
        }
        maps.allowTiles(response);
        model.addAttribute("open", new OpenDataView(items));
        return "opendata/open-data";
    }
}
